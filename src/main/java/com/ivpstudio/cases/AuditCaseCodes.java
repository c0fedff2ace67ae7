package com.ivpstudio.cases;

import com.ivpstudio.audit.CaseCodes;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Lets the audit screen filter and label events by patient code without knowing cases. */
@Component
class AuditCaseCodes implements CaseCodes {

    private final CaseService cases;

    AuditCaseCodes(CaseService cases) {
        this.cases = cases;
    }

    @Override
    public Optional<Long> caseIdOf(String patientCode) {
        return patientCode == null || patientCode.isBlank() ? Optional.empty()
                : cases.findByCode(patientCode.strip()).map(PatientCase::id);
    }

    @Override
    public Optional<String> codeOf(long caseId) {
        try {
            return Optional.of(cases.get(caseId).patientCode());
        } catch (com.ivpstudio.common.UserFacingException gone) {
            return Optional.empty();
        }
    }
}
