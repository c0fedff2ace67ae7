package com.ivpstudio.models;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a zip's central directory itself: Java's {@code ZipEntry} does not expose the Unix mode (symbolic links),
 * and the declared sizes are needed before a single byte is inflated.
 */
final class ZipCentralDirectory {

    private static final int LOCAL_HEADER = 0x04034b50;
    private static final int CENTRAL_HEADER = 0x02014b50;
    private static final int END_OF_CENTRAL = 0x06054b50;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final int ZIP64_END = 0x06064b50;
    private static final int ZIP64_EXTRA = 0x0001;
    private static final int S_IFMT = 0170000;
    private static final int S_IFLNK = 0120000;
    private static final int MAX_CENTRAL_DIRECTORY = 64 * 1024 * 1024;

    /** One record: the name, whether it is a symbolic link, and the uncompressed size it declares. */
    record Entry(String name, boolean link, long declaredSize) {

        boolean directory() {
            return name.endsWith("/");
        }
    }

    private ZipCentralDirectory() {
    }

    static boolean looksLikeZip(Path file) throws IOException {
        if (Files.size(file) < 22) {
            return false;
        }
        try (InputStream in = Files.newInputStream(file)) {
            int sig = ByteBuffer.wrap(in.readNBytes(4)).order(ByteOrder.LITTLE_ENDIAN).getInt();
            return sig == LOCAL_HEADER || sig == END_OF_CENTRAL;
        }
    }

    static List<Entry> read(Path zip) throws IOException {
        try (FileChannel ch = FileChannel.open(zip, StandardOpenOption.READ)) {
            long size = ch.size();
            int tail = (int) Math.min(size, 22 + 65535);
            ByteBuffer end = read(ch, size - tail, tail);
            int eocd = -1;
            for (int i = tail - 22; i >= 0; i--) {
                if (end.getInt(i) == END_OF_CENTRAL) {
                    eocd = i;
                    break;
                }
            }
            if (eocd < 0) {
                throw new BundleRefusedException(RefusalReason.NOT_A_ZIP,
                        "The zip file is damaged (no central directory). Nothing was stored.");
            }
            long count = end.getShort(eocd + 10) & 0xffff;
            long cdSize = end.getInt(eocd + 12) & 0xffffffffL;
            long cdOffset = end.getInt(eocd + 16) & 0xffffffffL;
            if (cdOffset == 0xffffffffL || cdSize == 0xffffffffL || count == 0xffff) {
                long locatorPos = size - tail + eocd - 20;
                if (locatorPos < 0) {
                    throw damaged();
                }
                ByteBuffer loc = read(ch, locatorPos, 20);
                if (loc.getInt(0) != ZIP64_LOCATOR) {
                    throw damaged();
                }
                long z64 = loc.getLong(8);
                if (z64 < 0 || z64 > size - 56) {
                    throw damaged();
                }
                ByteBuffer rec = read(ch, z64, 56);
                if (rec.getInt(0) != ZIP64_END) {
                    throw damaged();
                }
                cdSize = rec.getLong(40);
                cdOffset = rec.getLong(48);
            }
            if (cdSize < 0 || cdSize > MAX_CENTRAL_DIRECTORY || cdOffset < 0 || cdOffset + cdSize > size) {
                throw damaged();
            }
            return entries(read(ch, cdOffset, (int) cdSize));
        }
    }

    private static List<Entry> entries(ByteBuffer cd) {
        List<Entry> out = new ArrayList<>();
        int p = 0;
        while (p + 46 <= cd.limit()) {
            if (cd.getInt(p) != CENTRAL_HEADER) {
                throw damaged();
            }
            int madeBy = (cd.getShort(p + 4) & 0xffff) >>> 8;
            long declared = cd.getInt(p + 24) & 0xffffffffL;
            int nameLen = cd.getShort(p + 28) & 0xffff;
            int extraLen = cd.getShort(p + 30) & 0xffff;
            int commentLen = cd.getShort(p + 32) & 0xffff;
            long external = cd.getInt(p + 38) & 0xffffffffL;
            if (p + 46 + nameLen + extraLen > cd.limit()) {
                throw damaged();
            }
            byte[] name = new byte[nameLen];
            cd.get(p + 46, name);
            if (declared == 0xffffffffL) {
                declared = zip64Size(cd, p + 46 + nameLen, extraLen);
            }
            int mode = (int) (external >>> 16);
            boolean unix = madeBy == 3 || madeBy == 19;
            boolean link = unix && (mode & S_IFMT) == S_IFLNK;
            out.add(new Entry(new String(name, StandardCharsets.UTF_8), link, declared));
            p += 46 + nameLen + extraLen + commentLen;
        }
        return out;
    }

    /** The uncompressed size from the zip64 extra field (its first value when the header says 0xffffffff). */
    private static long zip64Size(ByteBuffer cd, int start, int length) {
        for (int q = start; q + 4 <= start + length; ) {
            int id = cd.getShort(q) & 0xffff;
            int len = cd.getShort(q + 2) & 0xffff;
            if (id == ZIP64_EXTRA && len >= 8 && q + 12 <= start + length) {
                return cd.getLong(q + 4);
            }
            q += 4 + len;
        }
        throw damaged();
    }

    private static BundleRefusedException damaged() {
        return new BundleRefusedException(RefusalReason.NOT_A_ZIP,
                "The zip file is damaged (central directory). Nothing was stored.");
    }

    private static ByteBuffer read(FileChannel ch, long pos, int len) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(len).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (ch.read(b, pos + b.position()) < 0) {
                throw damaged();
            }
        }
        b.flip();
        return b;
    }
}
