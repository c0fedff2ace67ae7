package com.ivpstudio.images;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * EXIF orientation (TIFF tag 0x0112, values 1–8): read from the TIFF block of a JPEG's APP1 Exif segment and
 * applied to the pixels, so the stored photo is upright without any metadata.
 */
final class ExifOrientation {

    static final int NORMAL = 1;
    private static final int TAG_ORIENTATION = 0x0112;
    private static final int TYPE_SHORT = 3;
    private static final int TYPE_LONG = 4;

    private ExifOrientation() {
    }

    /**
     * The orientation in IFD0 of the TIFF block at {@code b[offset, offset + length)}; {@link #NORMAL} when the
     * block is absent, malformed or holds an out-of-range value (a broken tag must not refuse a photo).
     */
    static int read(byte[] b, int offset, int length) {
        if (offset < 0 || length < 8 || offset + length > b.length) {
            return NORMAL;
        }
        boolean little;
        if (b[offset] == 'I' && b[offset + 1] == 'I') {
            little = true;
        } else if (b[offset] == 'M' && b[offset + 1] == 'M') {
            little = false;
        } else {
            return NORMAL;
        }
        Tiff t = new Tiff(b, offset, length, little);
        if (t.u16(2) != 42) {
            return NORMAL;
        }
        long ifd = t.u32(4);
        if (ifd < 8 || ifd + 2 > length) {
            return NORMAL;
        }
        int count = t.u16((int) ifd);
        for (int i = 0; i < count; i++) {
            int entry = (int) ifd + 2 + 12 * i;
            if (entry + 12 > length) {
                break;
            }
            if (t.u16(entry) != TAG_ORIENTATION) {
                continue;
            }
            int type = t.u16(entry + 2);
            long value = type == TYPE_SHORT ? t.u16(entry + 8) : type == TYPE_LONG ? t.u32(entry + 8) : -1;
            return value >= 1 && value <= 8 && t.u32(entry + 4) >= 1 ? (int) value : NORMAL;
        }
        return NORMAL;
    }

    /**
     * Returns the image as it should be displayed. {@code image} must be TYPE_INT_RGB or TYPE_INT_ARGB; the
     * result has the same type (a new image unless the orientation is {@link #NORMAL}).
     */
    static BufferedImage apply(BufferedImage image, int orientation) {
        if (orientation <= NORMAL || orientation > 8) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        boolean swap = orientation >= 5;
        int dw = swap ? h : w;
        int dh = swap ? w : h;
        BufferedImage out = new BufferedImage(dw, dh, image.getType());
        int[] src = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        int[] dst = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
        for (int y = 0; y < dh; y++) {
            int row = y * dw;
            for (int x = 0; x < dw; x++) {
                int sx;
                int sy;
                switch (orientation) {
                    case 2 -> { sx = w - 1 - x; sy = y; }          // mirror horizontal
                    case 3 -> { sx = w - 1 - x; sy = h - 1 - y; }  // rotate 180
                    case 4 -> { sx = x; sy = h - 1 - y; }          // mirror vertical
                    case 5 -> { sx = y; sy = x; }                  // transpose
                    case 6 -> { sx = y; sy = h - 1 - x; }          // rotate 90 clockwise
                    case 7 -> { sx = w - 1 - y; sy = h - 1 - x; }  // transverse
                    default -> { sx = w - 1 - y; sy = x; }         // 8: rotate 90 counter-clockwise
                }
                dst[row + x] = src[sy * w + sx];
            }
        }
        return out;
    }

    /** Bounds-checked reads inside the TIFF block (offsets relative to its start). */
    private record Tiff(byte[] b, int base, int length, boolean little) {

        int u16(int at) {
            if (at < 0 || at + 2 > length) {
                return -1;
            }
            int b0 = b[base + at] & 0xFF;
            int b1 = b[base + at + 1] & 0xFF;
            return little ? (b1 << 8) | b0 : (b0 << 8) | b1;
        }

        long u32(int at) {
            if (at < 0 || at + 4 > length) {
                return -1;
            }
            long hi = u16(little ? at + 2 : at);
            long lo = u16(little ? at : at + 2);
            return (hi << 16) | lo;
        }
    }
}
