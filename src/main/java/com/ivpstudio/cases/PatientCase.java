package com.ivpstudio.cases;

import java.time.Instant;
import java.util.List;

/**
 * A patient case. The patient code is pseudonymous and may appear on screens, images and links; the display name is
 * PHI and is shown to signed-in staff only — never logged, audited or put in a link.
 */
public record PatientCase(
        long id,
        String patientCode,
        String displayName,
        Integer birthYear,
        Sex sex,
        String notes,
        List<String> tags,
        CaseStatus status,
        boolean synthetic,
        String createdBy,
        Instant createdAt,
        String updatedBy,
        Instant updatedAt) {

    public boolean isArchived() {
        return status == CaseStatus.ARCHIVED;
    }
}
