package com.ivpstudio.sharing;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.ivpstudio.audit.AuditAction;
import com.ivpstudio.audit.AuditLog;
import com.ivpstudio.cases.CaseService;
import com.ivpstudio.inference.Provenance;
import com.ivpstudio.snapshots.Snapshot;
import com.ivpstudio.snapshots.SnapshotImage;
import com.ivpstudio.snapshots.SnapshotKind;
import com.ivpstudio.snapshots.SnapshotService;
import com.ivpstudio.language.Translations;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * The patient's side of a link: finds an open link by its token, the images it shows (and nothing else), checks
 * passcodes and records each open (time and a coarse client; the address only when the admin chose so).
 */
@Service
public class PatientAccessService {

    /** Who the audit trail names for a patient's open: there is no account. */
    static final String ACTOR = "patient-link";

    private final ShareLinkRepository links;
    private final SnapshotService snapshots;
    private final CaseService cases;
    private final SharingSettingsService settings;
    private final PasswordEncoder passwords;
    private final AuditLog audit;
    private final Translations translations;
    private final Clock clock = Clock.systemUTC();
    // Snapshots never change once saved, so a link's images can be kept for a while; revocation and expiry are
    // checked on every request against the database, not here.
    // The images' marks are in the reader's language, so the language is part of the key.
    private final Cache<ContentKey, SharedContent> content = Caffeine.newBuilder()
            .maximumWeight(64L << 20)
            .weigher((ContentKey k, SharedContent c) -> (int) Math.min(Integer.MAX_VALUE, c.bytes()))
            .expireAfterWrite(Duration.ofMinutes(10)).build();

    private record ContentKey(long linkId, String language) {
    }

    PatientAccessService(ShareLinkRepository links, SnapshotService snapshots, CaseService cases,
            SharingSettingsService settings, PasswordEncoder passwords, AuditLog audit, Translations translations) {
        this.links = links;
        this.snapshots = snapshots;
        this.cases = cases;
        this.settings = settings;
        this.passwords = passwords;
        this.audit = audit;
        this.translations = translations;
    }

    /** The link behind a token when a patient may open it now; empty for unknown, expired and revoked alike. */
    public Optional<ShareLink> openLink(String token) {
        Instant now = clock.instant();
        return links.findByTokenHash(ShareTokens.hash(token)).filter(l -> l.state(now) == ShareLink.State.ACTIVE);
    }

    /** The link's images for a reader of {@code language} (a language the app does not ship reads English). */
    public SharedContent content(ShareLink link, Locale language) {
        Locale shipped = PatientText.of(translations, language).locale();
        return content.get(new ContentKey(link.id(), shipped.getLanguage()), k -> build(link, shipped));
    }

    /** The patient code when the clinician chose to show it. */
    public Optional<String> patientCode(ShareLink link) {
        return link.showPatientCode() ? Optional.of(cases.get(link.caseId()).patientCode()) : Optional.empty();
    }

    public SharingSettings settings() {
        return settings.get();
    }

    /**
     * The printable handout of a link in {@code language}; {@code url} is the link itself (its QR code), known only
     * to its holder.
     */
    public byte[] handout(ShareLink link, String url, Locale language) {
        return PatientHandout.pdf(link, content(link, language), settings.get(), patientCode(link), url,
                PatientText.of(translations, language));
    }

    public boolean passcodeMatches(ShareLink link, String passcode) {
        boolean ok = link.hasPasscode() && passcode != null && passwords.matches(passcode, link.passcodeHash());
        if (!ok) {
            audit.recordAs(ACTOR, AuditAction.SHARE_PASSCODE_FAILED, link.caseId(), ShareLinkService.target(link.id()),
                    null);
        }
        return ok;
    }

    public void recordOpen(ShareLink link, String userAgent, String clientAddress) {
        SharingSettings s = settings.get();
        Instant now = clock.instant();
        ClientHint client = ClientHint.of(userAgent);
        links.recordOpen(link.id(), client.browser(), client.device(), s.keepClientIps() ? clientAddress : null, now);
        links.eraseClientIps(s.keepClientIps() ? now.minus(Duration.ofDays(s.ipRetentionDays())) : now);
        audit.recordAs(ACTOR, AuditAction.SHARE_LINK_OPENED, link.caseId(), ShareLinkService.target(link.id()),
                client.describe());
    }

    private SharedContent build(ShareLink link, Locale language) {
        List<SharedSection> sections = new ArrayList<>();
        List<SharedImage> all = new ArrayList<>();
        String caseCode = cases.get(link.caseId()).patientCode();
        String word = translations.translate("studio.mark.simulated", language);
        for (long snapshotId : link.snapshotIds()) {
            Snapshot s = snapshots.get(snapshotId);
            List<SharedImage> images = new ArrayList<>();
            List<String> steps = new ArrayList<>();
            for (SnapshotImage i : snapshots.images(snapshotId)) {
                SharedImage shared = new SharedImage(all.size(), i.view(), PatientImages.CONTENT_TYPE,
                        PatientImages.forPatient(i.bytes(), i.isGenerated() ? PatientMark.of(
                                Provenance.fromJson(i.provenanceJson()), word, caseCode, link.showPatientCode()) : null),
                        i.isGenerated());
                all.add(shared);
                images.add(shared);
                steps.add(PatientWords.step(i.label()));
            }
            sections.add(new SharedSection(s.kind(), frames(s.kind(), images, steps), "nudge".equals(s.operation())));
        }
        return new SharedContent(List.copyOf(sections), List.copyOf(all));
    }

    /** A new frame starts where a view comes again (strips: one frame per step; comparisons: one per view). */
    private static List<SharedSection.Frame> frames(SnapshotKind kind, List<SharedImage> images, List<String> steps) {
        List<SharedSection.Frame> frames = new ArrayList<>();
        List<SharedImage> current = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String label = steps.isEmpty() ? "" : steps.get(0);
        for (int i = 0; i < images.size(); i++) {
            SharedImage image = images.get(i);
            String key = kind == SnapshotKind.COMPARISON ? String.valueOf(image.generated()) : String.valueOf(image.view());
            if (kind != SnapshotKind.VIEWS && !seen.add(key)) {
                frames.add(new SharedSection.Frame(label, List.copyOf(current)));
                current.clear();
                seen.clear();
                seen.add(key);
                label = steps.get(i);
            }
            current.add(image);
        }
        if (!current.isEmpty()) {
            frames.add(new SharedSection.Frame(label, List.copyOf(current)));
        }
        return frames;
    }
}
