package com.ivpstudio.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.ivpstudio.IntegrationTest;
import java.io.StringWriter;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A row whose action this version does not know (written by an older or newer version, or another node) is listed
 * with its stored name; it must not make the whole trail fail to list.
 */
@IntegrationTest
class UnknownAuditActionIT {

    private static final String UNKNOWN = "ACTION_FROM_A_NEWER_VERSION";

    @Autowired
    AuditLog audit;
    @Autowired
    JdbcClient jdbc;

    private final String actor = "unknown-action-" + UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void removeTheRows() {
        // The test database is shared by every integration test: leave no row another test's trail would list.
        jdbc.sql("DELETE FROM audit_event WHERE actor = :a").param("a", actor).update();
    }

    @Test
    void anUnknownActionIsListedByItsStoredNameWithEverythingElseIntact() throws Exception {
        audit.recordAs(actor, AuditAction.CASE_VIEWED, 7L, "t-known", "known");
        jdbc.sql("INSERT INTO audit_event (actor, action, case_id, target_id, detail) VALUES (:a, :act, 8, 't-new', 'new')")
                .param("a", actor).param("act", UNKNOWN).update();

        AuditFilter mine = new AuditFilter(actor, null, null, null, null);
        assertThat(audit.find(mine, 0, 10)).hasSize(2).first().satisfies(e -> {
            assertThat(e.actionName()).isEqualTo(UNKNOWN);
            assertThat(e.action()).isEmpty();
            assertThat(e.caseId()).isEqualTo(8L);
            assertThat(e.targetId()).isEqualTo("t-new");
            assertThat(e.detail()).isEqualTo("new");
        });
        assertThat(audit.count(mine)).isEqualTo(2);
        // The unfiltered first page, as the admin audit screen asks for it, lists it too.
        assertThat(audit.find(AuditFilter.any(), 0, 50)).extracting(AuditEvent::actionName).contains(UNKNOWN);

        StringWriter csv = new StringWriter();
        audit.exportCsv(mine, csv);
        assertThat(csv.toString()).contains("," + actor + "," + UNKNOWN + ",8,t-new,new");
    }

    @Test
    void filteringByAKnownActionStillWorksNextToUnknownRows() {
        audit.recordAs(actor, AuditAction.CASE_VIEWED, 7L, null, null);
        jdbc.sql("INSERT INTO audit_event (actor, action) VALUES (:a, :act)").param("a", actor).param("act", UNKNOWN)
                .update();

        AuditFilter viewed = new AuditFilter(actor, AuditAction.CASE_VIEWED, null, null, null);
        assertThat(audit.find(viewed, 0, 10)).singleElement()
                .satisfies(e -> assertThat(e.action()).contains(AuditAction.CASE_VIEWED));
        assertThat(audit.count(viewed)).isEqualTo(1);
    }
}
