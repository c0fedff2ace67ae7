package com.ivpstudio.phantom;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class RenderingDeterminismTest {

    private static int[] pixels(BufferedImage im) {
        return im.getRGB(0, 0, im.getWidth(), im.getHeight(), null, 0, im.getWidth());
    }

    @Test
    void sameSeedsViewAndSizeGiveByteIdenticalPixelsAndLabels() {
        for (View v : View.values()) {
            PhantomRenderer.Rendered a = PhantomRenderer.render(PhantomPatient.generate(42), v, 7, 64, 64, 5 / 3.0);
            PhantomRenderer.Rendered b = PhantomRenderer.render(PhantomPatient.generate(42), v, 7, 64, 64, 5 / 3.0);
            assertThat(pixels(a.image)).as(v.id()).isEqualTo(pixels(b.image));
            assertThat(a.labels).as(v.id()).isEqualTo(b.labels);
        }
    }

    @Test
    void samePatientSeedGivesSameParameters() {
        assertThat(PhantomPatient.generate(123).toJson()).isEqualTo(PhantomPatient.generate(123).toJson());
        assertThat(PhantomPatient.generate(123).toJson()).isNotEqualTo(PhantomPatient.generate(124).toJson());
    }

    @Test
    void photoSeedVariesTheCameraButNotThePatient() {
        PhantomScene sc = PhantomScene.build(PhantomPatient.generate(5), 0);
        PhantomRenderer.Rendered a = PhantomRenderer.render(sc, View.FRONT, 1, 48, 48, 5 / 3.0);
        PhantomRenderer.Rendered b = PhantomRenderer.render(sc, View.FRONT, 2, 48, 48, 5 / 3.0);
        assertThat(pixels(a.image)).isNotEqualTo(pixels(b.image));
    }

    @Test
    void anyOutputSizeAndAnamorphicFrameIsRendered() {
        PhantomRenderer.Rendered r = PhantomRenderer.render(PhantomPatient.generate(9), View.UPPER, 3, 37, 21, 5 / 3.0);
        assertThat(r.image.getWidth()).isEqualTo(37);
        assertThat(r.image.getHeight()).isEqualTo(21);
        assertThat(r.labels).hasSize(37 * 21);
    }

    @Test
    void renderedFrontViewIsMostlyTeethAndGingiva() {
        PhantomRenderer.Rendered r = PhantomRenderer.render(PhantomPatient.generate(77), View.FRONT, 1, 80, 48, 5 / 3.0);
        int teeth = 0, gum = 0;
        for (byte b : r.labels) {
            int c = b & 0xff;
            if (Labels.isTooth(c)) {
                teeth++;
            } else if (c == Labels.GINGIVA) {
                gum++;
            }
        }
        assertThat(teeth).isGreaterThan(r.labels.length / 7);
        assertThat(gum).isGreaterThan(r.labels.length / 8);
    }
}
