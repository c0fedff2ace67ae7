package com.ivpstudio.studio;

import static org.assertj.core.api.Assertions.assertThat;

import com.ivpstudio.inference.Comparison;
import org.junit.jupiter.api.Test;

class SimilarityReadingTest {

    @Test
    void theDemoCasesOwnViewsReadAsCloseOrBetter() {
        // DEMO-01, seed 0 (CasePageBrowserIT): upper 0.738 / 0.990, left 0.514 / 0.865, lower 0.736 / 0.982
        assertThat(SimilarityReading.of(new Comparison(0.738, 22.5, 0.990, 128))).isEqualTo(SimilarityReading.CLOSE);
        assertThat(SimilarityReading.of(0.514, 0.865)).isEqualTo(SimilarityReading.CLOSE);
        assertThat(SimilarityReading.of(0.80, 0.97)).isEqualTo(SimilarityReading.VERY_CLOSE);
    }

    @Test
    void bothNumbersMustAgreeForABetterReading() {
        assertThat(SimilarityReading.of(0.9, 0.6)).as("sharp pixels, wrong content").isEqualTo(SimilarityReading.DIFFERENT);
        assertThat(SimilarityReading.of(0.2, 0.99)).as("right content, other framing").isEqualTo(SimilarityReading.DIFFERENT);
        assertThat(SimilarityReading.of(0.45, 0.8)).isEqualTo(SimilarityReading.LOOSELY_SIMILAR);
        assertThat(SimilarityReading.of(0.76, 0.9)).isEqualTo(SimilarityReading.CLOSE);
    }

    @Test
    void theThresholdsThemselvesBelongToTheBetterReading() {
        assertThat(SimilarityReading.of(SimilarityReading.VERY_CLOSE_SSIM, SimilarityReading.VERY_CLOSE_FEATURES))
                .isEqualTo(SimilarityReading.VERY_CLOSE);
        assertThat(SimilarityReading.of(SimilarityReading.CLOSE_SSIM, SimilarityReading.CLOSE_FEATURES))
                .isEqualTo(SimilarityReading.CLOSE);
        assertThat(SimilarityReading.of(SimilarityReading.LOOSE_SSIM, SimilarityReading.LOOSE_FEATURES))
                .isEqualTo(SimilarityReading.LOOSELY_SIMILAR);
        assertThat(SimilarityReading.VERY_CLOSE.key()).isEqualTo("casepage.similarity.VERY_CLOSE");
    }
}
