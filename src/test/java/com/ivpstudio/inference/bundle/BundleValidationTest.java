package com.ivpstudio.inference.bundle;

import com.ivpstudio.inference.LittleEndian;
import static org.assertj.core.api.Assertions.assertThat;

import com.ivpstudio.inference.Hashing;
import com.ivpstudio.inference.TestBundles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Validating the tiny real bundle: every check reported, parity with Python, what a bundle may claim, zips. */
class BundleValidationTest {

    @Test
    void reportListsEveryCheckAndTheGoldenParity() {
        ValidationReport r = BundleValidator.validate(TestBundles.TINY);
        assertThat(r.ok()).as(r.summary()).isTrue();
        for (String m : List.of("image_encoder.pt", "text_encoder.pt", "mapping.pt", "synthesis.pt")) {
            assertThat(r.checks()).anyMatch(c -> c.name().equals("golden " + m + " b1") && c.passed());
            assertThat(r.checks()).anyMatch(c -> c.name().equals("golden " + m + " b4") && c.passed());
        }
        assertThat(r.checks()).anyMatch(c -> c.name().equals("tokenizer vectors") && c.passed());
        assertThat(r.checks()).anyMatch(c -> c.name().equals("z vectors") && c.passed());
        assertThat(r.bundleId()).isEqualTo("ivp-tiny-inference-test");
    }

    @Test
    void parityWithPythonOnEveryGoldenCase() throws Exception {
        ParityCheck.assertParity(TestBundles.TINY);
    }

    @Test
    void tokenizerMatchesTheGoldenVectors() throws Exception {
        ParityCheck.assertTokenizer(TestBundles.TINY);
    }

    @Test
    void aBundleThatClaimsUint8PhotosItCannotReadIsRefused() throws Exception {
        // The tiny bundle's encoder predates the gathered resize: F.interpolate keeps uint8 input as uint8 and
        // rounds, so its embedding of a byte photo differs from the float one. Declaring uint8 must not pass.
        Path declared = TestBundles.copy(TestBundles.TINY);
        com.fasterxml.jackson.databind.node.ObjectNode m = (com.fasterxml.jackson.databind.node.ObjectNode)
                Json.MAPPER.readTree(declared.resolve("manifest.json").toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) m.get("encoder")).putArray("input_dtypes").add("float32")
                .add("uint8");
        Files.writeString(declared.resolve("manifest.json"), Json.MAPPER.writeValueAsString(m));
        ValidationReport differs = BundleValidator.validate(declared);
        assertThat(differs.ok()).isFalse();
        assertThat(differs.checks()).filteredOn(c -> c.name().endsWith("b4 uint8")).singleElement()
                .matches(c -> !c.passed()).satisfies(c -> assertThat(c.message()).contains(
                        "the manifest declares uint8 input, but the image encoder's output for the golden photo as uint8"
                                + " differs from the golden output"));
        assertThat(differs.checks()).filteredOn(c -> c.name().equals("golden image_encoder.pt b4"))
                .allMatch(ValidationReport.Check::passed);

        // a golden photo that bytes cannot carry: the claim cannot even be tested
        Path golden = declared.resolve("golden/image_encoder_b1_in_image.bin");
        float[] photo = LittleEndian.floats(Files.readAllBytes(golden));
        photo[0] += 0.5f;
        Files.write(golden, LittleEndian.bytes(photo));
        for (com.fasterxml.jackson.databind.JsonNode f : m.get("files")) {
            if (f.get("path").asText().equals("golden/image_encoder_b1_in_image.bin")) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) f).put("sha256", Hashing.sha256(Files.readAllBytes(golden)));
            }
        }
        Files.writeString(declared.resolve("manifest.json"), Json.MAPPER.writeValueAsString(m));
        assertThat(BundleValidator.validate(declared).checks()).filteredOn(c -> c.name().endsWith("b1 uint8"))
                .singleElement().matches(c -> !c.passed())
                .satisfies(c -> assertThat(c.message()).contains("golden photo is not whole 0..255 values"));
    }

    @Test
    void zipBundlesAreAccepted() throws Exception {
        Path zip = Files.createTempFile("ivp-bundle-", ".zip");
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip));
                var files = Files.walk(TestBundles.TINY)) {
            for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                out.putNextEntry(new java.util.zip.ZipEntry(TestBundles.TINY.relativize(p).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(p));
                out.closeEntry();
            }
        }
        ValidationReport r = BundleValidator.validate(zip);
        assertThat(r.ok()).as(r.summary()).isTrue();
    }
}
