package com.ivpstudio.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What the Models page reads of a manifest's z-sensitivity and out-of-distribution check. */
class ManifestMeasurementsTest {

    @Test
    void theDemoBundleHasBothMeasurements() throws IOException {
        ManifestMeasurements m = ManifestMeasurements.of(Files.readString(Path.of("models/demo/manifest.json")));
        assertThat(m.zDim()).isEqualTo(32);
        assertThat(m.zSensitivity()).isGreaterThan(1.0);
        assertThat(m.ood()).hasValueSatisfying(o -> {
            assertThat(o.threshold()).isGreaterThan(0);
            assertThat(o.heldOutCount()).isGreaterThan(100);
            // each of the three checks flags about 1 % (or less) of the fronts its threshold was set on
            assertThat(o.falseAlarmRate()).isBetween(0.0, 0.03);
            assertThat(o.pictureThreshold()).as("the second check, on colours").isGreaterThan(0);
            assertThat(o.orientation()).as("the third check, which way up").isNotNull();
            assertThat(o.orientation().detectionRate()).isGreaterThan(0.95);
            assertThat(o.orientation().falseAlarmRate()).isLessThanOrEqualTo(0.01);
        });
    }

    @Test
    void aBundleWithoutThemSaysNothingWasMeasured() throws IOException {
        ManifestMeasurements m = ManifestMeasurements.of(Files.readString(
                Path.of("src/test/resources/inference/tiny-bundle/manifest.json")));
        assertThat(m.zSensitivity()).isNull();
        assertThat(m.ood()).isEmpty();
        assertThat(ManifestMeasurements.of("not json").ood()).isEmpty();
    }
}
