package com.ivpstudio.audit;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One stored audit entry. The action is kept as the name stored in the row: a row written by an older or newer
 * version (or another node) may name an action this version does not know, and the trail must still list it.
 */
public record AuditEvent(long id, Instant occurredAt, String actor, String actionName, Long caseId, String targetId,
        String detail) {

    private static final Map<String, AuditAction> KNOWN = Arrays.stream(AuditAction.values())
            .collect(Collectors.toUnmodifiableMap(AuditAction::name, Function.identity()));

    /** The action, or empty when this version does not know the stored name. */
    public Optional<AuditAction> action() {
        return Optional.ofNullable(actionName == null ? null : KNOWN.get(actionName));
    }
}
