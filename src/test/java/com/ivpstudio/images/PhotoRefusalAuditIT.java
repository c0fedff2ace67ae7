package com.ivpstudio.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ivpstudio.IntegrationTest;
import com.ivpstudio.audit.AuditAction;
import com.ivpstudio.audit.AuditEvent;
import com.ivpstudio.audit.AuditFilter;
import com.ivpstudio.audit.AuditLog;
import com.ivpstudio.cases.CaseDraft;
import com.ivpstudio.cases.CaseService;
import com.ivpstudio.common.UserFacingException;
import com.ivpstudio.language.TranslationFiles;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

/** Every refused photo leaves an audit entry with its reason code, including the size and duplicate refusals. */
@IntegrationTest
@WithMockUser(username = "clinician", roles = "CLINICIAN")
class PhotoRefusalAuditIT {

    @Autowired
    PhotoService photos;

    @Autowired
    CaseService cases;

    @Autowired
    AuditLog audit;

    @Autowired
    PhotoLimits limits;

    long caseId;

    @BeforeEach
    void newCase() {
        CaseDraft d = new CaseDraft();
        d.setPatientCode("AUD-" + UUID.randomUUID().toString().substring(0, 8));
        caseId = cases.create(d).id();
    }

    @Test
    void aStreamOverTheByteLimitIsRefusedAfterReadingOneByteMoreAndAudited() throws Exception {
        AtomicLong read = new AtomicLong();
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                read.incrementAndGet();
                return 0xFF;
            }
        };

        assertThatThrownBy(() -> photos.upload(caseId, details(), endless, "clinician"))
                .isInstanceOfSatisfying(UserFacingException.class,
                        e -> assertThat(english(e)).startsWith("The file is larger than the limit of ").endsWith(" MB."));

        assertThat(read.get()).isEqualTo(limits.maxBytes() + 1);
        assertThat(refusals()).containsExactly("TOO_LARGE");
    }

    @Test
    void theSamePhotoTwiceIsRefusedAsADuplicateAndAudited() throws Exception {
        byte[] png = PhotoFixtures.png(PhotoFixtures.pattern(64, 48));
        photos.upload(caseId, details(), new ByteArrayInputStream(png), "clinician");

        assertThatThrownBy(() -> photos.upload(caseId, details(), new ByteArrayInputStream(png), "clinician"))
                .isInstanceOfSatisfying(UserFacingException.class,
                        e -> assertThat(english(e)).contains("already uploaded"));

        assertThat(refusals()).containsExactly("DUPLICATE");
        assertThat(audit.count(new AuditFilter("clinician", AuditAction.PHOTO_UPLOADED, caseId, null, null))).isEqualTo(1);
    }

    @Test
    void aSanitiserRefusalIsAuditedWithItsReason() {
        assertThatThrownBy(() -> photos.upload(caseId, details(), new byte[0], "clinician"))
                .isInstanceOf(UserFacingException.class);

        assertThat(refusals()).containsExactly("EMPTY");
    }

    private List<String> refusals() {
        return audit.find(new AuditFilter("clinician", AuditAction.PHOTO_REFUSED, caseId, null, null), 0, 10).stream()
                .map(AuditEvent::detail)
                .toList();
    }

    private static PhotoDetails details() {
        return new PhotoDetails(PhotoKind.FRONT, "initial", LocalDate.of(2026, 1, 5), false);
    }

    /** What an English-speaking user reads. */
    private static String english(UserFacingException e) {
        return e.text((key, params) -> new TranslationFiles().getTranslation(key, java.util.Locale.ENGLISH, params));
    }
}
