package com.ivpstudio.models;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Extracts an untrusted zip. Before anything is written it refuses what is not a zip, absolute paths, {@code ..}
 * segments, backslashes and drive letters, symbolic links (Unix mode in the central directory), duplicate entries,
 * more than {@code maxEntries} entries, more declared bytes than {@code maxUncompressedBytes}, and every file that
 * the caller's plan does not expect. Each expected file is then written by {@link VerifiedCopy}: at most its
 * declared size, within the plan's total, with its sha256 checked — counted while inflating, never taken from the
 * headers. Every path is resolved and checked to stay inside the target folder. On refusal the caller deletes the
 * target folder.
 */
public final class SafeZip {

    /** What was extracted. */
    public record Extracted(int entries, int files, long bytes) {
    }

    private SafeZip() {
    }

    /**
     * The checks that need no extraction: the central directory's names, links, entry count and declared sizes.
     *
     * @throws BundleRefusedException with a message for the administrator
     */
    static List<ZipCentralDirectory.Entry> inspect(Path zip, ZipLimits limits) throws IOException {
        if (!ZipCentralDirectory.looksLikeZip(zip)) {
            throw new BundleRefusedException(RefusalReason.NOT_A_ZIP,
                    "This is not a zip file. Upload the model bundle as a .zip.");
        }
        List<ZipCentralDirectory.Entry> central = ZipCentralDirectory.read(zip);
        if (central.size() > limits.maxEntries()) {
            throw new BundleRefusedException(RefusalReason.OVER_BUDGET, "The zip has " + central.size()
                    + " entries, more than the limit of " + limits.maxEntries() + ". Nothing was stored.");
        }
        Set<String> seen = new HashSet<>();
        long declared = 0;
        for (ZipCentralDirectory.Entry e : central) {
            checkName(e.name());
            if (e.link()) {
                throw new BundleRefusedException(RefusalReason.SYMLINK, "The zip contains a symbolic link ("
                        + printable(e.name()) + "). Links are not allowed in a bundle. Nothing was stored.");
            }
            if (!seen.add(e.name())) {
                throw twice(e.name());
            }
            declared += e.declaredSize();
        }
        if (declared > limits.maxUncompressedBytes()) {
            throw tooLarge(limits);
        }
        return central;
    }

    /**
     * Extracts the files of {@code plan} (zip entry name → the listed file it must be) into {@code target}, an empty
     * folder. Any other file entry refuses the zip before a byte is written.
     *
     * @throws BundleRefusedException with a message for the administrator
     */
    public static Extracted extract(Path zip, Path target, ZipLimits limits, Map<String, ListedFile> plan)
            throws IOException {
        List<ZipCentralDirectory.Entry> central = inspect(zip, limits);
        Set<String> present = new HashSet<>();
        for (ZipCentralDirectory.Entry e : central) {
            if (e.directory()) {
                continue;
            }
            ListedFile expected = plan.get(e.name());
            if (expected == null) {
                throw unlisted(e.name());
            }
            if (e.declaredSize() != expected.size()) {
                throw BundleRefusedException.refused(RefusalReason.SIZE_MISMATCH, "size mismatch: " + expected.path()
                        + " (the zip declares " + e.declaredSize() + " bytes, the manifest " + expected.size() + ")");
            }
            present.add(e.name());
        }
        for (Map.Entry<String, ListedFile> p : plan.entrySet()) {
            if (!present.contains(p.getKey())) {
                throw BundleRefusedException.refused(RefusalReason.MISSING_FILE,
                        "missing file: " + p.getValue().path());
            }
        }
        long planned = plan.values().stream().mapToLong(ListedFile::size).sum();
        VerifiedCopy.Budget budget = new VerifiedCopy.Budget(Math.min(planned, limits.maxUncompressedBytes()));
        Path root = target.toAbsolutePath().normalize();
        int entries = 0;
        int files = 0;
        try (ZipFile z = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> all = z.entries();
            while (all.hasMoreElements()) {
                ZipEntry e = all.nextElement();
                entries++;
                if (e.isDirectory()) {
                    continue;
                }
                // The central directory was read by hand above; java.util.zip reads it again and must agree.
                ListedFile expected = plan.get(e.getName());
                if (expected == null) {
                    throw unlisted(e.getName());
                }
                Path out = inside(root, e.getName());
                Files.createDirectories(out.getParent());
                if (Files.exists(out, LinkOption.NOFOLLOW_LINKS)) {
                    throw twice(e.getName());
                }
                try (InputStream in = z.getInputStream(e)) {
                    VerifiedCopy.copy(in, out, expected, budget);
                }
                files++;
            }
        } catch (ZipException e) {
            throw new BundleRefusedException(RefusalReason.NOT_A_ZIP, "The zip file is damaged or not a zip ("
                    + e.getMessage() + "). Nothing was stored.", e);
        }
        return new Extracted(entries, files, budget.used());
    }

    /** The bundle root inside an extracted folder: the folder itself, or its single top-level folder. */
    public static Path bundleRoot(Path extracted) throws IOException {
        if (Files.isRegularFile(extracted.resolve("manifest.json"))) {
            return extracted;
        }
        try (var s = Files.list(extracted)) {
            List<Path> top = s.toList();
            if (top.size() == 1 && Files.isDirectory(top.get(0), LinkOption.NOFOLLOW_LINKS)) {
                return top.get(0);
            }
        }
        return extracted;
    }

    static Path inside(Path root, String name) {
        checkName(name);
        Path out;
        try {
            out = root.resolve(name).normalize();
        } catch (InvalidPathException ex) {
            throw unsafe(name);
        }
        if (!out.startsWith(root) || out.equals(root)) {
            throw unsafe(name);
        }
        return out;
    }

    static BundleRefusedException tooLarge(ZipLimits limits) {
        return new BundleRefusedException(RefusalReason.OVER_BUDGET, "The zip unpacks to more than "
                + ZipLimits.megabytes(limits.maxUncompressedBytes()) + ", the limit for a model bundle. "
                + "Nothing was stored.");
    }

    static BundleRefusedException unlisted(String name) {
        return new BundleRefusedException(RefusalReason.UNLISTED_FILE, "The zip contains " + printable(name)
                + ", which manifest.json does not list: a bundle holds exactly the files its manifest lists. "
                + "Nothing was stored.");
    }

    private static BundleRefusedException twice(String name) {
        return new BundleRefusedException(RefusalReason.DUPLICATE, "The zip contains " + printable(name)
                + " twice. Nothing was stored.");
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
        return new BundleRefusedException(RefusalReason.UNSAFE_PATH, "The zip contains an unsafe path ("
                + printable(name) + "): absolute paths and '..' are not allowed. Nothing was stored.");
    }

    static String printable(String name) {
        String s = name == null ? "" : name.replaceAll("[^\\x20-\\x7e]", "?");
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
