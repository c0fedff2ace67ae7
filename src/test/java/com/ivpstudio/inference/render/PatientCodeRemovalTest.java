package com.ivpstudio.inference.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.ivpstudio.inference.Provenance;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A copy for a patient gets its mark drawn again: without the code, in the patient's language. */
class PatientCodeRemovalTest {

    /** What a stored image's provenance says about its mark. */
    static Provenance drawn(String patientCode, String mark) {
        return new Provenance("id", "1.0.0", "a".repeat(64), "views", List.of("photo:1"), "left", 1L, null, 0.7, null,
                null, null, null, patientCode, ImageRenderer.VERSION, null, mark);
    }

    /** A textured display image (the mark must also hide the code over detail, not only over a flat colour). */
    static BufferedImage display(String word, String patientCode) {
        BufferedImage img = new BufferedImage(427, 256, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                img.setRGB(x, y, ((x * 7) & 0xff) << 16 | ((y * 5) & 0xff) << 8 | ((x + y) & 0xff));
            }
        }
        SimulatedLabel.draw(img, SimulatedLabel.label(word, patientCode));
        return img;
    }

    private static BufferedImage display(String patientCode) {
        return display(null, patientCode);
    }

    static int[] pixels(BufferedImage img) {
        return ((DataBufferInt) img.getRaster().getDataBuffer()).getData().clone();
    }

    @Test
    void removingTheCodeLeavesNoTraceOfWhichCodeItWas() {
        // digits are equally wide in the mark's font, so the two marks cover the same box
        BufferedImage a = display("P-1234");
        BufferedImage b = display("P-9876");
        assertThat(pixels(a)).as("the marks differ before").isNotEqualTo(pixels(b));

        ImageRenderer.remark(a, drawn("P-1234", null), null, null);
        ImageRenderer.remark(b, drawn("P-9876", null), null, null);

        assertThat(pixels(a)).as("nothing of either code is left").isEqualTo(pixels(b));
    }

    @Test
    void theImageKeepsEverythingOutsideTheOldMarkAndGetsAPlainSimulatedMark() {
        BufferedImage coded = display("P-1234");
        BufferedImage plain = display(null);
        ImageRenderer.remark(coded, drawn("P-1234", null), "SIMULATED", null);
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

    @Test
    void anEnglishMarkIsDrawnAgainInGermanWithoutLeavingTheEnglishCodeBehind() {
        BufferedImage a = display("P-1234");
        BufferedImage b = display("P-9876");
        assertThat(ImageRenderer.remark(a, drawn("P-1234", null), "SIMULIERT", null)).isTrue();
        ImageRenderer.remark(b, drawn("P-9876", null), "SIMULIERT", null);
        assertThat(pixels(a)).as("no trace of either code").isEqualTo(pixels(b));
        BufferedImage english = display("P-1234");
        ImageRenderer.remark(english, drawn("P-1234", null), null, null);
        assertThat(pixels(a)).as("the German mark differs from the English one").isNotEqualTo(pixels(english));
        assertThat(a.getRGB(200, 128)).as("the picture itself is untouched").isEqualTo(english.getRGB(200, 128));
    }

    @Test
    void aGermanMarkIsFoundFromTheProvenanceAndDrawnAgainInEnglish() {
        BufferedImage german = display("SIMULIERT", "P-1234");
        BufferedImage other = display("SIMULIERT", "P-9876");
        ImageRenderer.remark(german, drawn("P-1234", "SIMULIERT"), null, null);
        ImageRenderer.remark(other, drawn("P-9876", "SIMULIERT"), null, null);
        assertThat(pixels(german)).as("the old German mark is gone for good").isEqualTo(pixels(other));
    }

    @Test
    void aMarkThatAlreadyReadsSoIsLeftAsItIs() {
        BufferedImage img = display("SIMULIERT", "P-1234");
        int[] before = pixels(img);
        assertThat(ImageRenderer.remark(img, drawn("P-1234", "SIMULIERT"), "SIMULIERT", "P-1234")).isFalse();
        assertThat(ImageRenderer.remark(img, drawn(null, null), "SIMULATED", null))
                .as("English is no mark word, however it is spelt").isFalse();
        assertThat(pixels(img)).isEqualTo(before);
    }
}
