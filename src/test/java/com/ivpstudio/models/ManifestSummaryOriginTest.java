package com.ivpstudio.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ManifestSummaryOriginTest {

    @Test
    void importedBundleNamesTheReferenceFilesAndTheirHashes() throws Exception {
        String manifest = Files.readString(Path.of("docs/model-bundle/vectors/valid/reference-import.json"));
        String inner = manifest.substring(manifest.indexOf("\"manifest\":") + "\"manifest\":".length(),
                manifest.lastIndexOf('}'));
        String origin = ManifestSummary.of(inner).origin();
        assertThat(origin).startsWith("imported from the CLIP-IVP reference code with CLIP ViT-L/14: ")
                .contains("network-snapshot-001000.pkl (network, sha256 0123456789ab…)", "ViT-L-14.pt (clip, sha256 ");
    }

    @Test
    void bundleWithoutSourceBlockWasTrainedHere() {
        assertThat(ManifestSummary.of("{\"name\": \"demo\"}").origin()).isEqualTo("trained with IVP Studio's trainer");
    }
}
