package com.ivpstudio.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.ivpstudio.IntegrationTest;
import java.io.StringWriter;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The CSV export writes what is stored: an event without a case, target or detail has those fields empty. */
@IntegrationTest
class AuditCsvExportIT {

    @Autowired
    AuditLog audit;

    @Test
    void emptyFieldsStayEmptyInTheCsvAndInTheEvent() throws Exception {
        String actor = "csv-" + UUID.randomUUID().toString().substring(0, 8);
        audit.recordAs(actor, AuditAction.SIGN_IN_FAILED, null, null, null);
        audit.recordAs(actor, AuditAction.CASE_VIEWED, 42L, "t-1", "d");

        AuditFilter mine = new AuditFilter(actor, null, null, null, null);
        assertThat(audit.find(mine, 0, 10)).extracting(AuditEvent::caseId).containsExactly(42L, null);

        StringWriter csv = new StringWriter();
        audit.exportCsv(mine, csv);
        String[] lines = csv.toString().split("\r\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[1]).endsWith("," + actor + ",CASE_VIEWED,42,t-1,d");
        assertThat(lines[2]).endsWith("," + actor + ",SIGN_IN_FAILED,,,");
    }
}
