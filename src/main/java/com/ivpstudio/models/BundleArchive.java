package com.ivpstudio.models;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * A bundle zip unpacked manifest first: the zip's structure is checked ({@link SafeZip#inspect}), manifest.json is
 * read (capped) and checked as the loader checks it, the bundle's total must fit the limit, and then only the files
 * it lists are written — each at most its declared size, with its sha256 checked while writing — and none may be a
 * pickle. Anything else in the zip refuses the bundle before a byte of it is written.
 */
final class BundleArchive {

    /** The unpacked bundle: its root folder (inside the target) and its manifest. */
    record Unpacked(Path root, ManifestFiles manifest, SafeZip.Extracted extracted) {
    }

    private BundleArchive() {
    }

    static Unpacked unpack(Path zip, Path target, ZipLimits limits) throws IOException {
        List<ZipCentralDirectory.Entry> central = SafeZip.inspect(zip, limits);
        String prefix = rootPrefix(central);
        ManifestFiles manifest = ManifestFiles.of(readManifest(zip, prefix + ManifestFiles.MANIFEST, central));
        if (manifest.totalBytes() > limits.maxUncompressedBytes()) {
            throw SafeZip.tooLarge(limits);
        }
        SafeZip.Extracted x = SafeZip.extract(zip, target, limits, manifest.plan(prefix));
        Path root = prefix.isEmpty() ? target : target.resolve(prefix.substring(0, prefix.length() - 1));
        Optional<String> pickle = manifest.pickleIn(root);
        if (pickle.isPresent()) {
            throw BundleRefusedException.refused(RefusalReason.PICKLE, pickle.get());
        }
        return new Unpacked(root, manifest, x);
    }

    /** "" when manifest.json is at the top, "folder/" when the zip holds one folder with it, else refused. */
    static String rootPrefix(List<ZipCentralDirectory.Entry> central) {
        if (central.stream().anyMatch(e -> e.name().equals(ManifestFiles.MANIFEST))) {
            return "";
        }
        Optional<String> folder = central.stream().map(e -> e.name())
                .filter(n -> n.indexOf('/') > 0 && n.substring(n.indexOf('/') + 1).equals(ManifestFiles.MANIFEST))
                .map(n -> n.substring(0, n.indexOf('/') + 1)).findFirst();
        if (folder.isEmpty()) {
            throw BundleRefusedException.refused(RefusalReason.MANIFEST, "missing file: manifest.json (at the top of "
                    + "the zip or in its single top-level folder)");
        }
        for (ZipCentralDirectory.Entry e : central) {
            if (!e.name().startsWith(folder.get()) && !e.name().equals(folder.get())) {
                throw SafeZip.unlisted(e.name());
            }
        }
        return folder.get();
    }

    private static byte[] readManifest(Path zip, String name, List<ZipCentralDirectory.Entry> central)
            throws IOException {
        long declared = central.stream().filter(e -> e.name().equals(name))
                .mapToLong(ZipCentralDirectory.Entry::declaredSize).findFirst().orElse(0);
        if (declared > ManifestFiles.MAX_MANIFEST_BYTES) {
            throw new BundleRefusedException(RefusalReason.MANIFEST, "manifest.json is larger than "
                    + ZipLimits.megabytes(ManifestFiles.MAX_MANIFEST_BYTES) + ". Nothing was stored.");
        }
        try (ZipFile z = new ZipFile(zip.toFile()); InputStream in = z.getInputStream(z.getEntry(name))) {
            byte[] bytes = in.readNBytes((int) declared + 1);
            if (bytes.length != declared) {
                throw new BundleRefusedException(RefusalReason.SIZE_MISMATCH, "size mismatch: manifest.json "
                        + "(the zip declares " + declared + " bytes). Nothing was stored.");
            }
            return bytes;
        } catch (ZipException e) {
            throw new BundleRefusedException(RefusalReason.NOT_A_ZIP, "The zip file is damaged or not a zip ("
                    + e.getMessage() + "). Nothing was stored.", e);
        }
    }
}
