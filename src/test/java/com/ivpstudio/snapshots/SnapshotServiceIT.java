package com.ivpstudio.snapshots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ivpstudio.images.PhotoReferences;
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
import com.ivpstudio.inference.Embedding;
import com.ivpstudio.inference.GeneratedImage;
import com.ivpstudio.inference.InferenceService;
import com.ivpstudio.inference.OperationContext;
import com.ivpstudio.inference.Provenance;
import com.ivpstudio.inference.Sampling;
import com.ivpstudio.inference.ViewKind;
import com.ivpstudio.common.UserFacingException;
import com.ivpstudio.language.TranslationFiles;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/** Snapshots: saved bytes come back identical, provenance round-trips and regenerates the same PNGs. */
@IntegrationTest
class SnapshotServiceIT {

    @Autowired
    SnapshotService snapshots;
    @Autowired
    InferenceService inference;
    @Autowired
    CaseService cases;
    @Autowired
    PhotoService photos;
    @Autowired
    AuditLog audit;
    @Autowired
    SnapshotExports exports;
    @Autowired
    SnapshotRegeneration regeneration;

    PatientCase demo;
    Photo front;

    ActiveModel model;

    @BeforeEach
    void setUp() {
        model = ActiveModel.ensure(inference);
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                "clinician", "n/a", List.of(new SimpleGrantedAuthority("ROLE_CLINICIAN"))));
        demo = cases.findByCode("DEMO-01").orElseThrow();
        front = photos.photosOf(demo.id()).stream().filter(p -> p.kind() == PhotoKind.FRONT).findFirst().orElseThrow();
    }

    @AfterEach
    void signOutAndRestoreTheModel() {
        SecurityContextHolder.clearContext();
        model.close();
    }

    private List<GeneratedImage> views(long seed) {
        Embedding e = inference.embedPhoto(PhotoReferences.of(photos, front));
        return inference.predictViews(e, ViewKind.ALL, List.of(seed), null, OperationContext.forPatient(demo.patientCode()));
    }

    @Test
    void aSavedSnapshotReopensByteIdenticalAndItsProvenanceRegeneratesTheSameImages() throws Exception {
        List<GeneratedImage> generated = views(11);
        List<SnapshotImage> images = new ArrayList<>();
        for (GeneratedImage g : generated) {
            images.add(SnapshotImage.generated(images.size(), g.view().name(), g));
        }
        Snapshot saved = snapshots.save(demo.id(), "  Views for the review meeting ", SnapshotKind.VIEWS, "views", images,
                Map.of("front_photo_id", front.id()));

        assertThat(saved.title()).isEqualTo("Views for the review meeting");
        assertThat(saved.createdBy()).isEqualTo("clinician");
        assertThat(saved.bundleSha256()).isEqualTo(inference.activeBundle().orElseThrow().sha256());
        assertThat(snapshots.snapshotsOf(demo.id())).extracting(Snapshot::id).contains(saved.id());
        assertThat(snapshots.countByBundle(saved.bundleSha256())).isPositive();

        List<SnapshotImage> loaded = snapshots.images(saved.id());
        assertThat(loaded).hasSize(4);
        for (int i = 0; i < 4; i++) {
            assertThat(loaded.get(i).bytes()).isEqualTo(generated.get(i).png());
            assertThat(Provenance.fromJson(loaded.get(i).provenanceJson())).isEqualTo(generated.get(i).provenance());
        }

        // the snapshot's provenance JSON: model, operation, inputs, seed, ψ, user, time, per-image provenance
        JsonNode p = new ObjectMapper().readTree(snapshots.get(saved.id()).provenanceJson());
        assertThat(p.path("model").path("sha256").asText()).isEqualTo(saved.bundleSha256());
        assertThat(p.path("operation").asText()).isEqualTo("views");
        assertThat(p.path("parameters").path("seed").asLong()).isEqualTo(11);
        assertThat(p.path("parameters").path("psi").isNumber()).isTrue();
        assertThat(p.path("parameters").path("inputs").get(0).asText()).isEqualTo("photo:sha256:" + front.sha256());
        assertThat(p.path("parameters").path("front_photo_id").asLong()).isEqualTo(front.id());
        assertThat(p.path("created_by").asText()).isEqualTo("clinician");
        assertThat(p.path("created_at").asText()).isNotBlank();
        Provenance roundTrip = Provenance.fromJson(p.path("images").get(2).path("provenance").toString());
        assertThat(roundTrip).isEqualTo(generated.get(2).provenance());

        // regenerate from the stored provenance alone → the same bytes
        Provenance first = Provenance.fromJson(loaded.get(0).provenanceJson());
        Embedding again = inference.embedPhoto(PhotoReferences.of(photos, front));
        assertThat(first.inputs()).containsExactly(again.source());
        List<GeneratedImage> regenerated = inference.predictViews(again, ViewKind.ALL, List.of(first.seed()),
                first.psi(), OperationContext.forPatient(first.patientCode()));
        for (int i = 0; i < 4; i++) {
            assertThat(regenerated.get(i).png()).isEqualTo(loaded.get(i).bytes());
        }

        assertThat(audit.find(new AuditFilter(null, AuditAction.SNAPSHOT_CREATED, demo.id(), null, null), 0, 10))
                .anySatisfy(e -> assertThat(e.targetId()).isEqualTo(Long.toString(saved.id())));

        // "Regenerate and compare" on the same model: every saved image comes back byte for byte
        assertThat(regeneration.supports(saved)).isTrue();
        SnapshotRegeneration.Result check = regeneration.regenerate(saved.id());
        assertThat(check.sameModel()).isTrue();
        assertThat(check.allIdentical()).isTrue();
        assertThat(check.views()).hasSize(4).allSatisfy(v -> assertThat(v.regenerated().png()).isEqualTo(v.saved()));
    }

    @Test
    void aRegenerationThatDiffersReportsHowFarEachViewMoved() {
        List<GeneratedImage> generated = views(12);
        List<SnapshotImage> images = new ArrayList<>();
        for (GeneratedImage g : generated) {
            images.add(SnapshotImage.generated(images.size(), g.view().name(), g));
        }
        // the saved left view is replaced by the right one: the regeneration must notice and measure it
        images.set(0, new SnapshotImage(0, "LEFT", "left", "image/png", generated.get(1).png(),
                generated.get(0).provenance().toJson()));
        Snapshot saved = snapshots.save(demo.id(), "Altered", SnapshotKind.VIEWS, "views", images,
                Map.of("front_photo_id", front.id()));
        SnapshotRegeneration.Result again = regeneration.regenerate(saved.id());
        assertThat(again.allIdentical()).isFalse();
        assertThat(again.views().get(0).identical()).isFalse();
        assertThat(again.views().get(0).comparison().psnr()).isFinite();
        assertThat(again.views().subList(1, 4)).allMatch(SnapshotRegeneration.ViewCheck::identical);

        Snapshot strip = snapshots.save(demo.id(), "No photo", SnapshotKind.VIEWS, "text-views", images, Map.of());
        assertThat(regeneration.supports(strip)).isFalse();
        assertThatThrownBy(() -> regeneration.regenerate(strip.id())).isInstanceOfSatisfying(UserFacingException.class,
                e -> assertThat(e.text((key, params) -> new TranslationFiles().getTranslation(key, Locale.GERMAN,
                        params))).isEqualTo("Nur vorhergesagte Ansichten können neu erzeugt werden."));
    }

    @Test
    void exportsAZipWithEveryImageAndTheProvenanceAndAPngContactSheet() throws Exception {
        List<GeneratedImage> generated = inference.nudge(inference.embedPhoto(PhotoReferences.of(photos, front)),
                inference.embedPhoto(PhotoReferences.of(photos, front)), inference.embedPhoto(PhotoReferences.of(photos, front)), new double[] {0, 1},
                Sampling.seed(3), OperationContext.forPatient(demo.patientCode()));
        List<SnapshotImage> images = new ArrayList<>();
        for (GeneratedImage g : generated) {
            images.add(SnapshotImage.generated(images.size(), "α = " + g.provenance().alpha() + " · " + g.view(), g));
        }
        Snapshot s = snapshots.save(demo.id(), "Strip", SnapshotKind.STRIP, "nudge", images,
                Map.of("alphas", new double[] {0, 1}));

        SnapshotExports.Export zip = exports.zip(s.id());
        assertThat(zip.fileName()).startsWith("demo-01-snapshot-" + s.id()).endsWith(".zip");
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.bytes()))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        assertThat(entries).hasSize(9).containsKey("provenance.json");
        assertThat(new String(entries.get("provenance.json"), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(snapshots.get(s.id()).provenanceJson());
        assertThat(entries.values()).anySatisfy(b -> assertThat(b).isEqualTo(generated.get(7).png()));
        // same snapshot → same ZIP bytes
        assertThat(exports.zip(s.id()).bytes()).isEqualTo(zip.bytes());

        SnapshotExports.Export png = exports.png(s.id(), (key, params) -> new TranslationFiles().getTranslation(key, Locale.ENGLISH, params));
        assertThat(ImageIO.read(new ByteArrayInputStream(png.bytes())).getWidth()).isEqualTo(4 * 320);
        assertThat(audit.find(new AuditFilter(null, AuditAction.SNAPSHOT_EXPORTED, demo.id(), null, null), 0, 10))
                .hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void refusesEmptyTitlesAndNothingToSave() {
        List<SnapshotImage> images = List.of(SnapshotImage.generated(0, "x", views(1).get(0)));
        assertThatThrownBy(() -> snapshots.save(demo.id(), " ", SnapshotKind.VIEWS, "views", images, Map.of()))
                .isInstanceOf(UserFacingException.class);
        assertThatThrownBy(() -> snapshots.save(demo.id(), "t", SnapshotKind.VIEWS, "views", List.of(), Map.of()))
                .isInstanceOf(UserFacingException.class);
        SnapshotImage realOnly = SnapshotImage.photo(0, "real", "front", front.id(), front.sha256(), "image/jpeg",
                new byte[] {1, 2, 3});
        assertThatThrownBy(() -> snapshots.save(demo.id(), "t", SnapshotKind.COMPARISON, "compare", List.of(realOnly),
                Map.of())).isInstanceOf(UserFacingException.class);
    }
}
