package com.ivpstudio.inference.pixels;

import com.ivpstudio.common.UserFacingException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes a stored photo for the image encoder, at most {@link #MAX_SIDE} pixels on its long side.
 *
 * <p>Why: the encoder resizes inside its graph to its own input size (64 px for the demo, 224 for CLIP), so a
 * 40 MP upload fed at full size only costs memory: 120 MB of pixels in Java and a 480 MB float tensor in libtorch
 * for one embedding. Larger photos are read with an integer subsampling factor (every n-th pixel, as the JPEG
 * reader delivers it), which keeps the photo's framing and is deterministic, so an embedding stays reproducible
 * for the same stored bytes. Photos up to the limit (all demo photos) are read as they are.
 */
final class PhotoPixels {

    static final int MAX_SIDE = 2048;

    private PhotoPixels() {
    }

    static BufferedImage decode(byte[] bytes) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw unreadable(null);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int factor = subsampling(reader.getWidth(0), reader.getHeight(0));
                ImageReadParam param = reader.getDefaultReadParam();
                if (factor > 1) {
                    param.setSourceSubsampling(factor, factor, 0, 0);
                }
                return reader.read(0, param);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw e instanceof UserFacingException u ? u : unreadable(e);
        }
    }

    /** The smallest integer factor that brings the long side to {@link #MAX_SIDE} or below. */
    static int subsampling(int width, int height) {
        int longSide = Math.max(width, height);
        return Math.max(1, (longSide + MAX_SIDE - 1) / MAX_SIDE);
    }

    private static UserFacingException unreadable(Exception cause) {
        return new UserFacingException("This photo cannot be read (JPEG or PNG expected).", cause);
    }
}
