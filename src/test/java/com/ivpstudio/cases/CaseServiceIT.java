package com.ivpstudio.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ivpstudio.IntegrationTest;
import com.ivpstudio.audit.AuditAction;
import com.ivpstudio.audit.AuditFilter;
import com.ivpstudio.audit.AuditLog;
import com.ivpstudio.common.UserFacingException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

@IntegrationTest
@WithMockUser(username = "clinician", roles = "CLINICIAN")
class CaseServiceIT {

    @Autowired
    CaseService cases;

    @Autowired
    AuditLog audit;

    @Test
    void aCaseRoundTripsWithAllItsFieldsAndIsAudited() {
        CaseDraft draft = draft("RT-" + shortId());
        draft.setDisplayName("Ada Example");
        draft.setBirthYear(2011);
        draft.setSex(Sex.FEMALE);
        draft.setNotes("Class II div 1");
        draft.setTags("Crowding, class II, crowding");

        PatientCase created = cases.create(draft);
        PatientCase read = cases.get(created.id());

        assertThat(read.patientCode()).isEqualTo(draft.getPatientCode());
        assertThat(read.displayName()).isEqualTo("Ada Example");
        assertThat(read.birthYear()).isEqualTo(2011);
        assertThat(read.sex()).isEqualTo(Sex.FEMALE);
        assertThat(read.tags()).containsExactly("crowding", "class ii");
        assertThat(read.status()).isEqualTo(CaseStatus.ACTIVE);
        assertThat(read.createdBy()).isEqualTo("clinician");
        assertThat(audit.count(new AuditFilter(null, AuditAction.CASE_CREATED, created.id(), null, null))).isEqualTo(1);
    }

    @Test
    void editingAndArchivingKeepTheCaseAndRecordWhoDidIt() {
        PatientCase created = cases.create(draft("ED-" + shortId()));
        CaseDraft edit = CaseDraft.of(created);
        edit.setNotes("after review");
        cases.update(created.id(), edit);
        PatientCase archived = cases.archive(created.id());

        assertThat(archived.notes()).isEqualTo("after review");
        assertThat(archived.isArchived()).isTrue();
        assertThat(cases.find(new CaseFilter(created.patientCode(), null, CaseStatus.ACTIVE), List.of(), 0, 10)).isEmpty();
        assertThat(cases.find(new CaseFilter(created.patientCode(), null, CaseStatus.ARCHIVED), List.of(), 0, 10))
                .extracting(PatientCase::id).containsExactly(created.id());
        assertThat(audit.count(new AuditFilter("clinician", AuditAction.CASE_ARCHIVED, created.id(), null, null))).isEqualTo(1);
    }

    @Test
    void aDuplicatePatientCodeIsRefusedWhateverItsCase() {
        String code = "DUP-" + shortId();
        cases.create(draft(code));
        long before = cases.count(new CaseFilter(null, null, null));

        assertThatThrownBy(() -> cases.create(draft(code.toLowerCase())))
                .isInstanceOf(UserFacingException.class)
                .hasMessage("cases.error.code-taken");
        assertThat(cases.count(new CaseFilter(null, null, null))).isEqualTo(before);
    }

    @Test
    void anInvalidDraftIsRefusedWithItsMessage() {
        CaseDraft draft = draft("bad code with spaces");
        assertThatThrownBy(() -> cases.create(draft))
                .isInstanceOf(UserFacingException.class)
                .hasMessage("cases.validation.code-characters");
    }

    @Test
    void filtersByTagAndTextAndSortsOnTheServer() {
        String tag = "t" + shortId().toLowerCase();
        for (String suffix : List.of("C", "A", "B")) {
            CaseDraft d = draft("FS-" + tag + "-" + suffix);
            d.setTags(tag);
            cases.create(d);
        }
        List<PatientCase> sorted = cases.find(new CaseFilter(null, tag, null),
                List.of(new CaseSort(CaseSort.Column.PATIENT_CODE, true)), 0, 10);
        assertThat(sorted).extracting(PatientCase::patientCode).containsExactly(
                "FS-" + tag + "-A", "FS-" + tag + "-B", "FS-" + tag + "-C");
        assertThat(cases.count(new CaseFilter("-" + tag + "-b", null, null))).isEqualTo(1);
        assertThat(cases.find(new CaseFilter(null, tag, null), List.of(), 1, 1)).hasSize(1);
    }

    private static CaseDraft draft(String code) {
        CaseDraft d = new CaseDraft();
        d.setPatientCode(code);
        return d;
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
