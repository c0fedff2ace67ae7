package com.ivpstudio.inference.pixels;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The generator's output as pixels, and the training squash of a photo. */
class ModelPixelsTest {

    @Test
    void outputPixelMappingRoundsLikeTorch() {
        float[] chw = {-1f, 1f, 0f, -2f, 2f, 0.5f, -0.9960784f, 0.0039215f, 0.00392157f, 0f, 0f, 0f};
        byte[] rgb = GeneratorOutput.toRgb(new float[] {-1f, 1f, 0f, 0.5f, -1f, 1f, 0f, 0.5f, -1f, 1f, 0f, 0.5f}, 2);
        assertThat(rgb[0] & 0xff).isZero();
        assertThat(rgb[3] & 0xff).isEqualTo(255);
        assertThat(rgb[6] & 0xff).isEqualTo(128); // 127.5 rounds half to even -> 128
        assertThat(rgb[9] & 0xff).isEqualTo(191); // 191.25
        assertThat(chw).hasSize(12);
    }

    @Test
    void squashKeepsAFlatImageFlat() {
        byte[] flat = new byte[50 * 30 * 3];
        java.util.Arrays.fill(flat, (byte) 77);
        byte[] sq = Squash.squash(flat, 50, 30, 8, 8);
        for (byte v : sq) {
            assertThat(v & 0xff).isEqualTo(77);
        }
    }
}
