package com.ivpstudio.snapshots;

import static org.assertj.core.api.Assertions.assertThat;

import com.ivpstudio.ActiveModel;
import com.ivpstudio.IntegrationTest;
import com.ivpstudio.cases.CaseService;
import com.ivpstudio.cases.PatientCase;
import com.ivpstudio.images.Photo;
import com.ivpstudio.images.PhotoKind;
import com.ivpstudio.images.PhotoReferences;
import com.ivpstudio.images.PhotoService;
import com.ivpstudio.inference.Embedding;
import com.ivpstudio.inference.GeneratedImage;
import com.ivpstudio.inference.InferenceService;
import com.ivpstudio.inference.OperationContext;
import com.ivpstudio.inference.Sampling;
import com.ivpstudio.language.TranslationFiles;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/** A snapshot keeps the real front photo it was made from; its exports carry it; older snapshots still open. */
@IntegrationTest
class SnapshotInputPhotoIT {

    private static final BiFunction<String, Object[], String> ENGLISH =
            (key, params) -> new TranslationFiles().getTranslation(key, Locale.ENGLISH, params);

    @Autowired
    SnapshotService snapshots;
    @Autowired
    SnapshotExports exports;
    @Autowired
    InferenceService inference;
    @Autowired
    CaseService cases;
    @Autowired
    PhotoService photos;
    @Autowired
    JdbcClient jdbc;

    PatientCase demo;
    Photo front;
    ActiveModel model;

    @BeforeEach
    void setUp() {
        model = ActiveModel.ensure(inference);
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                "clinician", "n/a", List.of(new SimpleGrantedAuthority("ROLE_CLINICIAN"))));
        demo = cases.findByCode("DEMO-02").orElseThrow();
        front = frontOf(demo);
    }

    @AfterEach
    void tearDown() {
        SecurityContextHolder.clearContext();
        model.close();
    }

    private Photo frontOf(PatientCase c) {
        return photos.photosOf(c.id()).stream().filter(p -> p.kind() == PhotoKind.FRONT).findFirst().orElseThrow();
    }

    private Snapshot saveStrip(String title, Map<String, Object> params) {
        Embedding k = inference.embedPhoto(PhotoReferences.of(photos, front));
        List<GeneratedImage> generated = inference.nudge(k, k, k, new double[] {0, 1}, Sampling.seed(5),
                OperationContext.forPatient(demo.patientCode()));
        List<SnapshotImage> images = new ArrayList<>();
        for (GeneratedImage g : generated) {
            images.add(SnapshotImage.generated(images.size(), "α = " + g.provenance().alpha() + " · " + g.view(), g));
        }
        return snapshots.save(demo.id(), title, SnapshotKind.STRIP, "nudge", images, params);
    }

    @Test
    void aStripKeepsItsStartingPhotoAndItsExportsStartWithIt() throws Exception {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("base_photo_id", front.id());
        Snapshot s = saveStrip("With its front photo", params);

        SnapshotInputPhoto kept = snapshots.inputPhoto(s.id()).orElseThrow();
        assertThat(kept.photoId()).isEqualTo(front.id());
        assertThat(kept.imageSha256()).isEqualTo(front.sha256());
        assertThat(kept.image()).isEqualTo(photos.imageBytes(front.id()));
        assertThat(kept.thumbnail()).isEqualTo(photos.thumbnail(front.id()));
        assertThat(snapshots.images(s.id())).as("the simulated images are unchanged").hasSize(8);

        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(exports.zip(s.id()).bytes()))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        assertThat(entries.keySet().iterator().next()).startsWith("00-front-photo-input-real.");
        assertThat(entries.values().iterator().next()).isEqualTo(photos.imageBytes(front.id()));
        assertThat(entries).hasSize(1 + 8 + 1);

        // the sheet: front first, then the 8 simulated images → 9 cells in rows of 4 = 3 rows
        BufferedImage sheet = ImageIO.read(new ByteArrayInputStream(exports.png(s.id(), ENGLISH).bytes()));
        assertThat(sheet.getHeight()).isEqualTo(36 + 3 * (192 + 22));
        assertThat(meanBrightness(sheet, 0, 36, 320, 192)).as("the first cell shows the photo, not white paper")
                .isLessThan(200);
    }

    @Test
    void aPhotoOfAnotherCaseIsNeverCopiedIntoThisCasesSnapshot() {
        Photo foreign = frontOf(cases.findByCode("DEMO-03").orElseThrow());
        Snapshot s = saveStrip("Foreign photo id", new LinkedHashMap<>(Map.of("base_photo_id", foreign.id())));
        assertThat(snapshots.inputPhoto(s.id())).isEmpty();
    }

    @Test
    void aSnapshotSavedBeforeInputPhotosWereKeptStillOpensAndExports() throws Exception {
        Snapshot s = saveStrip("Old style", new LinkedHashMap<>(Map.of("base_photo_id", front.id())));
        // what a snapshot saved before V45 looks like: no input photo row
        jdbc.sql("DELETE FROM snapshot_input_photo WHERE snapshot_id = :s").param("s", s.id()).update();

        assertThat(snapshots.inputPhoto(s.id())).isEmpty();
        assertThat(snapshots.images(s.id())).hasSize(8);
        BufferedImage sheet = ImageIO.read(new ByteArrayInputStream(exports.png(s.id(), ENGLISH).bytes()));
        assertThat(sheet.getHeight()).as("two rows of four, no front").isEqualTo(36 + 2 * (192 + 22));
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(exports.zip(s.id()).bytes()))) {
            assertThat(in.getNextEntry().getName()).startsWith("01-");
        }
    }

    private static double meanBrightness(BufferedImage img, int x0, int y0, int w, int h) {
        long sum = 0;
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) {
                int rgb = img.getRGB(x, y);
                sum += ((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff);
            }
        }
        return sum / (3.0 * w * h);
    }
}
