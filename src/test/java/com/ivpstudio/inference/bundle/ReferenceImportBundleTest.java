package com.ivpstudio.inference.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.ivpstudio.inference.TestBundles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A bundle imported from the CLIP-IVP reference layout (StyleGAN2 skip generator, CLIP ViT encoders, CLIP BPE
 * tokenizer, z_dim 0) loads, passes its self-test and matches Python on every golden vector.
 */
class ReferenceImportBundleTest {

    @Test
    void importedBundleLoadsAndMatchesPythonOnEveryGoldenVector() throws Exception {
        ValidationReport r = BundleValidator.validate(TestBundles.REFERENCE_IMPORT);
        assertThat(r.ok()).as(r.summary()).isTrue();
        assertThat(r.checks()).as("imported encoders take uint8 photos; the self-test proves that path")
                .filteredOn(c -> c.name().endsWith(" uint8")).hasSize(2).allMatch(ValidationReport.Check::passed);
        ParityCheck.assertParity(TestBundles.REFERENCE_IMPORT);
    }

    @Test
    void bpeTokenizerJsonGivesThePythonIdsInDjl() throws Exception {
        ParityCheck.assertTokenizer(TestBundles.REFERENCE_IMPORT);
    }

    @Test
    void sourceBlockNamesTheImportedFiles() throws Exception {
        JsonNode source = Json.tree(TestBundles.REFERENCE_IMPORT.resolve("manifest.json")).get("source");
        assertThat(source.get("kind").asText()).isEqualTo("reference-import");
        assertThat(source.get("files").findValuesAsText("role")).containsExactly("network", "clip", "bpe");
    }

    /**
     * OpenAI's real vocabulary cannot be committed; when IVP_CLIP_TOKENIZER_JSON names a tokenizer.json built from
     * it by the importer, DJL must give the ids OpenAI's reference tokenizer gave (committed as numbers).
     */
    @Test
    void realClipVocabularyGivesTheReferenceTokenizerIdsWhenPresent() throws Exception {
        String path = System.getenv("IVP_CLIP_TOKENIZER_JSON");
        assumeTrue(path != null && Files.isRegularFile(Path.of(path)), "IVP_CLIP_TOKENIZER_JSON not set");
        JsonNode want = Json.tree(Path.of("training/tests/data/clip_bpe_reference_ids.json"));
        assertThat(want.get("vectors").size()).isGreaterThanOrEqualTo(50);
        ParityCheck.assertTokenizerVectors(Path.of(path), want.get("context_length").asInt(), want.get("vectors"));
    }
}
