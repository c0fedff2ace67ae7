package com.ivpstudio.models;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Extracts an untrusted zip: refuses anything that is not a zip, absolute paths, {@code ..} segments, backslashes
 * and drive letters, symbolic links (Unix mode in the central directory), more than {@code maxEntries} entries and
 * more than {@code maxUncompressedBytes} inflated bytes in total — counted while inflating, never taken from the
 * headers. Every path is resolved and checked to stay inside the target folder. On refusal the caller deletes the
 * target folder.
 */
public final class SafeZip {

    private static final int LOCAL_HEADER = 0x04034b50;
    private static final int CENTRAL_HEADER = 0x02014b50;
    private static final int END_OF_CENTRAL = 0x06054b50;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final int ZIP64_END = 0x06064b50;
    private static final int S_IFMT = 0170000;
    private static final int S_IFLNK = 0120000;
    private static final int MAX_CENTRAL_DIRECTORY = 64 * 1024 * 1024;

    /** What was extracted. */
    public record Extracted(int entries, int files, long bytes) {
    }

    /** One central-directory record: the name and whether it is a symbolic link. */
    record CentralEntry(String name, boolean link) {
    }

    private SafeZip() {
    }

    /**
     * Extracts {@code zip} into {@code target} (an empty folder).
     *
     * @throws BundleRefusedException with a message for the administrator
     */
    public static Extracted extract(Path zip, Path target, ZipLimits limits) throws IOException {
        if (!looksLikeZip(zip)) {
            throw new BundleRefusedException("This is not a zip file. Upload the model bundle as a .zip.");
        }
        List<CentralEntry> central = centralDirectory(zip);
        if (central.size() > limits.maxEntries()) {
            throw new BundleRefusedException("The zip has " + central.size() + " entries, more than the limit of "
                    + limits.maxEntries() + ". Nothing was stored.");
        }
        for (CentralEntry e : central) {
            checkName(e.name());
            if (e.link()) {
                throw new BundleRefusedException("The zip contains a symbolic link (" + printable(e.name())
                        + "). Links are not allowed in a bundle. Nothing was stored.");
            }
        }
        Path root = target.toAbsolutePath().normalize();
        int entries = 0;
        int files = 0;
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        try (ZipFile z = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> all = z.entries();
            while (all.hasMoreElements()) {
                ZipEntry e = all.nextElement();
                entries++;
                if (entries > limits.maxEntries()) {
                    throw new BundleRefusedException("The zip has more than " + limits.maxEntries()
                            + " entries. Nothing was stored.");
                }
                String name = e.getName();
                checkName(name);
                Path out;
                try {
                    out = root.resolve(name).normalize();
                } catch (InvalidPathException ex) {
                    throw unsafe(name);
                }
                if (!out.startsWith(root) || out.equals(root) && !e.isDirectory()) {
                    throw unsafe(name);
                }
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                    continue;
                }
                Files.createDirectories(out.getParent());
                if (Files.exists(out, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    throw new BundleRefusedException("The zip contains " + printable(name)
                            + " twice. Nothing was stored.");
                }
                files++;
                try (InputStream in = z.getInputStream(e);
                        OutputStream o = Files.newOutputStream(out, StandardOpenOption.CREATE_NEW)) {
                    int n;
                    while ((n = in.read(buffer)) > 0) {
                        total += n;
                        if (total > limits.maxUncompressedBytes()) {
                            throw new BundleRefusedException("The zip unpacks to more than "
                                    + ZipLimits.megabytes(limits.maxUncompressedBytes())
                                    + ", the limit for a model bundle. Nothing was stored.");
                        }
                        o.write(buffer, 0, n);
                    }
                }
            }
        } catch (ZipException e) {
            throw new BundleRefusedException("The zip file is damaged or not a zip (" + e.getMessage()
                    + "). Nothing was stored.", e);
        }
        return new Extracted(entries, files, total);
    }

    /** The bundle root inside an extracted folder: the folder itself, or its single top-level folder. */
    public static Path bundleRoot(Path extracted) throws IOException {
        if (Files.isRegularFile(extracted.resolve("manifest.json"))) {
            return extracted;
        }
        try (var s = Files.list(extracted)) {
            List<Path> top = s.toList();
            if (top.size() == 1 && Files.isDirectory(top.get(0), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                return top.get(0);
            }
        }
        return extracted;
    }

    static boolean looksLikeZip(Path file) throws IOException {
        if (Files.size(file) < 22) {
            return false;
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(4);
            int sig = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN).getInt();
            return sig == LOCAL_HEADER || sig == END_OF_CENTRAL;
        }
    }

    private static void checkName(String name) {
        if (name == null || name.isEmpty() || name.indexOf('\0') >= 0 || name.startsWith("/")
                || name.contains("\\") || name.matches("^[A-Za-z]:.*")) {
            throw unsafe(name);
        }
        for (String segment : name.split("/")) {
            if (segment.equals("..")) {
                throw unsafe(name);
            }
        }
    }

    private static BundleRefusedException unsafe(String name) {
        return new BundleRefusedException("The zip contains an unsafe path (" + printable(name)
                + "): absolute paths and '..' are not allowed. Nothing was stored.");
    }

    private static String printable(String name) {
        String s = name == null ? "" : name.replaceAll("[^\\x20-\\x7e]", "?");
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }

    /** Reads the central directory itself (names and Unix modes; Java's ZipEntry does not expose the mode). */
    static List<CentralEntry> centralDirectory(Path zip) throws IOException {
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
                throw new BundleRefusedException("The zip file is damaged (no central directory). Nothing was stored.");
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
            ByteBuffer cd = read(ch, cdOffset, (int) cdSize);
            List<CentralEntry> out = new ArrayList<>();
            int p = 0;
            while (p + 46 <= cd.limit()) {
                if (cd.getInt(p) != CENTRAL_HEADER) {
                    throw damaged();
                }
                int madeBy = (cd.getShort(p + 4) & 0xffff) >>> 8;
                int nameLen = cd.getShort(p + 28) & 0xffff;
                int extraLen = cd.getShort(p + 30) & 0xffff;
                int commentLen = cd.getShort(p + 32) & 0xffff;
                long external = cd.getInt(p + 38) & 0xffffffffL;
                if (p + 46 + nameLen > cd.limit()) {
                    throw damaged();
                }
                byte[] name = new byte[nameLen];
                cd.get(p + 46, name);
                int mode = (int) (external >>> 16);
                boolean unix = madeBy == 3 || madeBy == 19;
                boolean link = unix && (mode & S_IFMT) == S_IFLNK;
                out.add(new CentralEntry(new String(name, java.nio.charset.StandardCharsets.UTF_8), link));
                p += 46 + nameLen + extraLen + commentLen;
            }
            return out;
        }
    }

    private static BundleRefusedException damaged() {
        return new BundleRefusedException("The zip file is damaged (central directory). Nothing was stored.");
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
