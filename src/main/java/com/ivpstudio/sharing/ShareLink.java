package com.ivpstudio.sharing;

import java.time.Instant;
import java.util.List;

/**
 * A link that lets a patient open chosen snapshots of a case. The token is not here: only its SHA-256 is stored.
 *
 * @param snapshotIds the shared snapshots, in the order the clinician chose
 */
public record ShareLink(long id, long caseId, String title, String message, boolean showPatientCode,
        String passcodeHash, String createdBy, Instant createdAt, Instant expiresAt, Instant revokedAt,
        String revokedBy, int viewCount, Instant lastOpenedAt, List<Long> snapshotIds) {

    public enum State {
        ACTIVE, EXPIRED, REVOKED;

        /** The translation key of this state's word (sharing.properties). */
        public String labelKey() {
            return "sharing.state." + name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public State state(Instant now) {
        if (revokedAt != null) {
            return State.REVOKED;
        }
        return now.isBefore(expiresAt) ? State.ACTIVE : State.EXPIRED;
    }

    public boolean hasPasscode() {
        return passcodeHash != null;
    }
}
