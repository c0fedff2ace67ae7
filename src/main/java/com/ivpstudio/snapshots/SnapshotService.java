package com.ivpstudio.snapshots;

import com.ivpstudio.audit.AuditAction;
import com.ivpstudio.audit.AuditLog;
import com.ivpstudio.cases.CaseService;
import com.ivpstudio.cases.PatientCase;
import com.ivpstudio.common.UserFacingException;
import com.ivpstudio.inference.Hashing;
import com.ivpstudio.inference.Provenance;
import com.ivpstudio.security.CurrentUser;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import com.ivpstudio.images.Photo;
import com.ivpstudio.images.PhotoService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Saves studio results to a case with their full provenance, lists and re-opens them (the stored bytes, so a
 * re-opened snapshot is byte-identical to what was saved). Exports: {@link SnapshotExports}.
 */
@Service
public class SnapshotService {

    public static final int MAX_TITLE = 120;

    private final SnapshotRepository snapshots;
    private final CaseService cases;
    private final PhotoService photos;
    private final AuditLog audit;
    private final CurrentUser currentUser;
    private final Clock clock;

    SnapshotService(SnapshotRepository snapshots, CaseService cases, PhotoService photos, AuditLog audit,
            CurrentUser currentUser) {
        this.snapshots = snapshots;
        this.cases = cases;
        this.photos = photos;
        this.audit = audit;
        this.currentUser = currentUser;
        this.clock = Clock.systemUTC();
    }

    /**
     * Saves a snapshot. At least one image must be generated (it names the model). {@code parameters} are the
     * operation's settings as the user chose them (seed, ψ, α list, k list, steps, mode, metrics …).
     */
    @Transactional
    public Snapshot save(long caseId, String title, SnapshotKind kind, String operation, List<SnapshotImage> images,
            Map<String, ?> parameters) {
        PatientCase c = cases.get(caseId);
        String cleanTitle = title == null ? "" : title.strip();
        if (cleanTitle.isEmpty()) {
            throw new UserFacingException("Give the snapshot a title.");
        }
        if (cleanTitle.length() > MAX_TITLE) {
            throw new UserFacingException("The title is too long (at most " + MAX_TITLE + " characters).");
        }
        if (images == null || images.isEmpty()) {
            throw new UserFacingException("There is nothing to save yet.");
        }
        String user = currentUser.name().orElse("system");
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<String> imageShas = images.stream().map(i -> Hashing.sha256(i.bytes())).toList();
        SnapshotProvenance provenance = SnapshotProvenance.of(c, cleanTitle, kind, operation, images, imageShas,
                parameters, user, now);
        Provenance model = provenance.model();
        long id = snapshots.insert(caseId, cleanTitle, kind, operation, model.bundleId(), model.bundleVersion(),
                model.bundleSha256(), provenance.json(), images.size(), user, now);
        for (int at = 0; at < images.size(); at++) {
            snapshots.insertImage(id, images.get(at), imageShas.get(at));
        }
        inputPhotoOf(caseId, parameters).ifPresent(photo -> snapshots.insertInputPhoto(id, photo));
        audit.record(AuditAction.SNAPSHOT_CREATED, caseId, Long.toString(id), operation + " · " + images.size()
                + " images · model " + model.bundleId() + " " + model.bundleSha256().substring(0, 12));
        return get(id);
    }

    /** The real front photo the snapshot was made from; empty for snapshots saved before it was kept, or none. */
    public Optional<SnapshotInputPhoto> inputPhoto(long snapshotId) {
        return snapshots.inputPhoto(snapshotId);
    }

    /** The case's own photo named by the parameters (a photo of another case is never copied into this one). */
    private Optional<SnapshotInputPhoto> inputPhotoOf(long caseId, Map<String, ?> parameters) {
        if (parameters == null) {
            return Optional.empty();
        }
        Optional<Long> id = Snapshot.INPUT_PHOTO_KEYS.stream().map(parameters::get).filter(v -> v instanceof Number)
                .map(v -> ((Number) v).longValue()).findFirst();
        if (id.isEmpty()) {
            return Optional.empty();
        }
        Photo photo;
        try {
            photo = photos.get(id.get());
        } catch (UserFacingException gone) {
            return Optional.empty();
        }
        if (photo.caseId() != caseId) {
            return Optional.empty();
        }
        return Optional.of(new SnapshotInputPhoto(photo.id(), photo.kind().label() + " · " + photo.label() + " · "
                + photo.capturedOn(), photo.contentType(), photos.imageBytes(photo.id()), photo.sha256(),
                photos.thumbnail(photo.id())));
    }

    /** A case's snapshots, newest first. */
    public List<Snapshot> snapshotsOf(long caseId) {
        return snapshots.findByCase(caseId);
    }

    public Snapshot get(long id) {
        return snapshots.findById(id).orElseThrow(() -> new UserFacingException("This snapshot does not exist."));
    }

    /** The stored images, byte for byte as saved. */
    public List<SnapshotImage> images(long snapshotId) {
        return snapshots.images(snapshotId);
    }

    /** How many snapshots refer to a model bundle (the registry refuses to delete a referenced bundle). */
    public long countByBundle(String bundleSha256) {
        return snapshots.countByBundle(bundleSha256);
    }
}
