package com.ivpstudio.audit;

import java.util.Optional;

/**
 * Patient code ↔ case id, for the audit screen: the trail stores only case ids, while an administrator thinks in
 * patient codes. Implemented by the cases feature (which already uses the audit), so audit depends on no feature.
 */
public interface CaseCodes {

    /** The case with this patient code (case-insensitive), if any. */
    Optional<Long> caseIdOf(String patientCode);

    /** The patient code of a case, if the case still exists. */
    Optional<String> codeOf(long caseId);
}
