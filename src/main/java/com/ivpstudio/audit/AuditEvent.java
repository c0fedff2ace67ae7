package com.ivpstudio.audit;

import java.time.Instant;

public record AuditEvent(long id, Instant occurredAt, String actor, AuditAction action, Long caseId, String targetId,
        String detail) {
}
