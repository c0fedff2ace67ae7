package com.ivpstudio.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the start-up sweep finds in a stored bundle folder (the registry IT flags a planted one end to end). */
class StoreSweepTest {

    @TempDir
    Path tmp;

    Path stored(Map<String, byte[]> files) throws IOException {
        Path dir = tmp.resolve("bundle");
        for (var f : files.entrySet()) {
            Files.createDirectories(dir.resolve(f.getKey()).getParent());
            Files.write(dir.resolve(f.getKey()), f.getValue());
        }
        return dir;
    }

    static RefusalReason reason(Optional<BundleRefusedException> finding) {
        return finding.map(BundleRefusedException::reason).orElse(null);
    }

    @Test
    void aBundleHoldingExactlyItsListedFilesPasses() throws IOException {
        assertThat(StoreSweep.check(stored(BundleZips.tinyFiles()))).isEmpty();
    }

    @Test
    void anUnlistedFileAListedPickleAWrongSizeAndALinkAreFound() throws IOException {
        Path dir = stored(BundleZips.tinyFiles());
        Files.write(dir.resolve("golden/evil.pkl"), HostileFiles.EVIL_PICKLE);
        assertThat(StoreSweep.check(dir)).hasValueSatisfying(f -> {
            assertThat(f.reason()).isEqualTo(RefusalReason.UNLISTED_FILE);
            assertThat(f.getMessage()).contains("golden/evil.pkl");
        });
        Files.delete(dir.resolve("golden/evil.pkl"));

        Files.write(dir.resolve("golden/index.json"), new byte[] {'{', '}'});
        assertThat(reason(StoreSweep.check(dir))).isEqualTo(RefusalReason.SIZE_MISMATCH);

        Files.createSymbolicLink(dir.resolve("link"), Path.of("/etc/passwd"));
        assertThat(reason(StoreSweep.check(dir))).isEqualTo(RefusalReason.SYMLINK);

        Map<String, byte[]> listedPickle = BundleZips.tinyFiles();
        BundleZips.addListed(listedPickle, "evil.pkl", HostileFiles.EVIL_PICKLE);
        tmp.resolve("bundle").toFile().renameTo(tmp.resolve("old").toFile());
        assertThat(StoreSweep.check(stored(listedPickle))).hasValueSatisfying(f -> {
            assertThat(f.reason()).isEqualTo(RefusalReason.PICKLE);
            assertThat(f.getMessage()).contains("evil.pkl is a Python pickle");
        });
    }
}
