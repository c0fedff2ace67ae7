package com.ivpstudio.inference.pixels;

import com.ivpstudio.inference.bundle.LoadedBundle;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/**
 * Pre-processing of the image encoder (what DJL calls a translator's processInput), in one place: a stored photo is
 * decoded ({@link PhotoPixels}, subsampled when huge) and sent as RGB planes [1,3,H,W] of unsigned bytes (the
 * encoder resizes inside its graph); a photo compared with a prediction is first squashed to the model's R×R like
 * training did.
 */
public final class ImageEncoderInput {

    private ImageEncoderInput() {
    }

    /** A decoded photo as the image encoder takes it: RGB planes [3,H,W] of unsigned bytes. */
    public record Planes(byte[] rgb, int height, int width) {
    }

    /** The planes of a photo (JPEG or PNG bytes, already EXIF-oriented). */
    public static Planes planes(byte[] photoBytes) {
        BufferedImage img = PhotoPixels.decode(photoBytes);
        return new Planes(planes(img), img.getHeight(), img.getWidth());
    }

    /** κ of a photo. */
    public static float[] embed(LoadedBundle b, Planes photo) {
        return b.encodeImages(photo.rgb(), 1, photo.height(), photo.width())[0];
    }

    /** The photo's statistics for the bundle's picture check (it takes the image encoder's input). */
    public static float[] pictureStatistics(LoadedBundle b, Planes photo) {
        return b.pictureStatistics(photo.rgb(), photo.height(), photo.width());
    }

    /** The photo's four orientation probabilities for the bundle's orientation check. */
    public static float[] orientation(LoadedBundle b, Planes photo) {
        return b.orientation(photo.rgb(), photo.height(), photo.width());
    }

    /** κ of two R×R RGB squares (row-major, 3 bytes per pixel), in one forward pass. */
    public static float[][] embedSquares(LoadedBundle b, byte[] first, byte[] second, int r) {
        int n = r * r;
        byte[] both = new byte[2 * 3 * n];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 3; c++) {
                both[c * n + i] = first[i * 3 + c];
                both[3 * n + c * n + i] = second[i * 3 + c];
            }
        }
        return b.encodeImages(both, 2, r, r);
    }

    /** The whole photo squashed to R×R RGB bytes, as training saw the true views. */
    public static byte[] square(byte[] photoBytes, int r) {
        BufferedImage img = PhotoPixels.decode(photoBytes);
        return Squash.squash(rgbBytes(img), img.getWidth(), img.getHeight(), r, r);
    }

    /** RGB planes [3,H,W] as unsigned bytes (fast path for the JPEG decoder's 3-byte BGR rasters). */
    static byte[] planes(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        int n = w * h;
        byte[] out = new byte[3 * n];
        if (img.getType() == BufferedImage.TYPE_3BYTE_BGR
                && img.getRaster().getDataBuffer() instanceof DataBufferByte db
                && db.getNumBanks() == 1 && db.getData().length == 3 * n) {
            byte[] bgr = db.getData();
            for (int i = 0; i < n; i++) {
                out[i] = bgr[i * 3 + 2];
                out[n + i] = bgr[i * 3 + 1];
                out[2 * n + i] = bgr[i * 3];
            }
            return out;
        }
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            img.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                int p = row[x];
                out[i] = (byte) (p >> 16);
                out[n + i] = (byte) (p >> 8);
                out[2 * n + i] = (byte) p;
            }
        }
        return out;
    }

    /** Interleaved RGB bytes, row-major. */
    static byte[] rgbBytes(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        int[] px = img.getRGB(0, 0, w, h, null, 0, w);
        byte[] out = new byte[px.length * 3];
        for (int i = 0; i < px.length; i++) {
            out[i * 3] = (byte) (px[i] >> 16);
            out[i * 3 + 1] = (byte) (px[i] >> 8);
            out[i * 3 + 2] = (byte) px[i];
        }
        return out;
    }
}
