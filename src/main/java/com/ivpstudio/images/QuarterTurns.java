package com.ivpstudio.images;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** A stored photo turned by quarter turns clockwise, as PNG (lossless: the sanitiser re-encodes it anyway). */
final class QuarterTurns {

    // the EXIF orientations whose display turns the stored pixels by 1, 2 and 3 quarter turns clockwise
    private static final int[] EXIF_FOR_CLOCKWISE_TURNS = {ExifOrientation.NORMAL, 6, 3, 8};

    private QuarterTurns() {
    }

    static byte[] clockwise(byte[] image, int quarterTurns) {
        try {
            BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(image));
            BufferedImage rgb = new BufferedImage(decoded.getWidth(), decoded.getHeight(), BufferedImage.TYPE_INT_RGB);
            rgb.getGraphics().drawImage(decoded, 0, 0, null);
            BufferedImage turned = ExifOrientation.apply(rgb, EXIF_FOR_CLOCKWISE_TURNS[Math.floorMod(quarterTurns, 4)]);
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(turned, "png", png);
            return png.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
