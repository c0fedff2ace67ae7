package com.ivpstudio.sharing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;

/**
 * Removes a PNG's text, time and EXIF chunks. Generated images carry their provenance (user, patient code,
 * model) in a tEXt chunk; a patient's copy must not. Pixels are untouched (the chunks are copied as they are).
 */
final class PngText {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final Set<String> DROPPED = Set.of("tEXt", "zTXt", "iTXt", "tIME", "eXIf");

    private PngText() {
    }

    static boolean isPng(byte[] bytes) {
        return bytes.length >= 8 && Arrays.equals(Arrays.copyOf(bytes, 8), SIGNATURE);
    }

    static byte[] strip(byte[] png) {
        if (!isPng(png)) {
            throw new IllegalArgumentException("Not a PNG");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(png.length);
        out.write(png, 0, 8);
        ByteBuffer in = ByteBuffer.wrap(png);
        int at = 8;
        while (at + 12 <= png.length) {
            int length = in.getInt(at);
            if (length < 0 || at + 12L + length > png.length) {
                throw new IllegalArgumentException("Truncated PNG chunk");
            }
            String type = new String(png, at + 4, 4, StandardCharsets.US_ASCII);
            if (!DROPPED.contains(type)) {
                out.write(png, at, length + 12);
            }
            at += length + 12;
        }
        return out.toByteArray();
    }
}
