package com.ivpstudio.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bundle zip unpacked manifest first (the registry ITs run the same cases end to end). */
class BundleArchiveTest {

    static final ZipLimits LIMITS = new ZipLimits(100L << 20, 100, 100L << 20);

    @TempDir
    Path tmp;

    Path target;

    BundleArchive.Unpacked unpack(byte[] zip) throws IOException {
        target = Files.createDirectory(tmp.resolve("out"));
        return BundleArchive.unpack(Files.write(tmp.resolve("in.zip"), zip), target, LIMITS);
    }

    void assertRefused(ThrowingCallable unpack, RefusalReason reason, String message) {
        assertThatThrownBy(unpack).isInstanceOf(BundleRefusedException.class).hasMessageContaining(message)
                .extracting(e -> ((BundleRefusedException) e).reason()).isEqualTo(reason);
    }

    Set<String> written() throws IOException {
        try (Stream<Path> s = Files.walk(target)) {
            return s.filter(Files::isRegularFile).map(p -> target.relativize(p).toString())
                    .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    void aBundleUnpacksToExactlyTheFilesItsManifestLists() throws IOException {
        Map<String, byte[]> files = BundleZips.tinyFiles();

        BundleArchive.Unpacked u = unpack(BundleZips.zip(files, "tiny/"));

        assertThat(u.root()).isEqualTo(target.resolve("tiny"));
        assertThat(written()).containsExactlyInAnyOrderElementsOf(
                files.keySet().stream().map(p -> "tiny/" + p).toList());
        assertThat(u.manifest().sha256()).isEqualTo(BundleZips.sha256(files.get("manifest.json")));
        assertThat(u.extracted().bytes()).isEqualTo(files.values().stream().mapToLong(b -> b.length).sum());
    }

    @Test
    void anUnlistedPickleIsRefusedBeforeAByteIsWritten() throws IOException {
        Map<String, byte[]> files = BundleZips.tinyFiles();
        files.put("evil.pkl", HostileFiles.EVIL_PICKLE);

        assertRefused(() -> unpack(BundleZips.zip(files)), RefusalReason.UNLISTED_FILE,
                "The zip contains evil.pkl, which manifest.json does not list");
        assertThat(written()).isEmpty();
    }

    @Test
    void aListedPickleWithItsCorrectSha256IsRefused() throws IOException {
        Map<String, byte[]> files = BundleZips.tinyFiles();
        BundleZips.addListed(files, "evil.pkl", HostileFiles.EVIL_PICKLE);

        assertRefused(() -> unpack(BundleZips.zip(files)), RefusalReason.PICKLE,
                "evil.pkl is a Python pickle (protocol 2)");
    }

    @Test
    void aListedTorchSaveArchiveIsRefused() throws IOException {
        Map<String, byte[]> files = BundleZips.tinyFiles();
        BundleZips.addListed(files, "weights.pt", HostileFiles.TORCH_SAVE_ARCHIVE);

        assertRefused(() -> unpack(BundleZips.zip(files)), RefusalReason.PICKLE, "weights.pt is a torch.save archive");
    }

    @Test
    void anEntryThatInflatesBeyondItsDeclaredSizeIsCutThereAndRefused() throws IOException {
        Map<String, byte[]> files = BundleZips.tinyFiles();
        BundleZips.addListed(files, "golden/zeros.bin", new byte[4096]);
        files.remove("golden/zeros.bin");
        byte[] bomb = HostileFiles.declaringSize(HostileFiles.withZeros(files, "golden/zeros.bin", 64L << 20),
                "golden/zeros.bin", 4096);

        assertRefused(() -> unpack(bomb), RefusalReason.SIZE_MISMATCH,
                "size mismatch: golden/zeros.bin is larger than the 4096 bytes");
        assertThat(Files.size(target.resolve("golden/zeros.bin"))).as("never more than declared")
                .isLessThanOrEqualTo(4096);
    }

    @Test
    void aBundleWhoseManifestDeclaresMoreThanTheLimitIsRefusedBeforeWriting() throws IOException {
        Map<String, byte[]> files = BundleZips.tinyFiles();
        BundleZips.editManifest(files, m -> ((com.fasterxml.jackson.databind.node.ObjectNode) m.get("files").get(0))
                .put("size", 200L << 20));

        assertRefused(() -> unpack(BundleZips.zip(files)), RefusalReason.OVER_BUDGET, "unpacks to more than");
        assertThat(written()).isEmpty();
    }

    @Test
    void aZipWithoutManifestOrWithAnInvalidOneIsRefusedBeforeWriting() throws IOException {
        assertRefused(() -> unpack(HostileFiles.withZeros(Map.of(), "zeros.bin", 1L << 20)), RefusalReason.MANIFEST,
                "missing file: manifest.json");
        assertThat(written()).isEmpty();
        Files.delete(target);

        Map<String, byte[]> twice = BundleZips.tinyFiles();
        BundleZips.editManifest(twice, m -> ((com.fasterxml.jackson.databind.node.ArrayNode) m.get("files"))
                .add(((com.fasterxml.jackson.databind.node.ObjectNode) m.get("files").get(0)).deepCopy()
                        .put("size", 1)));
        assertRefused(() -> unpack(BundleZips.zip(twice)), RefusalReason.DUPLICATE, "twice");
        assertThat(written()).isEmpty();
    }
}
