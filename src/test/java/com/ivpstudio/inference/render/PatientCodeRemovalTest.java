package com.ivpstudio.inference.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import org.junit.jupiter.api.Test;

class PatientCodeRemovalTest {

    /** A textured display image (the mark must also hide the code over detail, not only over a flat colour). */
    private static BufferedImage display(String patientCode) {
        BufferedImage img = new BufferedImage(427, 256, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                img.setRGB(x, y, ((x * 7) & 0xff) << 16 | ((y * 5) & 0xff) << 8 | ((x + y) & 0xff));
            }
        }
        SimulatedLabel.draw(img, SimulatedLabel.label(patientCode));
        return img;
    }

    private static int[] pixels(BufferedImage img) {
        return ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
    }

    @Test
    void removingTheCodeLeavesNoTraceOfWhichCodeItWas() {
        // digits are equally wide in the mark's font, so the two marks cover the same box
        BufferedImage a = display("P-1234");
        BufferedImage b = display("P-9876");
        assertThat(pixels(a)).as("the marks differ before").isNotEqualTo(pixels(b));

        ImageRenderer.removePatientCode(a, "P-1234");
        ImageRenderer.removePatientCode(b, "P-9876");

        assertThat(pixels(a)).as("nothing of either code is left").isEqualTo(pixels(b));
    }

    @Test
    void theImageKeepsEverythingOutsideTheOldMarkAndGetsAPlainSimulatedMark() {
        BufferedImage coded = display("P-1234");
        BufferedImage plain = display(null);
        ImageRenderer.removePatientCode(coded, "P-1234");
        assertThat(coded.getRGB(10, 10)).isEqualTo(plain.getRGB(10, 10));
        assertThat(coded.getRGB(200, 128)).isEqualTo(plain.getRGB(200, 128));
        assertThat(coded.getRGB(426, 255)).as("the margin right of the mark").isEqualTo(plain.getRGB(426, 255));
        int whiteText = 0;
        for (int y = 200; y < 256; y++) {
            for (int x = 300; x < 427; x++) {
                int rgb = coded.getRGB(x, y);
                whiteText += ((rgb >> 16) & 0xff) > 200 && ((rgb >> 8) & 0xff) > 200 && (rgb & 0xff) > 200 ? 1 : 0;
            }
        }
        assertThat(whiteText).as("white letters of SIMULATED in the corner").isGreaterThan(30);
    }
}
