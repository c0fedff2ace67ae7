package com.ivpstudio.snapshots;

import com.ivpstudio.images.PhotoReferences;
import com.ivpstudio.images.PhotoService;
import com.ivpstudio.inference.BundleInfo;
import com.ivpstudio.inference.Comparison;
import com.ivpstudio.inference.GeneratedImage;
import com.ivpstudio.inference.InferenceService;
import com.ivpstudio.inference.NoActiveModelException;
import com.ivpstudio.inference.OperationContext;
import com.ivpstudio.inference.PhotoReference;
import com.ivpstudio.inference.Provenance;
import com.ivpstudio.inference.ViewKind;
import com.ivpstudio.common.UserFacingException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * "Regenerate and compare" for a saved set of predicted views: the same request (front photo, seed, ψ, patient
 * code) run again on the active model. With the model that made it the PNGs must come back byte for byte; with
 * another model the clinician sees how far the new model's views are from the saved ones.
 */
@Service
public class SnapshotRegeneration {

    /** One saved image next to its regenerated twin. */
    public record ViewCheck(String label, byte[] saved, GeneratedImage regenerated, boolean identical,
            Comparison comparison) {
    }

    /** The outcome: which model regenerated it and whether that is the model that made the snapshot. */
    public record Result(BundleInfo model, boolean sameModel, List<ViewCheck> views) {

        public boolean allIdentical() {
            return views.stream().allMatch(ViewCheck::identical);
        }
    }

    private final SnapshotService snapshots;
    private final InferenceService inference;
    private final PhotoService photos;

    SnapshotRegeneration(SnapshotService snapshots, InferenceService inference, PhotoService photos) {
        this.snapshots = snapshots;
        this.inference = inference;
        this.photos = photos;
    }

    /** Only view sets predicted from a stored front photo carry everything a regeneration needs. */
    public boolean supports(Snapshot s) {
        return s.kind() == SnapshotKind.VIEWS && "views".equals(s.operation()) && s.frontPhotoId().isPresent();
    }

    public Result regenerate(long snapshotId) {
        Snapshot s = snapshots.get(snapshotId);
        if (!supports(s)) {
            throw UserFacingException.withKey("studio.snapshot.regenerate.not-views");
        }
        BundleInfo model = inference.activeBundle().orElseThrow(NoActiveModelException::new);
        List<SnapshotImage> saved = snapshots.images(snapshotId);
        PhotoReference front;
        try {
            front = PhotoReferences.of(photos, s.frontPhotoId().orElseThrow());
        } catch (UserFacingException e) {
            throw UserFacingException.withKey(e, "studio.snapshot.regenerate.front-gone");
        }
        // The original request: all four views of one seed in one pass (the same batch as when it was made).
        Provenance first = Provenance.fromJson(saved.get(0).provenanceJson());
        List<GeneratedImage> again = inference.predictViews(front, ViewKind.ALL, List.of(first.seed()), first.psi(),
                OperationContext.forPatient(first.patientCode()).markedAs(first.mark()));
        List<ViewCheck> checks = new ArrayList<>();
        for (SnapshotImage image : saved) {
            GeneratedImage twin = again.stream().filter(g -> g.view().manifestName().equals(image.view())).findFirst()
                    .orElseThrow(() -> UserFacingException.withKey("studio.snapshot.regenerate.unknown-view"));
            boolean identical = Arrays.equals(twin.png(), image.bytes());
            checks.add(new ViewCheck(image.label(), image.bytes(), twin, identical,
                    identical ? null : inference.compare(twin, image.bytes())));
        }
        return new Result(model, model.sha256().equals(s.bundleSha256()), checks);
    }
}
