package com.ivpstudio.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rendering, metrics and PNG writing without a model. */
class ImageMathTest {

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

    @Test
    void outputPixelMappingRoundsLikeTorch() {
        float[] chw = {-1f, 1f, 0f, -2f, 2f, 0.5f, -0.9960784f, 0.0039215f, 0.00392157f, 0f, 0f, 0f};
        byte[] rgb = ImageRenderer.toRgb(new float[] {-1f, 1f, 0f, 0.5f, -1f, 1f, 0f, 0.5f, -1f, 1f, 0f, 0.5f}, 2);
        assertThat(rgb[0] & 0xff).isZero();
        assertThat(rgb[3] & 0xff).isEqualTo(255);
        assertThat(rgb[6] & 0xff).isEqualTo(128); // 127.5 rounds half to even -> 128
        assertThat(rgb[9] & 0xff).isEqualTo(191); // 191.25
        assertThat(chw).hasSize(12);
    }

    @Test
    void squashKeepsAFlatImageFlatAndResizeKeepsCorners() {
        byte[] flat = new byte[50 * 30 * 3];
        java.util.Arrays.fill(flat, (byte) 77);
        byte[] sq = ImageRenderer.squash(flat, 50, 30, 8, 8);
        for (byte v : sq) {
            assertThat(v & 0xff).isEqualTo(77);
        }
        byte[] up = ImageRenderer.resize(flat, 50, 30, 120, 72);
        assertThat(up).hasSize(120 * 72 * 3);
        assertThat(up[0] & 0xff).isEqualTo(77);
    }

    @Test
    void pngIsDeterministicAndCarriesTheProvenance() {
        byte[] sq = new byte[16 * 16 * 3];
        for (int i = 0; i < sq.length; i++) {
            sq[i] = (byte) (i % 251);
        }
        Provenance p = new Provenance("id", "1.0.0", "a".repeat(64), "views", List.of("text:\u00e9maill\u00e9"), "left", 3L,
                null, 1.0, null, null, null, null, "P-1", ImageRenderer.VERSION);
        byte[] one = ImageRenderer.renderPng(sq, 16, 400, 240, ImageRenderer.label("P-1"), p);
        byte[] two = ImageRenderer.renderPng(sq, 16, 400, 240, ImageRenderer.label("P-1"), p);
        assertThat(one).isEqualTo(two);
        Map<String, String> text = PngEncoder.readText(one);
        assertThat(text.get(ImageRenderer.PROVENANCE_KEY)).doesNotContain("\u00e9").contains("\\u00E9");
        assertThat(Provenance.fromJson(text.get(ImageRenderer.PROVENANCE_KEY))).isEqualTo(p);
        byte[] other = ImageRenderer.renderPng(sq, 16, 400, 240, ImageRenderer.label("P-2"), p);
        assertThat(other).isNotEqualTo(one);
    }
}
