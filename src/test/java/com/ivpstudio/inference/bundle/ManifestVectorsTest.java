package com.ivpstudio.inference.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The shared manifest vectors of docs/model-bundle/vectors, the canonical texts and the z-from-seed vectors. */
class ManifestVectorsTest {

    private static final Path VECTORS = Path.of("docs/model-bundle/vectors");
    private final ManifestValidator validator = ManifestValidator.standard();

    @TestFactory
    Stream<DynamicTest> validVectorsPass() throws IOException {
        return files("valid").map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            JsonNode v = Json.tree(f);
            assertThat(validator.errors(v.get("manifest"))).isEmpty();
        }));
    }

    @TestFactory
    Stream<DynamicTest> invalidVectorsAreRefusedWithTheCanonicalText() throws IOException {
        return files("invalid").map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            JsonNode v = Json.tree(f);
            String refusal = validator.refusal(v.get("manifest"));
            assertThat(refusal).startsWith("invalid manifest: ").contains(v.get("expected_error").asText());
        }));
    }

    @Test
    void thereAreVectors() throws IOException {
        assertThat(files("valid").count()).isGreaterThanOrEqualTo(2);
        assertThat(files("invalid").count()).isGreaterThanOrEqualTo(20);
    }

    @Test
    void malformedJsonIsRefused() {
        assertThat(BundleValidator.checkManifest("{\"format\": ")).startsWith("invalid manifest: manifest.json is not valid JSON");
    }

    @Test
    void zFromSeedMatchesTheDocumentedVectors() {
        assertThat(ZFromSeed.firstOutput(0)).isEqualTo(0xe220a8397b1dcdafL);
        assertThat(ZFromSeed.firstOutput(42)).isEqualTo(0xbdd732262feb6e95L);
        check(0, -1.8839084f, 0.86450684f, 0.22760794f, -0.042112686f, -0.22143789f, 0.41933283f, 0.08341854f, -0.6124071f);
        check(1, -0.034267321f, -1.2926085f, -2.5000675f, 0.9114666f, 0.087722465f, -1.0803847f, -2.0271349f, -0.2958782f);
        check(42, 0.88224888f, 1.3884733f, -0.45084986f, 0.67071646f, 0.18835263f, -0.20510402f, 0.21958637f, -0.66679794f);
        assertThat(ZFromSeed.z(0, 7)).hasSize(7);
        assertThat(ZFromSeed.z(0, 7)[6]).isEqualTo(ZFromSeed.z(0, 8)[6]);
    }

    private static void check(long seed, float... want) {
        float[] z = ZFromSeed.z(seed, want.length);
        for (int i = 0; i < want.length; i++) {
            assertThat((double) Math.abs(z[i] - want[i])).as("seed %d z[%d]", seed, i).isLessThanOrEqualTo(1e-6);
        }
    }

    @Test
    void embeddedSchemaCopyEqualsTheDocumentedSchema() throws IOException {
        assertThat(Json.MAPPER.readTree(ManifestSchema.JSON))
                .isEqualTo(Json.MAPPER.readTree(Files.readString(Path.of("docs/model-bundle/manifest.schema.json"))));
    }

    @Test
    void pythonJsonFormatting() throws IOException {
        JsonNode n = Json.MAPPER.readTree("[\"left\",\"right\"]");
        assertThat(ManifestValidator.pythonJson(n)).isEqualTo("[\"left\", \"right\"]");
    }

    private static Stream<Path> files(String kind) throws IOException {
        List<Path> list;
        try (Stream<Path> s = Files.list(VECTORS.resolve(kind))) {
            list = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        return list.stream();
    }
}
