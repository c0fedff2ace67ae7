package com.ivpstudio.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** When the studio treats a model as deterministic and whether it has the unusual-photo check. */
class BundleInfoTest {

    private static BundleInfo model(int zDim, Double zSensitivity, Double oodThreshold) {
        return new BundleInfo("id", "name", "1.0.0", "a".repeat(64), Path.of("."), true, "demo", "CPU", 256, 128,
                zDim, 1.0, 13, 2, ViewKind.ALL, zSensitivity, oodThreshold, null);
    }

    @Test
    void aModelWithoutRandomInputIsDeterministic() {
        assertThat(model(0, null, null).deterministic()).isTrue();
    }

    @Test
    void aRandomInputMeasuredBelowOneLevelIsDeterministic() {
        assertThat(model(32, 0.4, null).deterministic()).isTrue();
        assertThat(model(32, 0.999, null).deterministic()).isTrue();
    }

    @Test
    void aVisibleOrUnmeasuredVariationKeepsTheSeedControls() {
        assertThat(model(32, 1.0, null).deterministic()).isFalse();
        assertThat(model(32, 2.1, null).deterministic()).isFalse();
        assertThat(model(32, null, null).deterministic()).as("older bundles behave as before").isFalse();
    }

    @Test
    void onlyABundleWithAThresholdChecksPhotos() {
        assertThat(model(32, null, 21.5).checksOutOfDistribution()).isTrue();
        assertThat(model(32, null, null).checksOutOfDistribution()).isFalse();
    }
}
