package com.ivpstudio.inference.comparison;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** PSNR, SSIM and cosine as the Python evaluation computes them. */
class ImageMetricsTest {

    @Test
    void metricsOfIdenticalAndDifferentImages() {
        byte[] a = new byte[32 * 32 * 3];
        byte[] b = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = (byte) (i * 7);
            b[i] = (byte) (i * 7 + (i % 5 == 0 ? 40 : 0));
        }
        assertThat(ImageMetrics.ssim(a, a, 32, 32)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(ImageMetrics.psnr(a, a)).isCloseTo(148.1308, org.assertj.core.data.Offset.offset(1e-3)); // mse floor 1e-10, as evaluate.py
        assertThat(ImageMetrics.ssim(a, b, 32, 32)).isLessThan(1.0);
        assertThat(ImageMetrics.psnr(a, b)).isLessThan(30);
        assertThat(ImageMetrics.cosine(new float[] {1, 0}, new float[] {0, 1})).isZero();
    }
}
