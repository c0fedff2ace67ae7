package com.ivpstudio.meetings;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ScaledPngTest {

    private static byte[] png(BufferedImage image) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    @Test
    void theBlindRoundCropLeavesOutTheCornerWhereTheSimulatedMarkSitsAndIsAlwaysTheSameSize() throws Exception {
        BufferedImage generated = new BufferedImage(128, 128, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = generated.createGraphics();
        g.setColor(Color.GRAY);
        g.fillRect(0, 0, 128, 128);
        g.setColor(Color.RED);
        g.fillRect(100, 120, 28, 8); // a corner mark like the model's "SIMULATED"
        g.dispose();
        BufferedImage shown = ImageIO.read(new ByteArrayInputStream(ScaledPng.centreSquare(png(generated), 256).orElseThrow()));
        assertThat(shown.getWidth()).isEqualTo(256);
        assertThat(shown.getHeight()).isEqualTo(256);
        for (int y = 0; y < 256; y++) {
            for (int x = 0; x < 256; x++) {
                Color c = new Color(shown.getRGB(x, y));
                assertThat(c.getRed() - c.getGreen()).as("pixel %d,%d", x, y).isLessThan(40);
            }
        }

        BufferedImage photo = new BufferedImage(800, 480, BufferedImage.TYPE_INT_RGB);
        BufferedImage shownPhoto = ImageIO.read(new ByteArrayInputStream(ScaledPng.centreSquare(png(photo), 256).orElseThrow()));
        assertThat(shownPhoto.getWidth()).isEqualTo(256);
        assertThat(shownPhoto.getHeight()).isEqualTo(256);
    }

    @Test
    void thumbnailsKeepTheAspectRatioAndNonImagesGiveNothing() throws Exception {
        BufferedImage photo = new BufferedImage(800, 400, BufferedImage.TYPE_INT_RGB);
        BufferedImage thumb = ImageIO.read(new ByteArrayInputStream(ScaledPng.toWidth(png(photo), 160).orElseThrow()));
        assertThat(thumb.getWidth()).isEqualTo(160);
        assertThat(thumb.getHeight()).isEqualTo(80);
        assertThat(ScaledPng.toWidth("not an image".getBytes(), 160)).isEmpty();
    }

    @Test
    void aStripSnapshotSplitsIntoItsAlphaStepsAndAViewSetIsOneStep() {
        var images = new java.util.ArrayList<com.ivpstudio.snapshots.SnapshotImage>();
        String[] views = {"left", "right", "upper", "lower"};
        for (int step = 0; step < 3; step++) {
            for (String v : views) {
                images.add(new com.ivpstudio.snapshots.SnapshotImage(images.size(), "α = " + step + " · " + v, v,
                        "image/png", new byte[] {1}, "{}"));
            }
        }
        SnapshotSteps steps = SnapshotSteps.of(images);
        assertThat(steps.steps()).hasSize(3);
        assertThat(steps.step(2).label()).isEqualTo("α = 2");
        assertThat(steps.shown(1, "upper")).singleElement().extracting(i -> i.position()).isEqualTo(6);
        assertThat(steps.shown(1, StageState.ALL_VIEWS)).hasSize(4);
        assertThat(SnapshotSteps.of(images.subList(0, 4)).steps()).hasSize(1);
    }
}
