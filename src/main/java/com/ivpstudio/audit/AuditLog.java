package com.ivpstudio.audit;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The audit trail. Entries hold ids and short codes only: never names, notes or image bytes, so the trail
 * itself carries no patient data.
 */
@Service
public class AuditLog {

    static final String SYSTEM = "system";

    private final AuditRepository repository;

    AuditLog(AuditRepository repository) {
        this.repository = repository;
    }

    /** Records an action by the signed-in user (or "system" outside a request). */
    public void record(AuditAction action, Long caseId, String targetId, String detail) {
        recordAs(currentActor(), action, caseId, targetId, detail);
    }

    public void record(AuditAction action, Long caseId) {
        record(action, caseId, null, null);
    }

    public void recordAs(String actor, AuditAction action, Long caseId, String targetId, String detail) {
        repository.insert(truncate(actor, 64), action, caseId, truncate(targetId, 80), truncate(detail, 200));
    }

    public List<AuditEvent> find(AuditFilter filter, int offset, int limit) {
        return repository.find(filter, offset, limit);
    }

    public long count(AuditFilter filter) {
        return repository.count(filter);
    }

    /** Writes the matching events as CSV (RFC 4180 quoting), newest first. */
    @Transactional(readOnly = true)
    public void exportCsv(AuditFilter filter, Writer out) throws IOException {
        out.write("id,occurred_at,actor,action,case_id,target_id,detail\r\n");
        try (Stream<AuditEvent> events = repository.stream(filter)) {
            for (AuditEvent e : (Iterable<AuditEvent>) events::iterator) {
                out.write(String.join(",",
                        Long.toString(e.id()),
                        e.occurredAt().toString(),
                        csv(e.actor()),
                        csv(e.actionName()),
                        e.caseId() == null ? "" : e.caseId().toString(),
                        csv(e.targetId()),
                        csv(e.detail())));
                out.write("\r\n");
            }
        }
        out.flush();
    }

    static String csv(String value) {
        if (value == null) {
            return "";
        }
        // A leading = + - @ would be run as a formula by spreadsheet programs.
        String safe = value.matches("^[=+\\-@\\t\\r].*") ? "'" + value : value;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }

    private static String currentActor() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null || !auth.isAuthenticated() ? SYSTEM : auth.getName();
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
