package com.ivpstudio.audit;

import java.time.Instant;

/** Every field optional: null means "any". */
public record AuditFilter(String actor, AuditAction action, Long caseId, Instant from, Instant to) {

    public static AuditFilter any() {
        return new AuditFilter(null, null, null, null, null);
    }
}
