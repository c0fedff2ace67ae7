package com.ivpstudio.images;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * Reads what {@link PhotoSanitizer} needs from the raw bytes of an upload WITHOUT decoding any pixels: the
 * format (from magic bytes), the dimensions (PNG IHDR / JPEG SOFn), whether the file is complete (JPEG EOI,
 * PNG IEND + chunk CRCs), the JPEG's Exif block, and a PNG reduced to the chunks needed to decode it.
 * Every offset is bounds-checked; malformed input ends in {@link PhotoRejectedException} with reason CORRUPT.
 */
final class ImageHeaderReader {

    static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};

    /** Chunks handed to the PNG decoder; everything else (text, eXIf, iCCP, tIME, APNG...) never reaches it. */
    private static final Set<String> PNG_DECODE_CHUNKS = Set.of("IHDR", "PLTE", "tRNS", "IDAT", "IEND");

    private ImageHeaderReader() {
    }

    /** Width and height as stored in the file (before EXIF orientation). */
    record Dimensions(int width, int height) {
        long pixels() {
            return (long) width * height;
        }
    }

    /** What a full walk of a JPEG found. {@code exifTiff*} locate the TIFF block of the first APP1 Exif (or -1). */
    record JpegStructure(int exifTiffOffset, int exifTiffLength) {
    }

    // ---------------------------------------------------------------- format

    /** JPEG or PNG from the magic bytes, or {@code null} for anything else. */
    static ImageFormat sniff(byte[] b) {
        if (b.length >= 3 && u8(b, 0) == 0xFF && u8(b, 1) == 0xD8 && u8(b, 2) == 0xFF) {
            return ImageFormat.JPEG;
        }
        if (startsWith(b, 0, PNG_SIGNATURE)) {
            return ImageFormat.PNG;
        }
        return null;
    }

    /**
     * A cheap guess at what an unsupported file is, as a short code ("gif", "pdf", "text", …) that names the words
     * the user reads ({@code casepage.upload.refused.unsupported.<code>}); null when unknown.
     */
    static String describeUnsupported(byte[] b) {
        if (startsWithAscii(b, 0, "GIF8")) {
            return "gif";
        }
        if (startsWithAscii(b, 0, "RIFF") && startsWithAscii(b, 8, "WEBP")) {
            return "webp";
        }
        if (startsWithAscii(b, 4, "ftyp") && b.length >= 12) {
            String brand = new String(b, 8, 4, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
            if (brand.startsWith("avi")) {
                return "avif";
            }
            if (Set.of("heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1").contains(brand)) {
                return "heic";
            }
            return "video";
        }
        if (startsWithAscii(b, 0, "BM")) {
            return "bmp";
        }
        if (startsWithAscii(b, 0, "II*\0") || startsWithAscii(b, 0, "MM\0*")) {
            return "tiff";
        }
        if (startsWithAscii(b, 0, "8BPS")) {
            return "psd";
        }
        if (startsWithAscii(b, 0, "%PDF")) {
            return "pdf";
        }
        if (startsWithAscii(b, 0, "PK\3\4")) {
            return "zip";
        }
        if (looksLikeText(b)) {
            String head = new String(b, 0, Math.min(b.length, 4096), StandardCharsets.UTF_8)
                    .replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT);
            if (head.startsWith("<")) {
                if (head.contains("<svg")) {
                    return "svg";
                }
                if (head.startsWith("<!doctype html") || head.contains("<html")) {
                    return "html";
                }
                return "xml";
            }
            return "text";
        }
        return null;
    }

    private static boolean looksLikeText(byte[] b) {
        int n = Math.min(b.length, 1024);
        for (int i = 0; i < n; i++) {
            int c = u8(b, i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') {
                return false;
            }
        }
        return n > 0;
    }

    // ---------------------------------------------------------------- dimensions (no decoding)

    static Dimensions dimensions(byte[] b, ImageFormat format) {
        return format == ImageFormat.PNG ? pngDimensions(b) : jpegDimensions(b);
    }

    /** The IHDR chunk must come first: 8-byte signature, length 13, "IHDR", width, height. */
    private static Dimensions pngDimensions(byte[] b) {
        if (b.length < 8 + 8 + 13 + 4 || readInt(b, 8) != 13 || !startsWithAscii(b, 12, "IHDR")) {
            throw PhotoRejectedException.corrupt("PNG without a valid IHDR chunk");
        }
        long w = readUInt(b, 16);
        long h = readUInt(b, 20);
        if (w == 0 || h == 0 || w > Integer.MAX_VALUE || h > Integer.MAX_VALUE) {
            throw PhotoRejectedException.corrupt("PNG IHDR size " + w + "x" + h);
        }
        if (!crcMatches(b, 8, 13)) {
            throw PhotoRejectedException.corrupt("PNG IHDR CRC mismatch");
        }
        return new Dimensions((int) w, (int) h);
    }

    /** Walks the marker segments up to the first SOFn (never into entropy-coded data). */
    private static Dimensions jpegDimensions(byte[] b) {
        int pos = 2;
        while (true) {
            pos = nextMarker(b, pos);
            if (pos < 0) {
                throw PhotoRejectedException.corrupt("JPEG ended before its frame header");
            }
            int marker = u8(b, pos + 1);
            pos += 2;
            if (isStandalone(marker)) {
                continue;
            }
            if (marker == 0xD9 || marker == 0xDA || marker == 0xD8) {
                throw PhotoRejectedException.corrupt("JPEG without a frame header before marker " + hex(marker));
            }
            int length = segmentLength(b, pos);
            if (isSof(marker)) {
                if (length < 8) {
                    throw PhotoRejectedException.corrupt("JPEG SOF segment too short");
                }
                int height = u16(b, pos + 3);
                int width = u16(b, pos + 5);
                if (width == 0 || height == 0) {
                    throw PhotoRejectedException.corrupt("JPEG frame size " + width + "x" + height);
                }
                return new Dimensions(width, height);
            }
            pos += length;
        }
    }

    // ---------------------------------------------------------------- completeness

    /**
     * Walks the whole JPEG: every marker segment, and the entropy-coded data after each SOS up to the next
     * marker, until the EOI (FF D9) of the primary image. A file that ends before that EOI was truncated (the
     * JDK decoder would silently fill the rest with grey). Bytes after the EOI (MPF images, vendor trailers)
     * are ignored: they never reach the output.
     */
    static JpegStructure jpegStructure(byte[] b) {
        int exifOffset = -1;
        int exifLength = -1;
        boolean sawSof = false;
        boolean sawScan = false;
        int pos = 2;
        while (true) {
            pos = nextMarker(b, pos);
            if (pos < 0) {
                throw PhotoRejectedException.corrupt("JPEG truncated: no EOI marker");
            }
            int marker = u8(b, pos + 1);
            pos += 2;
            if (marker == 0xD9) {
                if (!sawSof || !sawScan) {
                    throw PhotoRejectedException.corrupt("JPEG without image data");
                }
                return new JpegStructure(exifOffset, exifLength);
            }
            if (marker == 0xD8) {
                throw PhotoRejectedException.corrupt("JPEG with a nested SOI marker");
            }
            if (isStandalone(marker)) {
                continue;
            }
            int length = segmentLength(b, pos);
            if (isSof(marker)) {
                if (sawSof) {
                    throw PhotoRejectedException.corrupt("JPEG with more than one frame header");
                }
                sawSof = true;
            } else if (marker == 0xE1 && exifOffset < 0 && !sawScan && length >= 8 + 6
                    && startsWithAscii(b, pos + 2, "Exif\0\0")) {
                exifOffset = pos + 2 + 6;
                exifLength = length - 2 - 6;
            }
            pos += length;
            if (marker == 0xDA) {
                if (!sawSof) {
                    throw PhotoRejectedException.corrupt("JPEG scan before the frame header");
                }
                sawScan = true;
                pos = skipEntropyCodedData(b, pos);
            }
        }
    }

    /** Returns the position of the next marker's FF after entropy-coded data, or throws when the file ends. */
    private static int skipEntropyCodedData(byte[] b, int pos) {
        while (pos + 1 < b.length) {
            if (u8(b, pos) != 0xFF) {
                pos++;
                continue;
            }
            int next = u8(b, pos + 1);
            if (next == 0x00 || (next >= 0xD0 && next <= 0xD7)) {
                pos += 2; // stuffed byte or restart marker: still inside the scan
            } else if (next == 0xFF) {
                pos++; // fill byte
            } else {
                return pos;
            }
        }
        throw PhotoRejectedException.corrupt("JPEG truncated inside the image data");
    }

    /**
     * Checks the PNG chunk by chunk (bounds, CRC, IHDR first, IDAT present, ends with IEND) and returns a copy
     * holding only {@link #PNG_DECODE_CHUNKS}. The decoder so never parses text/zTXt/iCCP/eXIf chunks (the JDK
     * reader inflates zTXt/iCCP into memory without a limit) and cannot be fooled by a missing IEND.
     */
    static byte[] pngDecodeChunksOnly(byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length);
        out.write(b, 0, PNG_SIGNATURE.length);
        int pos = PNG_SIGNATURE.length;
        boolean first = true;
        boolean sawIdat = false;
        while (true) {
            if (pos + 12 > b.length) {
                throw PhotoRejectedException.corrupt("PNG truncated: no IEND chunk");
            }
            long length = readUInt(b, pos);
            if (length > b.length - pos - 12L) {
                throw PhotoRejectedException.corrupt("PNG truncated: chunk longer than the file");
            }
            String type = new String(b, pos + 4, 4, StandardCharsets.ISO_8859_1);
            if (!crcMatches(b, pos, (int) length)) {
                throw PhotoRejectedException.corrupt("PNG chunk " + type + " has a bad CRC");
            }
            if (first != type.equals("IHDR")) {
                throw PhotoRejectedException.corrupt("PNG IHDR is not the first chunk");
            }
            first = false;
            int total = 12 + (int) length;
            if (type.equals("IDAT")) {
                sawIdat = true;
            }
            if (PNG_DECODE_CHUNKS.contains(type)) {
                out.write(b, pos, total);
            } else if (Character.isUpperCase(type.charAt(0))) {
                // critical chunk we do not know: a decoder must refuse, so do we
                throw PhotoRejectedException.corrupt("PNG with unknown critical chunk " + type);
            }
            pos += total;
            if (type.equals("IEND")) {
                if (!sawIdat) {
                    throw PhotoRejectedException.corrupt("PNG without image data");
                }
                return out.toByteArray(); // anything after IEND is dropped
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    /** CRC of chunk type + data for the chunk starting at {@code pos} (its length field). */
    private static boolean crcMatches(byte[] b, int pos, int length) {
        CRC32 crc = new CRC32();
        crc.update(b, pos + 4, 4 + length);
        return crc.getValue() == readUInt(b, pos + 8 + length);
    }

    /**
     * Position of the next marker (its FF, followed by a non-FF marker byte) at or after {@code pos}, or -1
     * at the end of the data. Stray bytes between segments are skipped, as libjpeg does.
     */
    private static int nextMarker(byte[] b, int pos) {
        while (pos + 1 < b.length) {
            if (u8(b, pos) == 0xFF && u8(b, pos + 1) != 0xFF && u8(b, pos + 1) != 0x00) {
                return pos;
            }
            pos++;
        }
        return -1;
    }

    /** Length of the segment whose length field is at {@code pos}; the whole segment must be in the file. */
    private static int segmentLength(byte[] b, int pos) {
        if (pos + 2 > b.length) {
            throw PhotoRejectedException.corrupt("JPEG truncated in a segment header");
        }
        int length = u16(b, pos);
        if (length < 2 || pos + length > b.length) {
            throw PhotoRejectedException.corrupt("JPEG truncated in a segment");
        }
        return length;
    }

    private static boolean isStandalone(int marker) {
        return marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7);
    }

    /** SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC). */
    private static boolean isSof(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    private static String hex(int marker) {
        return String.format(Locale.ROOT, "FF%02X", marker);
    }

    static int u8(byte[] b, int i) {
        return b[i] & 0xFF;
    }

    static int u16(byte[] b, int i) {
        return (u8(b, i) << 8) | u8(b, i + 1);
    }

    static int readInt(byte[] b, int i) {
        return (u8(b, i) << 24) | (u8(b, i + 1) << 16) | (u8(b, i + 2) << 8) | u8(b, i + 3);
    }

    static long readUInt(byte[] b, int i) {
        return readInt(b, i) & 0xFFFF_FFFFL;
    }

    private static boolean startsWith(byte[] b, int offset, byte[] prefix) {
        if (offset < 0 || b.length - offset < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWithAscii(byte[] b, int offset, String prefix) {
        return startsWith(b, offset, prefix.getBytes(StandardCharsets.ISO_8859_1));
    }
}
