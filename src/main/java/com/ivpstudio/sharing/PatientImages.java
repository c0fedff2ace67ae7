package com.ivpstudio.sharing;

import com.ivpstudio.inference.render.ImageRenderer;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * The patient's copy of an image: decoded and written again as a plain JPEG from the pixels alone, so no
 * metadata can come along (generated PNGs carry their provenance — user, patient code, model — in a text chunk;
 * photos were cleaned at upload, and this is a second guard), at most {@link #MAX_WIDTH} wide. JPEG at this
 * quality is about a seventh of the studio's fast-deflate PNG, which is what matters on a phone's slow connection.
 */
final class PatientImages {

    static final int MAX_WIDTH = 800;
    static final float QUALITY = 0.85f;
    static final String CONTENT_TYPE = "image/jpeg";

    private PatientImages() {
    }

    /**
     * {@code mark}: how a predicted image's SIMULATED mark reads for the patient (their language; the code only where
     * the link shows it): the stored mark is painted over and drawn again where it reads otherwise. Null for a
     * photo, which has no mark.
     */
    static byte[] forPatient(byte[] stored, PatientMark mark) {
        try {
            BufferedImage in = ImageIO.read(new ByteArrayInputStream(stored));
            if (in == null) {
                throw new IllegalArgumentException("Not a readable image");
            }
            if (mark != null) {
                in = toIntRgb(in);
                ImageRenderer.remark(in, mark.drawn(), mark.word(), mark.patientCode());
            }
            return jpeg(rgb(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BufferedImage toIntRgb(BufferedImage in) {
        BufferedImage out = new BufferedImage(in.getWidth(), in.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(in, 0, 0, null);
        g.dispose();
        return out;
    }

    /** Opaque RGB at most {@link #MAX_WIDTH} wide (JPEG has no alpha). */
    private static BufferedImage rgb(BufferedImage in) {
        int w = Math.min(MAX_WIDTH, in.getWidth());
        int h = Math.max(1, Math.round(in.getHeight() * (w / (float) in.getWidth())));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.drawImage(in, 0, 0, w, h, java.awt.Color.BLACK, null);
        g.dispose();
        return out;
    }

    private static byte[] jpeg(BufferedImage image) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(QUALITY);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
