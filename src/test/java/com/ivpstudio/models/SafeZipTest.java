package com.ivpstudio.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The zip extraction on its own (the registry ITs run the same cases end to end). */
class SafeZipTest {

    static final ZipLimits LIMITS = new ZipLimits(10L << 20, 100, 10L << 20);
    /** The structural refusals come before any file is matched against a plan. */
    static final Map<String, ListedFile> NOTHING = Map.of();

    @TempDir
    Path tmp;

    Path write(byte[] zip) throws IOException {
        return Files.write(tmp.resolve("in.zip"), zip);
    }

    @Test
    void aBundleInOneTopLevelFolderIsExtractedAndItsRootFound() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("manifest.json", "{}".getBytes());
        files.put("golden/a.bin", new byte[1000]);
        Path out = Files.createDirectory(tmp.resolve("out"));

        SafeZip.Extracted x = SafeZip.extract(write(BundleZips.zip(files, "bundle/")), out, LIMITS, plan(files,
                "bundle/"));

        assertThat(x.files()).isEqualTo(2);
        assertThat(x.bytes()).isEqualTo(1002);
        assertThat(SafeZip.bundleRoot(out)).isEqualTo(out.resolve("bundle"));
        assertThat(out.resolve("bundle/golden/a.bin")).hasSize(1000);
    }

    @Test
    void aFileThePlanDoesNotExpectIsRefusedBeforeAnythingIsWritten() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("manifest.json", "{}".getBytes());
        Map<String, ListedFile> plan = plan(files, "");
        files.put("evil.pkl", HostileFiles.EVIL_PICKLE);
        Path out = Files.createDirectory(tmp.resolve("out"));

        assertThatThrownBy(() -> SafeZip.extract(write(BundleZips.zip(files)), out, LIMITS, plan))
                .hasMessageContaining("evil.pkl, which manifest.json does not list");
        assertThat(out).isEmptyDirectory();
    }

    @Test
    void hostileZipsAreRefused() throws IOException {
        Map<String, byte[]> slip = new LinkedHashMap<>(Map.of("a/../../x", new byte[1]));
        assertThatThrownBy(() -> SafeZip.extract(write(BundleZips.zip(slip)), tmp, LIMITS, NOTHING))
                .isInstanceOf(BundleRefusedException.class).hasMessageContaining("unsafe path");
        Map<String, byte[]> backslash = new LinkedHashMap<>(Map.of("..\\x", new byte[1]));
        assertThatThrownBy(() -> SafeZip.extract(write(BundleZips.zip(backslash)), tmp, LIMITS, NOTHING))
                .hasMessageContaining("unsafe path");
        Map<String, byte[]> drive = new LinkedHashMap<>(Map.of("C:/x", new byte[1]));
        assertThatThrownBy(() -> SafeZip.extract(write(BundleZips.zip(drive)), tmp, LIMITS, NOTHING))
                .hasMessageContaining("unsafe path");
        Map<String, byte[]> plain = new LinkedHashMap<>(Map.of("manifest.json", "{}".getBytes()));
        assertThatThrownBy(() -> SafeZip.extract(write(BundleZips.withSymlink(plain)), tmp, LIMITS, NOTHING))
                .hasMessageContaining("symbolic link");
        assertThatThrownBy(() -> SafeZip.extract(write(BundleZips.bomb(plain, 11L << 20)),
                Files.createDirectory(tmp.resolve("bomb")), LIMITS, NOTHING))
                .hasMessageContaining("unpacks to more than");
        assertThatThrownBy(() -> SafeZip.extract(write("PK\u0003\u0004 but not really a zip file at all".getBytes()),
                tmp, LIMITS, NOTHING)).hasMessageContaining("damaged");
        assertThatThrownBy(() -> SafeZip.extract(write(BundleZips.photo()), tmp, LIMITS, NOTHING))
                .hasMessageContaining("not a zip file");
        assertThat(tmp.getParent().resolve("x")).doesNotExist();
    }

    /** Every file expected as it is (what a manifest listing them would allow). */
    static Map<String, ListedFile> plan(Map<String, byte[]> files, String prefix) {
        Map<String, ListedFile> plan = new LinkedHashMap<>();
        files.forEach((path, bytes) -> plan.put(prefix + path, new ListedFile(path, bytes.length,
                BundleZips.sha256(bytes))));
        return plan;
    }
}
