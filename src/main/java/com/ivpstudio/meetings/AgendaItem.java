package com.ivpstudio.meetings;

import java.time.Instant;
import java.util.List;

/** One case on a meeting's agenda with the snapshots chosen to show and the team's decision. */
public record AgendaItem(long id, long meetingId, int position, long caseId, String patientCode, boolean discussed,
        Decision decision, String decisionNote, String decidedBy, Instant decidedAt, List<Long> snapshotIds) {
}
