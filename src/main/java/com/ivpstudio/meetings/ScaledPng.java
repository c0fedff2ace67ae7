package com.ivpstudio.meetings;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import javax.imageio.ImageIO;

/** An image re-drawn at another size as a fresh PNG (no metadata of the original survives). */
public final class ScaledPng {

    /** Share of the centre square kept by {@link #centreSquare}: the outer 8 % on each side holds the corner marks. */
    static final double INNER_SHARE = 0.84;

    private ScaledPng() {
    }

    /** {@code width} wide, height in proportion (minutes thumbnails). Empty when the bytes are no image. */
    public static Optional<byte[]> toWidth(byte[] image, int width) {
        return read(image).map(in -> draw(in, 0, 0, in.getWidth(), in.getHeight(), width,
                Math.max(1, in.getHeight() * width / in.getWidth())));
    }

    /**
     * The inner part of the centre square, {@code side} × {@code side}: no aspect ratio, resolution or corner mark
     * (predicted images carry a small "Simulated" mark in a corner) tells one image from another.
     */
    public static Optional<byte[]> centreSquare(byte[] image, int side) {
        return read(image).map(in -> {
            int s = (int) Math.round(Math.min(in.getWidth(), in.getHeight()) * INNER_SHARE);
            return draw(in, (in.getWidth() - s) / 2, (in.getHeight() - s) / 2, s, s, side, side);
        });
    }

    private static Optional<BufferedImage> read(byte[] image) {
        try {
            return Optional.ofNullable(ImageIO.read(new ByteArrayInputStream(image)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static byte[] draw(BufferedImage in, int x, int y, int w, int h, int outWidth, int outHeight) {
        BufferedImage out = new BufferedImage(outWidth, outHeight, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(in, 0, 0, outWidth, outHeight, x, y, x + w, y + h, null);
        g.dispose();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(out, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
