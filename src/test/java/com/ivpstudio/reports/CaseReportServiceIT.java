package com.ivpstudio.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ivpstudio.ActiveModel;
import com.ivpstudio.IntegrationTest;
import com.ivpstudio.audit.AuditAction;
import com.ivpstudio.audit.AuditEvent;
import com.ivpstudio.audit.AuditFilter;
import com.ivpstudio.audit.AuditLog;
import com.ivpstudio.cases.CaseService;
import com.ivpstudio.cases.PatientCase;
import com.ivpstudio.common.UserFacingException;
import com.ivpstudio.images.Photo;
import com.ivpstudio.images.PhotoKind;
import com.ivpstudio.images.PhotoReferences;
import com.ivpstudio.images.PhotoService;
import com.ivpstudio.inference.BundleInfo;
import com.ivpstudio.inference.GeneratedImage;
import com.ivpstudio.inference.InferenceService;
import com.ivpstudio.inference.OperationContext;
import com.ivpstudio.inference.Sampling;
import com.ivpstudio.language.TranslationFiles;
import com.ivpstudio.snapshots.Snapshot;
import com.ivpstudio.snapshots.SnapshotImage;
import com.ivpstudio.snapshots.SnapshotKind;
import com.ivpstudio.snapshots.SnapshotService;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/** The case report through the real services, the demo cases and the demo model, read back with OpenPDF. */
@IntegrationTest
class CaseReportServiceIT {

    static final String NOTICE = "Simulated — not a diagnostic image";
    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

    @Autowired
    CaseReportService reports;
    @Autowired
    InferenceService inference;
    @Autowired
    CaseService cases;
    @Autowired
    PhotoService photos;
    @Autowired
    SnapshotService snapshots;
    @Autowired
    AuditLog audit;
    @Autowired
    TranslationFiles words;

    ActiveModel model;
    PatientCase demo;

    @BeforeEach
    void setUp() {
        model = ActiveModel.ensure(inference);
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                "clinician", "n/a", List.of(new SimpleGrantedAuthority("ROLE_CLINICIAN"))));
        demo = cases.findByCode("DEMO-01").orElseThrow();
    }

    @AfterEach
    void tearDown() {
        SecurityContextHolder.clearContext();
        model.close();
    }

    private CaseReportOptions options(boolean showName, Long snapshotId, boolean realViews, boolean progress,
            Locale locale) {
        return new CaseReportOptions(demo.id(), showName, null, snapshotId, 0, null, realViews, progress, locale, ZONE);
    }

    private CaseReport create(CaseReportOptions o) {
        return reports.create(o, (key, params) -> words.getTranslation(key, o.locale(), params));
    }

    @Test
    void predictedViewsWithTheRealViewsAndTheProgressNameCodeModelSettingsAndCarryTheNoticeOnEveryPage() {
        BundleInfo bundle = inference.activeBundle().orElseThrow();
        long before = audit.count(new AuditFilter(null, AuditAction.REPORT_CREATED, demo.id(), null, null));

        CaseReport report = create(options(false, null, true, true, Locale.ENGLISH));
        ReportPdfs.keep(report.pdf(), "case-report-DEMO-01.pdf");
        ReportPdfs pdf = ReportPdfs.read(report.pdf());

        assertThat(report.fileName()).isEqualTo("case-report-DEMO-01-" + LocalDate.now(ZONE) + ".pdf");
        assertThat(pdf.pages()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(pdf.pages()).allSatisfy(page -> assertThat(page).contains(NOTICE, "DEMO-01"));
        assertThat(pdf.compactText()).contains(bundle.sha256());
        assertThat(pdf.flatText()).contains("Case report", "Patient code", "clinician", bundle.name(), bundle.version(),
                "Variation (seed) 0", "closeness to the average (ψ) "
                        + String.format(Locale.ENGLISH, "%.2f", bundle.defaultPsi()),
                "Input front photo", "month 20", "Predicted views", "Upper occlusal", "Left buccal",
                "Right buccal", "Lower occlusal", "Progress over time", "initial");
        assertThat(pdf.flatText()).containsAnyOf("Close match", "Partly similar", "Clearly different");
        // the report's date in the user's locale
        assertThat(pdf.flatText()).contains(com.ivpstudio.language.UserFormats.date(LocalDate.now(ZONE), Locale.ENGLISH));
        // one front photo, four predictions and the four real views of month 20; then per view the prediction
        // from the first front photo and its two real photos (initial, month 20)
        assertThat(pdf.images()).isEqualTo(1 + 4 + 4 + 4 * 3);

        assertThat(pdf.flatText()).doesNotContain(demo.displayName());
        assertThat(pdf.info()).containsEntry("Title", "Case report DEMO-01").containsEntry("Author", "clinician");
        assertThat(pdf.info().values()).noneMatch(v -> v.contains(demo.displayName()) || v.contains("Synthetic patient"));
        assertThat(new String(report.pdf(), java.nio.charset.StandardCharsets.ISO_8859_1))
                .as("no PNG provenance chunk (with the patient code) travels into the PDF")
                .doesNotContain("ivp:provenance");

        List<AuditEvent> events = audit.find(new AuditFilter(null, AuditAction.REPORT_CREATED, demo.id(), null, null), 0, 1);
        assertThat(audit.count(new AuditFilter(null, AuditAction.REPORT_CREATED, demo.id(), null, null)))
                .isEqualTo(before + 1);
        assertThat(events.get(0).actor()).isEqualTo("clinician");
        assertThat(events.get(0).detail()).contains("predicted views", "code only", "real views", "progress",
                bundle.sha256().substring(0, 12)).doesNotContain(demo.displayName());
    }

    @Test
    void theNameIsPrintedOnlyWhenTickedAndNeverGoesIntoTheDocumentInformation() {
        CaseReport report = create(options(true, null, false, false, Locale.GERMAN));
        ReportPdfs.keep(report.pdf(), "case-report-DEMO-01-de-with-name.pdf");
        ReportPdfs pdf = ReportPdfs.read(report.pdf());

        assertThat(pdf.flatText()).contains(demo.displayName(), "Fallbericht", "Simuliert – kein diagnostisches Bild",
                "Okklusal oben", com.ivpstudio.language.UserFormats.date(LocalDate.now(ZONE), Locale.GERMAN));
        assertThat(pdf.pages()).hasSize(1);
        assertThat(pdf.images()).as("front photo and four predictions, no real views asked for").isEqualTo(5);
        assertThat(pdf.info().values()).noneMatch(v -> v.contains(demo.displayName()));
        assertThat(report.fileName()).doesNotContain("Synthetic");
        assertThat(audit.find(new AuditFilter(null, AuditAction.REPORT_CREATED, demo.id(), null, null), 0, 1).get(0)
                .detail()).contains("name shown").doesNotContain(demo.displayName());
    }

    @Test
    void aSavedSnapshotIsPrintedAsSavedWithTheFrontPhotoItWasPredictedFrom() {
        Photo front = photos.photosOf(demo.id()).stream().filter(p -> p.kind() == PhotoKind.FRONT).findFirst().orElseThrow();
        List<GeneratedImage> views = inference.predictViews(PhotoReferences.of(photos, front), new Sampling(7, null),
                OperationContext.forPatient(demo.patientCode()));
        List<SnapshotImage> images = views.stream().map(g -> SnapshotImage.generated(views.indexOf(g),
                g.view().manifestName(), g)).toList();
        Snapshot saved = snapshots.save(demo.id(), "Report check seed 7", SnapshotKind.VIEWS, "views", images,
                Map.of("front_photo_id", front.id()));

        ReportPdfs pdf = ReportPdfs.read(create(options(false, saved.id(), true, false, Locale.ENGLISH)).pdf());
        assertThat(pdf.flatText()).contains("Report check seed 7", "Variation (seed) 7", NOTICE, "Input front photo");
        assertThat(pdf.compactText()).contains(saved.bundleSha256());
        assertThat(pdf.images()).isEqualTo(1 + 4);
        assertThat(audit.find(new AuditFilter(null, AuditAction.REPORT_CREATED, demo.id(), null, null), 0, 1).get(0)
                .targetId()).isEqualTo("snapshot " + saved.id());
    }

    @Test
    void anotherCasesSnapshotIsRefusedAndNothingIsAudited() {
        PatientCase other = cases.findByCode("DEMO-02").orElseThrow();
        Photo front = photos.photosOf(other.id()).stream().filter(p -> p.kind() == PhotoKind.FRONT).findFirst().orElseThrow();
        List<GeneratedImage> views = inference.predictViews(PhotoReferences.of(photos, front), Sampling.defaults(),
                OperationContext.forPatient(other.patientCode()));
        Snapshot foreign = snapshots.save(other.id(), "Other case", SnapshotKind.VIEWS, "views",
                List.of(SnapshotImage.generated(0, "upper", views.get(0))), Map.of());
        long before = audit.count(new AuditFilter(null, AuditAction.REPORT_CREATED, demo.id(), null, null));
        assertThatThrownBy(() -> create(options(false, foreign.id(), false, false, Locale.ENGLISH)))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("another case");
        assertThat(audit.count(new AuditFilter(null, AuditAction.REPORT_CREATED, demo.id(), null, null)))
                .isEqualTo(before);
    }
}
