package com.ivpstudio.progress;

import com.ivpstudio.audit.AuditAction;
import com.ivpstudio.audit.AuditLog;
import com.ivpstudio.images.Photo;
import com.ivpstudio.images.PhotoKind;
import com.ivpstudio.images.PhotoReferences;
import com.ivpstudio.images.PhotoService;
import com.ivpstudio.inference.Comparison;
import com.ivpstudio.inference.GeneratedImage;
import com.ivpstudio.inference.InferenceService;
import com.ivpstudio.inference.OperationContext;
import com.ivpstudio.inference.PhotoReference;
import com.ivpstudio.inference.Provenance;
import com.ivpstudio.inference.Sampling;
import com.ivpstudio.inference.ViewKind;
import com.ivpstudio.models.ManifestSummary;
import com.ivpstudio.models.ModelRegistry;
import com.ivpstudio.studio.ReferencePair;
import com.ivpstudio.studio.ReferencePairLibrary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Predicted against what really happened: the views predicted from a front photo (and, with a nudge, from that
 * photo moved along a reference pair's treatment direction) set against every real photo of those views, each
 * compared by the engine's comparison (SSIM, PSNR, image-tower cosine).
 */
@Service
public class ProgressTimelineService {

    /** Oldest first; the same date by upload order. */
    static final Comparator<Photo> BY_DATE = Comparator.comparing(Photo::capturedOn).thenComparingLong(Photo::id);

    private final PhotoService photos;
    private final InferenceService inference;
    private final ReferencePairLibrary references;
    private final AuditLog audit;
    private final ModelRegistry models;

    ProgressTimelineService(PhotoService photos, InferenceService inference, ReferencePairLibrary references,
            AuditLog audit, ModelRegistry models) {
        this.photos = photos;
        this.inference = inference;
        this.references = references;
        this.audit = audit;
        this.models = models;
    }

    /** The model that drew the timeline: the one serving when it still is, else the registered bundle of that sha. */
    public TimelineModel drawnBy(ProgressTimeline timeline) {
        Provenance drawn = timeline.model();
        return inference.activeBundle().filter(b -> b.sha256().equals(drawn.bundleSha256()))
                .map(b -> new TimelineModel(b.name(), b.version(), b.nudgeMeasured()))
                .or(() -> models.findBySha(drawn.bundleSha256()).map(b -> new TimelineModel(b.name(), b.version(),
                        ManifestSummary.of(b.manifestJson()).nudgeOnNewPatients())))
                .orElseGet(() -> new TimelineModel(drawn.bundleId(), drawn.bundleVersion(), null));
    }

    /** The case's front photos, oldest first. */
    public List<Photo> fronts(long caseId) {
        return photos.photosOf(caseId).stream().filter(p -> p.kind() == PhotoKind.FRONT).sorted(BY_DATE).toList();
    }

    /** Whether the case has photos from more than one date: only then is there a progress to show. */
    public boolean hasProgress(long caseId) {
        return photos.photosOf(caseId).stream().map(Photo::capturedOn).distinct().count() > 1;
    }

    public List<ReferencePair> referencePairs() {
        return references.all();
    }

    /**
     * The timeline predicted from the case's first front photo, for {@code username} to look at (audited as theirs:
     * it runs on a worker thread); empty when the case has no front photo.
     */
    public Optional<ProgressTimeline> view(long caseId, ProgressSettings settings, String username,
            OperationContext ctx) {
        List<Photo> fronts = fronts(caseId);
        if (fronts.isEmpty()) {
            return Optional.empty();
        }
        ProgressTimeline timeline = timeline(caseId, fronts.get(0), settings, ctx);
        audit.recordAs(username, AuditAction.PROGRESS_COMPARED, caseId, Long.toString(fronts.get(0).id()), String.format(Locale.ROOT,
                "seed %d · psi %s%s", settings.seed(), timeline.model().psi(), settings.withNudge()
                        ? " · pair " + settings.referencePairId() + " · alpha " + settings.alpha() : ""));
        return Optional.of(timeline);
    }

    /** The timeline predicted from {@code input}, a front photo of the case (not audited: callers audit their use). */
    public ProgressTimeline timeline(long caseId, Photo input, ProgressSettings settings, OperationContext ctx) {
        if (input.caseId() != caseId || input.kind() != PhotoKind.FRONT) {
            throw new IllegalArgumentException("the input must be a front photo of the case");
        }
        List<Photo> all = photos.photosOf(caseId);
        PhotoReference base = PhotoReferences.of(photos, input);
        List<GeneratedImage> predicted = inference.predictViews(base, ViewKind.ALL, List.of(settings.seed()),
                settings.psi(), ctx);
        List<GeneratedImage> nudged = List.of();
        ReferencePair pair = null;
        if (settings.withNudge()) {
            pair = references.all().stream().filter(p -> p.id() == settings.referencePairId()).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no such reference pair"));
            nudged = inference.nudge(base, PhotoReference.of(references.beforeImage(pair.id())),
                    PhotoReference.of(references.afterImage(pair.id())), new double[] {settings.alpha()},
                    new Sampling(settings.seed(), settings.psi()), ctx);
        }
        List<ViewProgress> views = new ArrayList<>();
        for (ViewKind view : ClinicalViews.ORDER) {
            GeneratedImage p = of(predicted, view);
            GeneratedImage n = nudged.isEmpty() ? null : of(nudged, view);
            List<ProgressPoint> points = new ArrayList<>();
            for (Photo actual : all.stream().filter(x -> x.kind() == ClinicalViews.photoKind(view)).sorted(BY_DATE).toList()) {
                ctx.cancellation().throwIfCancelled();
                byte[] bytes = photos.imageBytes(actual.id());
                points.add(new ProgressPoint(actual, compare(p, bytes), n == null ? null : compare(n, bytes)));
            }
            views.add(new ViewProgress(view, p, n, points));
        }
        return new ProgressTimeline(input, all.stream().filter(x -> x.kind() == PhotoKind.FRONT).sorted(BY_DATE).toList(),
                views, predicted.get(0).provenance(), pair == null ? null : pair.name(),
                pair == null ? null : settings.alpha());
    }

    private Comparison compare(GeneratedImage predicted, byte[] actual) {
        return inference.compare(predicted, actual);
    }

    private static GeneratedImage of(List<GeneratedImage> images, ViewKind view) {
        return images.stream().filter(g -> g.view() == view).findFirst().orElseThrow();
    }
}
