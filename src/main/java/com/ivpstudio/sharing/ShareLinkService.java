package com.ivpstudio.sharing;

import com.ivpstudio.audit.AuditAction;
import com.ivpstudio.audit.AuditLog;
import com.ivpstudio.cases.CaseService;
import com.ivpstudio.common.UserFacingException;
import com.ivpstudio.security.CurrentUser;
import com.ivpstudio.snapshots.Snapshot;
import com.ivpstudio.snapshots.SnapshotService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The staff side of patient links: create, list, revoke, extend. Every change is audited. */
@Service
public class ShareLinkService {

    private final ShareLinkRepository links;
    private final SharingSettingsService settings;
    private final SnapshotService snapshots;
    private final CaseService cases;
    private final PasswordEncoder passwords;
    private final AuditLog audit;
    private final CurrentUser currentUser;
    private final Clock clock = Clock.systemUTC();

    ShareLinkService(ShareLinkRepository links, SharingSettingsService settings, SnapshotService snapshots,
            CaseService cases, PasswordEncoder passwords, AuditLog audit, CurrentUser currentUser) {
        this.links = links;
        this.settings = settings;
        this.snapshots = snapshots;
        this.cases = cases;
        this.passwords = passwords;
        this.audit = audit;
        this.currentUser = currentUser;
    }

    @Transactional
    public CreatedLink create(ShareRequest r) {
        cases.get(r.caseId());
        List<Long> ids = r.snapshotIds() == null ? List.of() : List.copyOf(new LinkedHashSet<>(r.snapshotIds()));
        if (ids.isEmpty()) {
            throw UserFacingException.withKey("sharing.error.no-snapshot");
        }
        for (long id : ids) {
            Snapshot s = snapshots.get(id);
            if (s.caseId() != r.caseId()) {
                throw UserFacingException.withKey("sharing.error.other-case");
            }
        }
        int max = settings.get().maxExpiryDays();
        if (r.expiryDays() < 1 || r.expiryDays() > max) {
            throw UserFacingException.withKey("sharing.error.days", max);
        }
        String title = clean(r.title(), ShareRequest.MAX_TITLE, "title");
        String message = clean(r.message(), ShareRequest.MAX_MESSAGE, "message");
        String passcode = r.passcode() == null || r.passcode().isBlank() ? null : r.passcode();
        if (passcode != null && (passcode.length() < ShareRequest.MIN_PASSCODE
                || passcode.length() > ShareRequest.MAX_PASSCODE)) {
            throw UserFacingException.withKey("sharing.error.passcode", ShareRequest.MIN_PASSCODE,
                    ShareRequest.MAX_PASSCODE);
        }
        String token = ShareTokens.newToken();
        Instant now = now();
        long id = links.insert(ShareTokens.hash(token), r.caseId(), title, message, r.showPatientCode(),
                passcode == null ? null : passwords.encode(passcode), currentUser.username(), now,
                now.plus(Duration.ofDays(r.expiryDays())), ids);
        audit.record(AuditAction.SHARE_LINK_CREATED, r.caseId(), target(id), ids.size() + " snapshots · "
                + r.expiryDays() + " days" + (passcode == null ? "" : " · passcode")
                + (r.showPatientCode() ? " · patient code shown" : ""));
        return new CreatedLink(get(id), token);
    }

    public List<ShareLink> linksOf(long caseId) {
        return links.findByCase(caseId);
    }

    /** Every link a patient could open now, soonest expiry first (admin). */
    public List<ShareLink> activeLinks() {
        return links.findActive(now());
    }

    public ShareLink get(long id) {
        return links.findById(id).orElseThrow(() -> UserFacingException.withKey("sharing.error.no-such-link"));
    }

    @Transactional
    public ShareLink revoke(long id) {
        ShareLink link = get(id);
        if (links.revoke(id, currentUser.username(), now())) {
            audit.record(AuditAction.SHARE_LINK_REVOKED, link.caseId(), target(id), null);
        }
        return get(id);
    }

    /** Revokes every link of a case that a patient could still open; returns how many. */
    @Transactional
    public int revokeAllOf(long caseId) {
        cases.get(caseId);
        List<Long> revoked = links.revokeAllOfCase(caseId, currentUser.username(), now());
        for (long id : revoked) {
            audit.record(AuditAction.SHARE_LINK_REVOKED, caseId, target(id), "all links of the case");
        }
        return revoked.size();
    }

    /**
     * Moves the expiry {@code days} further (from now when the link has already expired), never beyond the
     * practice's maximum from today.
     */
    @Transactional
    public ShareLink extend(long id, int days) {
        ShareLink link = get(id);
        Instant now = now();
        if (link.state(now) == ShareLink.State.REVOKED) {
            throw UserFacingException.withKey("sharing.error.extend-revoked");
        }
        int max = settings.get().maxExpiryDays();
        if (days < 1 || days > max) {
            throw UserFacingException.withKey("sharing.error.extend-days", max);
        }
        Instant from = link.expiresAt().isAfter(now) ? link.expiresAt() : now;
        Instant expires = from.plus(Duration.ofDays(days));
        Instant limit = now.plus(Duration.ofDays(max));
        if (expires.isAfter(limit)) {
            throw UserFacingException.withKey("sharing.error.extend-beyond", max);
        }
        links.extend(id, expires);
        audit.record(AuditAction.SHARE_LINK_EXTENDED, link.caseId(), target(id), "+" + days + " days");
        return get(id);
    }

    static String target(long linkId) {
        return "share-link " + linkId;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static String clean(String value, int max, String what) {
        String v = value == null ? "" : value.strip();
        if (v.length() > max) {
            throw UserFacingException.withKey("sharing.error." + what + "-too-long", max);
        }
        return v.isEmpty() ? null : v;
    }
}
