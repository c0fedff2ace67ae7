package com.ivpstudio.progress;

import com.ivpstudio.closeness.Closeness;
import static org.assertj.core.api.Assertions.assertThat;

import com.ivpstudio.ActiveModel;
import com.ivpstudio.IntegrationTest;
import com.ivpstudio.audit.AuditAction;
import com.ivpstudio.audit.AuditFilter;
import com.ivpstudio.audit.AuditLog;
import com.ivpstudio.cases.CaseService;
import com.ivpstudio.cases.PatientCase;
import com.ivpstudio.images.Photo;
import com.ivpstudio.images.PhotoKind;
import com.ivpstudio.images.PhotoService;
import com.ivpstudio.inference.Comparison;
import com.ivpstudio.inference.BundleInfo;
import com.ivpstudio.inference.InferenceService;
import com.ivpstudio.inference.OperationContext;
import com.ivpstudio.inference.Provenance;
import com.ivpstudio.inference.ViewKind;
import com.ivpstudio.models.ModelRegistry;
import com.ivpstudio.studio.ReferencePair;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/** The progress timeline's data on the demo cases with the real demo model. */
@IntegrationTest
class ProgressTimelineIT {

    @Autowired
    ProgressTimelineService timelines;
    @Autowired
    InferenceService inference;
    @Autowired
    CaseService cases;
    @Autowired
    PhotoService photos;
    @Autowired
    AuditLog audit;
    @Autowired
    ModelRegistry models;

    ActiveModel model;

    @BeforeEach
    void setUp() {
        model = ActiveModel.ensure(inference);
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                "clinician", "n/a", List.of(new SimpleGrantedAuthority("ROLE_CLINICIAN"))));
    }

    @AfterEach
    void tearDown() {
        SecurityContextHolder.clearContext();
        model.close();
    }

    private PatientCase demo(int n) {
        return cases.findByCode(String.format("DEMO-%02d", n)).orElseThrow();
    }

    @Test
    void eachViewSetsEveryRealPhotoAgainstThePredictionFromTheFirstFrontPhotoComparedByTheEngine() {
        PatientCase demo = demo(1);
        long before = audit.count(new AuditFilter(null, AuditAction.PROGRESS_COMPARED, demo.id(), null, null));

        // as on the screen's worker thread: no signed-in user there, the audit entry still names the clinician
        SecurityContextHolder.clearContext();
        ProgressTimeline timeline = timelines.view(demo.id(), ProgressSettings.defaults(), "clinician",
                OperationContext.forPatient(demo.patientCode())).orElseThrow();

        List<Photo> all = photos.photosOf(demo.id());
        Photo initialFront = all.stream().filter(p -> p.kind() == PhotoKind.FRONT)
                .min(ProgressTimelineService.BY_DATE).orElseThrow();
        assertThat(timeline.input()).isEqualTo(initialFront);
        assertThat(timeline.input().label()).isEqualTo("initial");
        assertThat(timeline.fronts()).extracting(Photo::label).containsExactly("initial", "month 9", "month 20");
        assertThat(timeline.views()).extracting(ViewProgress::view).containsExactly(ViewKind.UPPER, ViewKind.LEFT,
                ViewKind.RIGHT, ViewKind.LOWER);
        assertThat(timeline.model().inputs()).containsExactly("photo:sha256:" + initialFront.sha256());
        assertThat(timeline.model().seed()).isZero();
        assertThat(timeline.nudgeName()).isNull();

        for (ViewProgress v : timeline.views()) {
            assertThat(v.predicted().view()).isEqualTo(v.view());
            assertThat(v.nudged()).isNull();
            // DEMO-01 has the true views of the first visit and of month 20, oldest first
            assertThat(v.points()).extracting(p -> p.actual().label()).containsExactly("initial", "month 20");
            assertThat(v.points()).allSatisfy(p -> assertThat(p.actual().kind()).isEqualTo(ClinicalViews.photoKind(v.view())));
            assertThat(v.points().get(0).actual().capturedOn()).isBefore(v.points().get(1).actual().capturedOn());
            for (ProgressPoint point : v.points()) {
                // the very numbers the engine's comparison gives for this prediction and this photo
                Comparison direct = inference.compare(v.predicted(), photos.imageBytes(point.actual().id()));
                assertThat(point.predicted()).isEqualTo(direct);
                assertThat(point.nudged()).isNull();
                System.out.printf(Locale.ROOT, "[progress] DEMO-01 %-5s vs %-8s SSIM %.3f PSNR %.1f cos %.3f → %s%n",
                        v.view().manifestName(), point.actual().label(), direct.ssim(), direct.psnr(),
                        direct.featureCosine(), Closeness.of(direct));
            }
        }
        assertThat(audit.count(new AuditFilter(null, AuditAction.PROGRESS_COMPARED, demo.id(), null, null)))
                .isEqualTo(before + 1);
        assertThat(audit.find(new AuditFilter(null, AuditAction.PROGRESS_COMPARED, demo.id(), null, null), 0, 1)
                .get(0).actor()).isEqualTo("clinician");
    }

    @Test
    void aNudgeAtTheChosenAlphaIsComparedWithTheSamePhotos() {
        PatientCase demo = demo(1);
        ReferencePair pair = timelines.referencePairs().get(0);
        ProgressTimeline timeline = timelines.view(demo.id(), new ProgressSettings(0, null, pair.id(), 1.5), "clinician",
                OperationContext.forPatient(demo.patientCode())).orElseThrow();
        assertThat(timeline.nudgeName()).isEqualTo(pair.name());
        assertThat(timeline.nudgeAlpha()).isEqualTo(1.5);
        for (ViewProgress v : timeline.views()) {
            assertThat(v.nudged().view()).isEqualTo(v.view());
            assertThat(v.nudged().provenance().alpha()).isEqualTo(1.5);
            assertThat(v.nudged().provenance().inputs()).hasSize(3).contains("photo:sha256:" + timeline.input().sha256());
            for (ProgressPoint point : v.points()) {
                assertThat(point.nudged()).isEqualTo(inference.compare(v.nudged(), photos.imageBytes(point.actual().id())));
                System.out.printf(Locale.ROOT, "[progress] DEMO-01 nudged α 1.5 %-5s vs %-8s SSIM %.3f PSNR %.1f cos %.3f → %s%n",
                        v.view().manifestName(), point.actual().label(), point.nudged().ssim(), point.nudged().psnr(),
                        point.nudged().featureCosine(), Closeness.of(point.nudged()));
            }
        }
    }

    @Test
    void theModelThatDrewATimelineIsFoundByItsProvenanceEvenAfterAnotherModelWasActivated() {
        PatientCase demo = demo(1);
        ProgressTimeline drawn = timelines.view(demo.id(), ProgressSettings.defaults(), "clinician",
                OperationContext.forPatient(demo.patientCode())).orElseThrow();
        BundleInfo serving = inference.activeBundle().orElseThrow();
        TimelineModel expected = new TimelineModel(serving.name(), serving.version(), serving.nudgeMeasured());
        assertThat(timelines.drawnBy(drawn)).isEqualTo(expected);
        assertThat(models.findBySha(serving.sha256())).as("the app registered the model it serves").isPresent();

        // an administrator activates another model before the clinician's timeline is shown
        inference.runtime().activate(Path.of("src", "test", "resources", "inference", "tiny-bundle"));
        assertThat(inference.activeBundle().orElseThrow().sha256()).isNotEqualTo(serving.sha256());
        assertThat(timelines.drawnBy(drawn)).isEqualTo(expected);

        Provenance unknown = Provenance.fromJson(drawn.model().toJson().replace(serving.sha256(), "0".repeat(64)));
        ProgressTimeline byUnknownModel = new ProgressTimeline(drawn.input(), drawn.fronts(), drawn.views(), unknown,
                null, null);
        assertThat(timelines.drawnBy(byUnknownModel))
                .isEqualTo(new TimelineModel(unknown.bundleId(), unknown.bundleVersion(), null));
    }

    @Test
    void aCaseWithOnlyFrontPhotosOverTimeHasFrontsButNoViewToCompare() {
        PatientCase demo = demo(4);
        assertThat(timelines.hasProgress(demo.id())).isTrue();
        ProgressTimeline timeline = timelines.view(demo.id(), ProgressSettings.defaults(), "clinician",
                OperationContext.forPatient(demo.patientCode())).orElseThrow();
        assertThat(timeline.fronts()).extracting(Photo::capturedOn).isSorted().hasSize(3);
        assertThat(timeline.hasRealViews()).isFalse();
        assertThat(timeline.views()).allSatisfy(v -> assertThat(v.points()).isEmpty());
    }

    @Test
    void anotherPatientsRealPhotosLookLessLikeThePredictionThanThePatientsOwn() {
        // the calibration behind the words: own first visit vs another phantom patient's first visit
        PatientCase own = demo(1);
        PatientCase other = demo(3);
        ProgressTimeline timeline = timelines.timeline(own.id(), timelines.fronts(own.id()).get(0),
                ProgressSettings.defaults(), OperationContext.none());
        double ownCos = 0;
        double otherCos = 0;
        for (ViewProgress v : timeline.views()) {
            Photo otherPhoto = photos.photosOf(other.id()).stream()
                    .filter(p -> p.kind() == ClinicalViews.photoKind(v.view()) && p.capturedOn().equals(LocalDate.of(2025, 1, 13)))
                    .findFirst().orElseThrow();
            Comparison vsOther = inference.compare(v.predicted(), photos.imageBytes(otherPhoto.id()));
            Comparison vsOwn = v.points().get(0).predicted();
            System.out.printf(Locale.ROOT, "[progress] DEMO-01 %-5s own SSIM %.3f cos %.3f (%s) · DEMO-03 SSIM %.3f cos %.3f (%s)%n",
                    v.view().manifestName(), vsOwn.ssim(), vsOwn.featureCosine(), Closeness.of(vsOwn), vsOther.ssim(),
                    vsOther.featureCosine(), Closeness.of(vsOther));
            ownCos += vsOwn.featureCosine();
            otherCos += vsOther.featureCosine();
        }
        assertThat(ownCos).isGreaterThan(otherCos);
    }
}
