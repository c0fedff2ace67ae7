package com.ivpstudio.inference.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.ivpstudio.inference.Provenance;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Display resize, label and PNG writing without a model. */
class DisplayPngTest {

    @Test
    void resizeKeepsCorners() {
        byte[] flat = new byte[50 * 30 * 3];
        java.util.Arrays.fill(flat, (byte) 77);
        byte[] up = DisplayResize.resize(flat, 50, 30, 120, 72);
        assertThat(up).hasSize(120 * 72 * 3);
        assertThat(up[0] & 0xff).isEqualTo(77);
    }

    @Test
    void separableResizeGivesTheIntegersOfTheFourPixelBlend() {
        java.util.Random rnd = new java.util.Random(5);
        int[][] sizes = {{128, 128, 427, 256}, {32, 32, 400, 240}, {50, 30, 17, 9}, {7, 5, 7, 5}, {1, 1, 3, 2}};
        for (int[] sz : sizes) {
            byte[] rgb = new byte[sz[0] * sz[1] * 3];
            rnd.nextBytes(rgb);
            assertThat(DisplayResize.resizePacked(rgb, sz[0], sz[1], sz[2], sz[3]))
                    .as("%dx%d -> %dx%d", sz[0], sz[1], sz[2], sz[3])
                    .isEqualTo(fourPixelBlend(rgb, sz[0], sz[1], sz[2], sz[3]));
        }
    }

    /** The per-pixel definition of the display resize (1/256 weights, one rounding at the end). */
    private static int[] fourPixelBlend(byte[] rgb, int w, int h, int nw, int nh) {
        int[] out = new int[nw * nh];
        for (int y = 0; y < nh; y++) {
            double fy = Math.max(0, (y + 0.5) * h / nh - 0.5);
            int y0 = Math.min((int) fy, h - 1);
            int y1 = Math.min(y0 + 1, h - 1);
            int wy = (int) Math.round((fy - y0) * 256);
            for (int x = 0; x < nw; x++) {
                double fx = Math.max(0, (x + 0.5) * w / nw - 0.5);
                int x0 = Math.min((int) fx, w - 1);
                int x1 = Math.min(x0 + 1, w - 1);
                int wx = (int) Math.round((fx - x0) * 256);
                int px = 0;
                for (int c = 0; c < 3; c++) {
                    int top = (rgb[(y0 * w + x0) * 3 + c] & 0xff) * (256 - wx) + (rgb[(y0 * w + x1) * 3 + c] & 0xff) * wx;
                    int bot = (rgb[(y1 * w + x0) * 3 + c] & 0xff) * (256 - wx) + (rgb[(y1 * w + x1) * 3 + c] & 0xff) * wx;
                    px = (px << 8) | ((top * (256 - wy) + bot * wy + (1 << 15)) >> 16);
                }
                out[y * nw + x] = px;
            }
        }
        return out;
    }

    @Test
    void pngDecodesToExactlyThePixelsWritten() throws Exception {
        for (int[] wh : new int[][] {{427, 256}, {1, 1}, {2, 3}}) {
            byte[] rgb = new byte[wh[0] * wh[1] * 3];
            new java.util.Random(wh[0]).nextBytes(rgb);
            java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(
                    PngEncoder.encode(rgb, wh[0], wh[1], Map.of("k", "v"))));
            assertThat(img.getWidth()).isEqualTo(wh[0]);
            for (int i = 0; i < wh[0] * wh[1]; i++) {
                int want = ((rgb[i * 3] & 0xff) << 16) | ((rgb[i * 3 + 1] & 0xff) << 8) | (rgb[i * 3 + 2] & 0xff);
                assertThat(img.getRGB(i % wh[0], i / wh[0]) & 0xffffff).isEqualTo(want);
            }
        }
    }

    @Test
    void pngIsDeterministicAndCarriesTheProvenance() {
        byte[] sq = new byte[16 * 16 * 3];
        for (int i = 0; i < sq.length; i++) {
            sq[i] = (byte) (i % 251);
        }
        Provenance p = new Provenance("id", "1.0.0", "a".repeat(64), "views", List.of("text:\u00e9maill\u00e9"), "left", 3L,
                null, 1.0, null, null, null, null, "P-1", ImageRenderer.VERSION);
        byte[] one = ImageRenderer.renderPng(sq, 16, 400, 240, SimulatedLabel.label("P-1"), p);
        byte[] two = ImageRenderer.renderPng(sq, 16, 400, 240, SimulatedLabel.label("P-1"), p);
        assertThat(one).isEqualTo(two);
        Map<String, String> text = PngEncoder.readText(one);
        assertThat(text.get(ImageRenderer.PROVENANCE_KEY)).doesNotContain("\u00e9").contains("\\u00E9");
        assertThat(Provenance.fromJson(text.get(ImageRenderer.PROVENANCE_KEY))).isEqualTo(p);
        byte[] other = ImageRenderer.renderPng(sq, 16, 400, 240, SimulatedLabel.label("P-2"), p);
        assertThat(other).isNotEqualTo(one);
    }
}
