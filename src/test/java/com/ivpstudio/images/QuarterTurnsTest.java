package com.ivpstudio.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class QuarterTurnsTest {

    /** 3 wide, 2 high, every pixel its own colour. */
    private static final int[][] PIXELS = {{0x110000, 0x220000, 0x330000}, {0x440000, 0x550000, 0x660000}};

    @Test
    void aQuarterTurnClockwiseBringsTheLeftColumnToTheTop() throws IOException {
        BufferedImage turned = read(QuarterTurns.clockwise(png(), 1));
        assertThat(turned.getWidth()).isEqualTo(2);
        assertThat(turned.getHeight()).isEqualTo(3);
        // the bottom-left pixel goes to the top left, the top-left pixel to the top right
        assertThat(turned.getRGB(0, 0) & 0xffffff).isEqualTo(0x440000);
        assertThat(turned.getRGB(1, 0) & 0xffffff).isEqualTo(0x110000);
        assertThat(turned.getRGB(1, 2) & 0xffffff).isEqualTo(0x330000);
    }

    @Test
    void halfATurnPutsThePhotoUpsideDownAndFourQuarterTurnsChangeNothing() throws IOException {
        BufferedImage half = read(QuarterTurns.clockwise(png(), 2));
        assertThat(half.getRGB(0, 0) & 0xffffff).isEqualTo(0x660000);
        assertThat(half.getRGB(2, 1) & 0xffffff).isEqualTo(0x110000);
        byte[] once = QuarterTurns.clockwise(png(), 1);
        byte[] back = QuarterTurns.clockwise(QuarterTurns.clockwise(QuarterTurns.clockwise(once, 1), 1), 1);
        BufferedImage round = read(back);
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 3; x++) {
                assertThat(round.getRGB(x, y) & 0xffffff).isEqualTo(PIXELS[y][x]);
            }
        }
        assertThat(read(QuarterTurns.clockwise(png(), -1)).getRGB(0, 0) & 0xffffff)
                .as("a quarter turn counterclockwise is three clockwise").isEqualTo(0x330000);
    }

    private static byte[] png() throws IOException {
        BufferedImage img = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 3; x++) {
                img.setRGB(x, y, PIXELS[y][x]);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    private static BufferedImage read(byte[] png) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(png));
    }
}
