package com.ivpstudio.reports;

import com.ivpstudio.closeness.Words;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ivpstudio.audit.AuditAction;
import com.ivpstudio.audit.AuditLog;
import com.ivpstudio.cases.CaseService;
import com.ivpstudio.cases.PatientCase;
import com.ivpstudio.common.UserFacingException;
import com.ivpstudio.images.Photo;
import com.ivpstudio.images.PhotoKind;
import com.ivpstudio.images.PhotoService;
import com.ivpstudio.inference.BundleInfo;
import com.ivpstudio.inference.Comparison;
import com.ivpstudio.inference.InferenceService;
import com.ivpstudio.inference.OperationContext;
import com.ivpstudio.inference.Provenance;
import com.ivpstudio.language.UserFormats;
import com.ivpstudio.progress.ProgressPoint;
import com.ivpstudio.progress.ProgressSettings;
import com.ivpstudio.progress.ProgressTimeline;
import com.ivpstudio.progress.ProgressTimelineService;
import com.ivpstudio.progress.ViewProgress;
import com.ivpstudio.security.CurrentUser;
import com.ivpstudio.snapshots.Snapshot;
import com.ivpstudio.snapshots.SnapshotImage;
import com.ivpstudio.snapshots.SnapshotService;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * The case report for the chart: gathers what the clinician chose (freshly predicted views or a saved snapshot, the
 * real photos beside them, the progress over time), has {@link CaseReportPdf} lay it out, and audits who made which
 * case's report when. The patient's name is printed only when asked for and never goes into the PDF's metadata,
 * the file name or the audit entry.
 */
@Service
public class CaseReportService {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CaseService cases;
    private final PhotoService photos;
    private final InferenceService inference;
    private final SnapshotService snapshots;
    private final ProgressTimelineService timelines;
    private final AuditLog audit;
    private final CurrentUser currentUser;

    CaseReportService(CaseService cases, PhotoService photos, InferenceService inference, SnapshotService snapshots,
            ProgressTimelineService timelines, AuditLog audit, CurrentUser currentUser) {
        this.cases = cases;
        this.photos = photos;
        this.inference = inference;
        this.snapshots = snapshots;
        this.timelines = timelines;
        this.audit = audit;
        this.currentUser = currentUser;
    }

    /** What the case offers a report (for the dialog). */
    public ReportChoices choices(long caseId) {
        List<Photo> all = photos.photosOf(caseId);
        return new ReportChoices(timelines.fronts(caseId), snapshots.snapshotsOf(caseId),
                all.stream().anyMatch(p -> p.kind() != PhotoKind.FRONT), timelines.hasProgress(caseId),
                inference.activeBundle().map(BundleInfo::defaultPsi).orElse(null));
    }

    /** Writes the report the clinician chose, in {@code words} (the language of {@code options.locale()}), and audits it. */
    public CaseReport create(CaseReportOptions options, Words words) {
        PatientCase patient = cases.get(options.caseId());
        Locale locale = options.locale();
        OperationContext ctx = OperationContext.forPatient(patient.patientCode())
                .markedAs(words.get("studio.mark.simulated"));
        ProgressSettings settings = new ProgressSettings(options.seed(), options.psi(), null, 1.0);
        Gathered images = options.snapshotId() == null ? predicted(patient, options, settings, ctx, words)
                : snapshot(patient, options, words);

        ProgressTimeline progress = null;
        if (options.progress() && timelines.hasProgress(patient.id())) {
            Photo first = timelines.fronts(patient.id()).stream().findFirst().orElse(null);
            if (first != null) {
                progress = images.timeline != null && images.front.id() == first.id() ? images.timeline
                        : timelines.timeline(patient.id(), first, settings, ctx);
            }
        }
        LocalDate today = LocalDate.now(options.zone());
        CaseReportContent content = new CaseReportContent(locale, patient.patientCode(),
                options.showName() ? patient.displayName() : null, currentUser.username(), today, images.modelName,
                images.modelVersion, images.modelSha256, images.seeds, images.psis, images.alphas,
                images.front == null ? null : photos.imageBytes(images.front.id()),
                images.front == null ? null : realCaption(images.front, locale, words), images.title, images.rows, progress);
        byte[] pdf = CaseReportPdf.write(content, words, photos::thumbnail);
        audit.record(AuditAction.REPORT_CREATED, patient.id(),
                options.snapshotId() == null ? null : "snapshot " + options.snapshotId(),
                String.join(" · ", options.snapshotId() == null ? "predicted views" : "snapshot",
                        options.showName() ? "name shown" : "code only", options.realViews() ? "real views" : "no real views",
                        progress != null ? "progress" : "no progress", "model " + images.modelSha256.substring(0, 12)));
        return new CaseReport(pdf, "case-report-" + patient.patientCode().replaceAll("[^A-Za-z0-9_-]", "_") + "-" + today
                + ".pdf");
    }

    /** What the image section holds, whichever way it was made. */
    private record Gathered(Photo front, String title, List<ReportImage> rows, String modelName, String modelVersion,
            String modelSha256, String seeds, String psis, String alphas, ProgressTimeline timeline) {
    }

    private Gathered predicted(PatientCase patient, CaseReportOptions options, ProgressSettings settings,
            OperationContext ctx, Words words) {
        Locale locale = options.locale();
        List<Photo> fronts = timelines.fronts(patient.id());
        Photo front = options.frontPhotoId() == null ? fronts.stream().reduce((a, b) -> b).orElse(null)
                : fronts.stream().filter(p -> p.id() == options.frontPhotoId()).findFirst().orElse(null);
        if (front == null) {
            throw new UserFacingException(words.get("reports.error.no-front"));
        }
        ProgressTimeline timeline = timelines.timeline(patient.id(), front, settings, ctx);
        List<ReportImage> rows = new ArrayList<>();
        for (ViewProgress v : timeline.views()) {
            String view = words.get("progress.view." + v.view().manifestName());
            Optional<ProgressPoint> real = options.realViews() ? sameVisit(v.points(), front) : Optional.empty();
            rows.add(new ReportImage(view, v.predicted().png(),
                    real.map(p -> realCaption(p.actual(), locale, words)).orElse(null),
                    real.map(p -> photos.thumbnail(p.actual().id())).orElse(null),
                    real.map(ProgressPoint::predicted).orElse(null)));
        }
        Provenance model = timeline.model();
        return new Gathered(front, words.get("reports.predicted-views"), rows,
                modelName(model), model.bundleVersion(), model.bundleSha256(), Long.toString(model.seed()),
                UserFormats.number(model.psi(), 2, locale), "", timeline);
    }

    /** The real photo of the front photo's visit, else the latest one (as the case page's comparison picks it). */
    private static Optional<ProgressPoint> sameVisit(List<ProgressPoint> points, Photo front) {
        return points.stream().filter(p -> p.actual().capturedOn().equals(front.capturedOn())).findFirst()
                .or(() -> points.stream().reduce((a, b) -> b));
    }

    private Gathered snapshot(PatientCase patient, CaseReportOptions options, Words words) {
        Locale locale = options.locale();
        Snapshot snapshot = snapshots.get(options.snapshotId());
        if (snapshot.caseId() != patient.id()) {
            throw new UserFacingException(words.get("reports.error.other-case"));
        }
        JsonNode parameters = parameters(snapshot);
        List<SnapshotImage> images = snapshots.images(snapshot.id());
        List<ReportImage> rows = new ArrayList<>();
        List<Provenance> made = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            SnapshotImage image = images.get(i);
            if (!image.isGenerated()) {
                continue;
            }
            made.add(Provenance.fromJson(image.provenanceJson()));
            SnapshotImage next = i + 1 < images.size() ? images.get(i + 1) : null;
            boolean pairedReal = options.realViews() && next != null && !next.isGenerated()
                    && next.view() != null && next.view().equals(image.view());
            rows.add(new ReportImage(image.label(), image.bytes(), pairedReal ? next.label() : null,
                    pairedReal ? next.bytes() : null, pairedReal ? storedComparison(parameters, image.view()) : null));
        }
        Optional<Photo> front = snapshot.frontPhotoId().or(() -> id(parameters.path("base_photo_id")))
                .flatMap(id -> photos.photosOf(patient.id()).stream().filter(p -> p.id() == id).findFirst())
                .filter(p -> p.kind() == PhotoKind.FRONT);
        return new Gathered(front.orElse(null), snapshot.title(), rows, modelName(made.get(0)), snapshot.bundleVersion(),
                snapshot.bundleSha256(), distinct(made, p -> p.seed() == null ? null : Long.toString(p.seed())),
                distinct(made, p -> UserFormats.number(p.psi(), 2, locale)),
                distinct(made, p -> p.alpha() == null ? null : UserFormats.number(p.alpha(), 2, locale)), null);
    }

    /** The metrics a comparison snapshot saved for a view (the predicted image itself is stored only as shown). */
    private static Comparison storedComparison(JsonNode parameters, String view) {
        JsonNode m = parameters.path("metrics").path(view);
        return m.isObject() ? new Comparison(m.path("ssim").asDouble(Double.NaN), m.path("psnr_db").asDouble(),
                m.path("feature_cosine").asDouble(), 0) : null;
    }

    private static JsonNode parameters(Snapshot snapshot) {
        try {
            return JSON.readTree(snapshot.provenanceJson()).path("parameters");
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static Optional<Long> id(JsonNode node) {
        return node.isNumber() ? Optional.of(node.asLong()) : Optional.empty();
    }

    private static String distinct(List<Provenance> made, Function<Provenance, String> value) {
        Set<String> values = made.stream().map(value).filter(v -> v != null)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        return String.join(", ", values);
    }

    /** The model's name when it is the active one, else its manifest id (a retired model's name is not at hand). */
    private String modelName(Provenance model) {
        return inference.activeBundle().filter(b -> b.sha256().equals(model.bundleSha256())).map(BundleInfo::name)
                .orElse(model.bundleId());
    }

    private static String realCaption(Photo photo, Locale locale, Words words) {
        return words.get("reports.real.caption", photo.label(),
                UserFormats.date(photo.capturedOn(), locale));
    }
}
