package com.ivpstudio.inference.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ivpstudio.inference.Embedding;
import com.ivpstudio.inference.Hashing;
import com.ivpstudio.inference.LittleEndian;
import com.ivpstudio.inference.OodScore;
import com.ivpstudio.inference.PhotoOrientation;
import com.ivpstudio.inference.TestBundles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The demo bundle's out-of-distribution checks (embedding, picture statistics, orientation) and z-sensitivity: read
 * by the loader, the distances equal the exporter's on the golden fronts, a greyscale phantom front is caught by its
 * colours, each turn of a phantom front is read as that turn, and a bundle whose statistics do not fit its manifest
 * is refused.
 */
class OodCheckTest {

    private static final Path DEMO = TestBundles.DEMO;

    @Test
    void theLoaderReadsBothMeasurementsOfTheDemoBundle() {
        BundleLoader.Result r = load(DEMO);
        try {
            assertThat(r.report().ok()).as(r.report().summary()).isTrue();
            assertThat(r.report().checks()).filteredOn(c -> c.name().equals("ood statistics")).singleElement()
                    .matches(ValidationReport.Check::passed);
            assertThat(r.report().checks()).filteredOn(c -> c.name().equals("ood vectors")).singleElement()
                    .matches(ValidationReport.Check::passed);
            JsonNode manifest = Json.tree(DEMO.resolve("manifest.json"));
            var info = r.bundle().info();
            assertThat(info.oodThreshold()).isEqualTo(manifest.at("/ood/threshold").asDouble());
            assertThat(info.checksOutOfDistribution()).isTrue();
            assertThat(info.zSensitivity()).isEqualTo(manifest.at("/generator/z_sensitivity/mean_abs_change").asDouble());
        } finally {
            r.bundle().release();
        }
    }

    @Test
    void theScoreOfEachGoldenFrontEqualsPythons() throws Exception {
        BundleLoader.Result r = load(DEMO);
        try {
            Path golden = DEMO.resolve("golden");
            JsonNode vectors = Json.tree(golden.resolve("ood_vectors.json"));
            assertThat(vectors.path("vectors")).hasSizeGreaterThanOrEqualTo(5);
            int d = r.bundle().manifest().embeddingDim();
            for (JsonNode v : vectors.path("vectors")) {
                float[] all = LittleEndian.floats(Files.readAllBytes(golden.resolve(v.path("embedding_file").asText())));
                int row = v.path("row").asInt();
                float[] x = Arrays.copyOfRange(all, row * d, (row + 1) * d);
                OodScore s = r.bundle().oodScore(new Embedding(r.bundle().sha256(), "photo:sha256:golden", x));
                assertThat(s.score()).isCloseTo(v.path("score").asDouble(), org.assertj.core.data.Offset.offset(1e-6));
            }
            // the golden front is a phantom photo of a held-out patient; the batch-4 inputs are random pixels
            JsonNode first = vectors.path("vectors").get(0);
            assertThat(first.path("embedding_file").asText()).isEqualTo("image_encoder_b1_out.bin");
            assertThat(first.path("score").asDouble()).isLessThan(r.bundle().info().oodThreshold());
            for (int i = 1; i < vectors.path("vectors").size(); i++) {
                assertThat(vectors.path("vectors").get(i).path("score").asDouble()).as("random pixels")
                        .isGreaterThan(r.bundle().info().oodThreshold());
            }
        } finally {
            r.bundle().release();
        }
    }

    @Test
    void thePictureCheckLoadsAndItsGoldenStatisticsAndScoresEqualPythons() throws Exception {
        BundleLoader.Result r = load(DEMO);
        try {
            assertThat(r.report().checks()).filteredOn(c -> c.name().equals("ood picture vectors")).singleElement()
                    .matches(ValidationReport.Check::passed);
            assertThat(r.report().checks()).filteredOn(c -> c.name().startsWith("golden ood/picture_statistics.pt"))
                    .hasSize(2).allMatch(ValidationReport.Check::passed);
            LoadedBundle b = r.bundle();
            assertThat(b.checksPictures()).isTrue();
            Path golden = DEMO.resolve("golden");
            JsonNode vectors = Json.tree(golden.resolve("ood_vectors.json")).path("picture_vectors");
            assertThat(vectors).hasSizeGreaterThanOrEqualTo(5);
            int d = b.pictureStatisticsDim();
            float[] embedding = new float[b.manifest().embeddingDim()];
            for (JsonNode v : vectors) {
                float[] all = LittleEndian.floats(Files.readAllBytes(golden.resolve(v.path("statistics_file").asText())));
                int row = v.path("row").asInt();
                float[] stats = Arrays.copyOfRange(all, row * d, (row + 1) * d);
                OodScore s = b.oodScore(new Embedding(b.sha256(), "photo:sha256:golden", embedding, stats, null));
                assertThat(s.pictureScore()).isCloseTo(v.path("score").asDouble(), org.assertj.core.data.Offset.offset(1e-6));
                assertThat(s.pictureThreshold()).isEqualTo(b.manifest().ood().picture().threshold());
            }
        } finally {
            r.bundle().release();
        }
    }

    @Test
    void aGreyscaleFrontIsUnusualByItsColoursWhileTheFrontItselfIsNot() throws Exception {
        BundleLoader.Result r = load(DEMO);
        try {
            LoadedBundle b = r.bundle();
            // the golden b1 input is a phantom front of a held-out patient, 128x128 RGB planes 0..255
            float[] front = LittleEndian.floats(Files.readAllBytes(DEMO.resolve("golden/image_encoder_b1_in_image.bin")));
            int n = front.length / 3;
            byte[] colour = new byte[front.length];
            byte[] grey = new byte[front.length];
            for (int i = 0; i < n; i++) {
                double l = 0.299 * front[i] + 0.587 * front[n + i] + 0.114 * front[2 * n + i];
                for (int c = 0; c < 3; c++) {
                    colour[c * n + i] = (byte) Math.round(front[c * n + i]);
                    grey[c * n + i] = (byte) Math.round(l);
                }
            }
            OodScore ordinary = score(b, colour);
            OodScore greyscale = score(b, grey);
            assertThat(ordinary.unusual()).as("the phantom front, %s", ordinary).isFalse();
            assertThat(greyscale.coloursUnusual()).as("its greyscale copy, %s", greyscale).isTrue();
            assertThat(greyscale.unusual()).isTrue();
        } finally {
            r.bundle().release();
        }
    }

    @Test
    void eachTurnOfTheGoldenFrontIsReadAsThatTurn() throws Exception {
        BundleLoader.Result r = load(DEMO);
        try {
            LoadedBundle b = r.bundle();
            assertThat(b.checksOrientation()).isTrue();
            assertThat(r.report().checks()).filteredOn(c -> c.name().startsWith("golden ood/orientation.pt"))
                    .hasSize(2).allMatch(ValidationReport.Check::passed);
            float[] front = LittleEndian.floats(Files.readAllBytes(DEMO.resolve("golden/image_encoder_b1_in_image.bin")));
            byte[] planes = new byte[front.length];
            for (int i = 0; i < front.length; i++) {
                planes[i] = (byte) Math.round(front[i]);
            }
            for (PhotoOrientation expected : PhotoOrientation.values()) {
                OodScore s = score(b, planes);
                assertThat(s.orientation()).as("the golden front turned %s", expected).isEqualTo(expected);
                assertThat(s.turned()).isEqualTo(!expected.upright());
                assertThat(s.unusual()).isEqualTo(!expected.upright());
                planes = quarterTurnCounterclockwise(planes, 128);
            }
        } finally {
            r.bundle().release();
        }
    }

    /** RGB planes of an s x s photo turned a quarter turn counterclockwise (numpy.rot90's direction). */
    private static byte[] quarterTurnCounterclockwise(byte[] planes, int s) {
        byte[] out = new byte[planes.length];
        int n = s * s;
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < s; y++) {
                for (int x = 0; x < s; x++) {
                    out[c * n + y * s + x] = planes[c * n + x * s + (s - 1 - y)];
                }
            }
        }
        return out;
    }

    private static OodScore score(LoadedBundle b, byte[] planes) {
        float[] kappa = b.encodeImages(planes, 1, 128, 128)[0];
        float[] pictures = b.pictureStatistics(planes, 128, 128);
        float[] orientation = b.checksOrientation() ? b.orientation(planes, 128, 128) : null;
        return b.oodScore(new Embedding(b.sha256(), "photo:sha256:probe", kappa, pictures, orientation));
    }

    @Test
    void onlyPhotosGetAScore() {
        BundleLoader.Result r = load(DEMO);
        try {
            float[] x = new float[r.bundle().manifest().embeddingDim()];
            assertThat(r.bundle().oodScore(new Embedding(r.bundle().sha256(), "text:braces", x))).isNull();
            assertThat(r.bundle().oodScore(new Embedding(r.bundle().sha256(), "photo:sha256:x", x))).isNotNull();
        } finally {
            r.bundle().release();
        }
    }

    @Test
    void aStatisticsFileOfTheWrongSizeIsRefused() throws Exception {
        Path copy = TestBundles.copy(DEMO);
        Path stats = copy.resolve("ood/stats.f32");
        byte[] bytes = Files.readAllBytes(stats);
        Files.write(stats, Arrays.copyOf(bytes, bytes.length - 4));
        ValidationReport r = BundleValidator.validate(copy);
        assertThat(r.ok()).isFalse();
        assertThat(r.summary()).contains("size mismatch: ood/stats.f32");

        // the manifest then claims the short size: the size no longer holds mean and precision
        String shortSha = Hashing.sha256(stats);
        editManifest(copy, m -> {
            for (JsonNode f : m.get("files")) {
                if (f.get("path").asText().equals("ood/stats.f32")) {
                    ((ObjectNode) f).put("size", bytes.length - 4).put("sha256", shortSha);
                }
            }
        });
        assertThat(BundleValidator.validate(copy).summary())
                .contains("$.ood.file: size must be 4*(dim+dim*dim) = " + bytes.length + " bytes");
    }

    @Test
    void aMalformedOodSectionIsRefusedWithTheCanonicalText() throws Exception {
        Path copy = TestBundles.copy(DEMO);
        editManifest(copy, m -> ((ObjectNode) m.get("ood")).put("threshold", -1));
        assertThat(BundleValidator.validate(copy).summary()).contains("$.ood.threshold: must be > 0");
        editManifest(copy, m -> ((ObjectNode) m.get("ood")).put("threshold", 10).put("file", "ood/other.f32"));
        assertThat(BundleValidator.validate(copy).summary())
                .contains("$.ood.file: file not listed in $.files: ood/other.f32");
    }

    @Test
    void aWrongGoldenScoreFailsTheSelfTest() throws Exception {
        assertWrongScoreFails("vectors", "ood vectors");
    }

    @Test
    void aWrongGoldenPictureScoreFailsTheSelfTest() throws Exception {
        assertWrongScoreFails("picture_vectors", "ood picture vectors");
    }

    private static void assertWrongScoreFails(String list, String check) throws Exception {
        Path copy = TestBundles.copy(DEMO);
        Path vectors = copy.resolve("golden/ood_vectors.json");
        ObjectNode v = (ObjectNode) Json.tree(vectors);
        ObjectNode first = (ObjectNode) v.get(list).get(0);
        first.put("score", first.get("score").asDouble() + 0.5);
        Files.writeString(vectors, Json.MAPPER.writeValueAsString(v));
        long size = Files.size(vectors);
        String sha = Hashing.sha256(vectors);
        editManifest(copy, m -> {
            for (JsonNode f : m.get("files")) {
                if (f.get("path").asText().equals("golden/ood_vectors.json")) {
                    ((ObjectNode) f).put("size", size).put("sha256", sha);
                }
            }
        });
        ValidationReport r = BundleValidator.validate(copy);
        assertThat(r.ok()).isFalse();
        assertThat(r.checks()).filteredOn(c -> c.name().equals(check)).singleElement()
                .satisfies(c -> assertThat(c.message()).contains("the OOD scores differ from golden/ood_vectors.json"));
    }

    @Test
    void aBundleWithoutTheSectionHasNoCheck() {
        BundleLoader.Result r = load(TestBundles.TINY);
        try {
            assertThat(r.bundle().info().checksOutOfDistribution()).isFalse();
            assertThat(r.bundle().info().zSensitivity()).isNull();
            assertThat(r.bundle().oodScore(new Embedding(r.bundle().sha256(), "photo:sha256:x",
                    new float[r.bundle().manifest().embeddingDim()]))).isNull();
        } finally {
            r.bundle().release();
        }
    }

    private static BundleLoader.Result load(Path bundle) {
        BundleLoader.Result r = new BundleLoader(ManifestValidator.standard(), BundleLoader.Settings.defaults())
                .load(bundle);
        assertThat(r.bundle()).as(r.report().summary()).isNotNull();
        return r;
    }

    private static void editManifest(Path bundle, java.util.function.Consumer<ObjectNode> edit) throws Exception {
        Path file = bundle.resolve("manifest.json");
        ObjectNode m = (ObjectNode) Json.MAPPER.readTree(file.toFile());
        edit.accept(m);
        Files.writeString(file, Json.MAPPER.writeValueAsString(m));
    }
}
