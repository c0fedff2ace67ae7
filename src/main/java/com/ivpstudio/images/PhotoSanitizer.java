package com.ivpstudio.images;

import com.ivpstudio.images.ImageHeaderReader.Dimensions;
import com.ivpstudio.images.ImageHeaderReader.JpegStructure;
import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBufferInt;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.plugins.jpeg.JPEGImageWriteParam;
import javax.imageio.spi.IIORegistry;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Turns an untrusted upload into a photo that is safe to store and serve (OWASP ASVS V5 file handling):
 * <ol>
 *   <li>refuses empty files and files over {@link PhotoLimits#maxBytes()};</li>
 *   <li>decides the format from the magic bytes only (JPEG or PNG; name and browser MIME type are ignored);</li>
 *   <li>reads width × height from the header and refuses more than {@link PhotoLimits#maxPixels()} BEFORE any
 *       pixel is decoded (decompression bombs);</li>
 *   <li>refuses truncated or damaged files (JPEG without EOI, PNG without IEND or with bad CRCs, decode errors);</li>
 *   <li>decodes, applies the EXIF orientation, converts to 8-bit sRGB (RGBA for PNG with transparency);</li>
 *   <li>re-encodes into a fresh file without any metadata (no Exif/GPS, comments, ICC, text chunks,
 *       thumbnails): baseline JPEG q=0.92 for JPEG input, PNG for PNG input. Same input → same bytes;</li>
 *   <li>computes the SHA-256 of the stored bytes and a JPEG thumbnail.</li>
 * </ol>
 * Stateless and thread-safe. Memory: a photo at the pixel limit needs roughly 12–16 bytes per pixel while it
 * is processed (≈ 0.5–0.65 GB at 40 MP), so callers should bound how many run at once.
 */
@Component
public class PhotoSanitizer {

    static final float JPEG_QUALITY = 0.92f;
    static final float THUMBNAIL_QUALITY = 0.85f;

    /** Decoder warnings that mean missing or damaged image data (libjpeg fills it with grey and carries on). */
    private static final Pattern DAMAGE_WARNING =
            Pattern.compile("(?i).*(premature end|truncat|incomplete|end of (file|stream)|corrupt|bad huffman).*");
    /** Damage warnings that real cameras trigger on intact photos. */
    private static final Pattern BENIGN_WARNING = Pattern.compile("(?i).*extraneous bytes.*");

    /** Decodes already validated bytes; a seam so tests can prove which uploads never reach a decoder. */
    @FunctionalInterface
    interface Decoder {
        BufferedImage decode(byte[] data, ImageFormat format) throws IOException;
    }

    private final PhotoLimits limits;
    private final Decoder decoder;

    @Autowired
    public PhotoSanitizer(PhotoLimits limits) {
        this(limits, PhotoSanitizer::decodeWithImageIo);
    }

    PhotoSanitizer(PhotoLimits limits, Decoder decoder) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        ensureTwelveMonkeysJpegReader();
    }

    public PhotoLimits limits() {
        return limits;
    }

    /**
     * Validates and re-encodes an upload.
     *
     * @param upload the raw bytes as received (may be {@code null} or empty: refused as EMPTY)
     * @throws PhotoRejectedException with a user-facing message when the upload is refused
     */
    public SanitizedPhoto sanitize(byte[] upload) {
        // (1) empty, (2) too large
        if (upload == null || upload.length == 0) {
            throw PhotoRejectedException.empty();
        }
        if (upload.length > limits.maxBytes()) {
            throw PhotoRejectedException.tooLarge(upload.length, limits.maxBytes());
        }
        // (3) format from magic bytes only
        ImageFormat format = ImageHeaderReader.sniff(upload);
        if (format == null) {
            throw PhotoRejectedException.unsupported(ImageHeaderReader.describeUnsupported(upload));
        }
        // (4) pixel count from the header, before anything is decoded
        Dimensions stored = ImageHeaderReader.dimensions(upload, format);
        if (stored.pixels() > limits.maxPixels()) {
            throw PhotoRejectedException.tooManyPixels(stored.width(), stored.height(), limits.maxPixels());
        }
        // (5) complete file, then decode
        int orientation = ExifOrientation.NORMAL;
        byte[] toDecode;
        if (format == ImageFormat.JPEG) {
            JpegStructure jpeg = ImageHeaderReader.jpegStructure(upload);
            orientation = ExifOrientation.read(upload, jpeg.exifTiffOffset(), jpeg.exifTiffLength());
            toDecode = upload;
        } else {
            toDecode = ImageHeaderReader.pngDecodeChunksOnly(upload);
        }
        BufferedImage decoded = decode(toDecode, format, stored);

        // (6) orientation, in 8-bit sRGB (alpha kept for PNG only)
        BufferedImage upright = ExifOrientation.apply(toIntRgb(decoded, format == ImageFormat.PNG), orientation);

        // (7) fresh file without metadata, (8) digest
        byte[] bytes = format == ImageFormat.JPEG ? encodeJpeg(upright, JPEG_QUALITY) : encodePng(upright);
        String sha256 = sha256Hex(bytes);

        // (9) thumbnail
        BufferedImage thumb = scaleToFit(toIntRgb(upright, false), limits.thumbnailSize());
        byte[] thumbnail = encodeJpeg(thumb, THUMBNAIL_QUALITY);

        return new SanitizedPhoto(bytes, format, upright.getWidth(), upright.getHeight(), sha256,
                thumbnail, thumb.getWidth(), thumb.getHeight());
    }

    // ---------------------------------------------------------------- decoding

    private BufferedImage decode(byte[] data, ImageFormat format, Dimensions expected) {
        BufferedImage image;
        try {
            image = decoder.decode(data, format);
        } catch (PhotoRejectedException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw PhotoRejectedException.corrupt(e);
        }
        if (image == null || image.getWidth() != expected.width() || image.getHeight() != expected.height()) {
            throw PhotoRejectedException.corrupt("decoded size differs from the header");
        }
        return image;
    }

    /** The production decoder: ImageIO (TwelveMonkeys for JPEG), in memory, refusing on damage warnings. */
    static BufferedImage decodeWithImageIo(byte[] data, ImageFormat format) throws IOException {
        ImageReader reader = reader(format);
        List<String> damage = new ArrayList<>();
        IIOReadWarningListener listener = (source, warning) -> {
            if (warning != null && DAMAGE_WARNING.matcher(warning).matches()
                    && !BENIGN_WARNING.matcher(warning).matches()) {
                damage.add(warning);
            }
        };
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(data))) {
            reader.setInput(in, true, true);
            reader.addIIOReadWarningListener(listener);
            BufferedImage image = reader.read(0, reader.getDefaultReadParam());
            if (!damage.isEmpty()) {
                throw new IOException("decoder reported damage: " + damage);
            }
            return image;
        } finally {
            reader.dispose();
        }
    }

    private static ImageReader reader(ImageFormat format) throws IOException {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format == ImageFormat.JPEG ? "jpeg" : "png");
        ImageReader first = null;
        while (readers.hasNext()) {
            ImageReader r = readers.next();
            boolean preferred = format == ImageFormat.JPEG
                    ? r.getClass().getName().startsWith("com.twelvemonkeys.")
                    : r.getClass().getName().startsWith("com.sun.imageio.");
            if (preferred) {
                if (first != null) {
                    first.dispose();
                }
                return r;
            }
            if (first == null) {
                first = r;
            } else {
                r.dispose();
            }
        }
        if (first == null) {
            throw new IOException("no ImageIO reader for " + format);
        }
        return first;
    }

    /** In a fat jar ImageIO may have scanned plug-ins with another class loader: register TwelveMonkeys directly. */
    private static void ensureTwelveMonkeysJpegReader() {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("jpeg");
        while (readers.hasNext()) {
            ImageReader r = readers.next();
            boolean found = r.getClass().getName().startsWith("com.twelvemonkeys.");
            r.dispose();
            if (found) {
                return;
            }
        }
        IIORegistry.getDefaultInstance()
                .registerServiceProvider(new com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReaderSpi());
    }

    // ---------------------------------------------------------------- pixels

    /**
     * The image as TYPE_INT_RGB, or TYPE_INT_ARGB when {@code keepAlpha} and some pixel is not opaque; returns
     * {@code src} itself when it already is in the wanted type. Without alpha, transparent pixels are composed
     * onto white. Grey images are copied sample by sample (Java2D treats the JDK's linear grey colour space as
     * gamma 1.0 for some image types and would brighten them).
     */
    static BufferedImage toIntRgb(BufferedImage src, boolean keepAlpha) {
        int w = src.getWidth();
        int h = src.getHeight();
        if (src.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY
                && src.getColorModel() instanceof ComponentColorModel cm && !cm.isAlphaPremultiplied()) {
            src = greyToIntArgb(src, cm);
        }
        boolean hasAlpha = src.getColorModel().hasAlpha();
        if (!hasAlpha && src.getType() == BufferedImage.TYPE_INT_RGB) {
            return src;
        }
        if (hasAlpha && keepAlpha) {
            BufferedImage argb = src;
            if (src.getType() != BufferedImage.TYPE_INT_ARGB) {
                argb = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
                Graphics2D g = argb.createGraphics();
                g.setComposite(AlphaComposite.Src);
                g.drawImage(src, 0, 0, null);
                g.dispose();
            }
            int[] px = ((DataBufferInt) argb.getRaster().getDataBuffer()).getData();
            for (int p : px) {
                if ((p >>> 24) != 0xFF) {
                    return argb;
                }
            }
            src = argb; // fully opaque: store as RGB
        }
        BufferedImage rgb = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        if (hasAlpha) {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
        }
        g.drawImage(src, 0, 0, null);
        g.dispose();
        return rgb;
    }

    private static BufferedImage greyToIntArgb(BufferedImage src, ComponentColorModel cm) {
        int w = src.getWidth();
        int h = src.getHeight();
        boolean alpha = cm.hasAlpha();
        Raster raster = src.getRaster();
        int maxGrey = (1 << cm.getComponentSize(0)) - 1;
        int maxAlpha = alpha ? (1 << cm.getComponentSize(1)) - 1 : 1;
        BufferedImage out = new BufferedImage(w, h, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        int[] dst = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
        int[] grey = new int[w];
        int[] alphas = new int[w];
        for (int y = 0; y < h; y++) {
            raster.getSamples(0, y, w, 1, 0, grey);
            if (alpha) {
                raster.getSamples(0, y, w, 1, 1, alphas);
            }
            for (int x = 0; x < w; x++) {
                int v = (int) ((grey[x] * 255L + maxGrey / 2) / maxGrey);
                int a = alpha ? (int) ((alphas[x] * 255L + maxAlpha / 2) / maxAlpha) : 0xFF;
                dst[y * w + x] = (a << 24) | (v << 16) | (v << 8) | v;
            }
        }
        return out;
    }

    /** Scales an INT_RGB image so its long edge is {@code longEdge} (never up), halving step by step, bilinear. */
    static BufferedImage scaleToFit(BufferedImage rgb, int longEdge) {
        int w = rgb.getWidth();
        int h = rgb.getHeight();
        if (Math.max(w, h) <= longEdge) {
            return rgb;
        }
        int tw = w >= h ? longEdge : Math.max(1, (int) Math.round((double) w * longEdge / h));
        int th = w >= h ? Math.max(1, (int) Math.round((double) h * longEdge / w)) : longEdge;
        BufferedImage current = rgb;
        int cw = w;
        int ch = h;
        do {
            cw = Math.max(cw / 2, tw);
            ch = Math.max(ch / 2, th);
            BufferedImage next = new BufferedImage(cw, ch, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = next.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(current, 0, 0, cw, ch, null);
            g.dispose();
            current = next;
        } while (cw != tw || ch != th);
        return current;
    }

    // ---------------------------------------------------------------- encoding

    /** Baseline JPEG, no metadata beyond the JFIF header the JDK writes by default (no Exif, COM, ICC). */
    static byte[] encodeJpeg(BufferedImage rgb, float quality) {
        ImageWriter writer = writer("jpeg", "com.sun.imageio.plugins.jpeg.");
        try {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            param.setProgressiveMode(ImageWriteParam.MODE_DISABLED);
            if (param instanceof JPEGImageWriteParam jpegParam) {
                jpegParam.setOptimizeHuffmanTables(true);
            }
            return write(writer, rgb, param);
        } finally {
            writer.dispose();
        }
    }

    /** PNG with IHDR, IDAT and IEND only (the JDK writer adds no ancillary chunk without metadata). */
    static byte[] encodePng(BufferedImage image) {
        ImageWriter writer = writer("png", "com.sun.imageio.plugins.png.");
        try {
            return write(writer, image, writer.getDefaultWriteParam());
        } finally {
            writer.dispose();
        }
    }

    private static byte[] write(ImageWriter writer, BufferedImage image, ImageWriteParam param) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(ios);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not encode the image", e);
        }
        return out.toByteArray();
    }

    private static ImageWriter writer(String formatName, String preferredPackage) {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName(formatName);
        ImageWriter chosen = null;
        while (writers.hasNext()) {
            ImageWriter w = writers.next();
            if (chosen == null || (w.getClass().getName().startsWith(preferredPackage)
                    && !chosen.getClass().getName().startsWith(preferredPackage))) {
                if (chosen != null) {
                    chosen.dispose();
                }
                chosen = w;
            } else {
                w.dispose();
            }
        }
        if (chosen == null) {
            throw new IllegalStateException("No ImageIO writer for " + formatName);
        }
        return chosen;
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
