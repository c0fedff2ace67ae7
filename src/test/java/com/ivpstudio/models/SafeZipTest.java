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

        SafeZip.Extracted x = SafeZip.extract(write(BundleZips.zip(files, "bundle/")), out, LIMITS);

        assertThat(x.files()).isEqualTo(2);
        assertThat(x.bytes()).isEqualTo(1002);
        assertThat(SafeZip.bundleRoot(out)).isEqualTo(out.resolve("bundle"));
        assertThat(out.resolve("bundle/golden/a.bin")).hasSize(1000);
    }

    @Test
    void hostileZipsAreRefused() throws IOException {
        Map<String, byte[]> slip = new LinkedHashMap<>(Map.of("a/../../x", new byte[1]));
        assertThatThrownBy(() -> SafeZip.extract(write(BundleZips.zip(slip)), tmp, LIMITS))
                .isInstanceOf(BundleRefusedException.class).hasMessageContaining("unsafe path");
        Map<String, byte[]> backslash = new LinkedHashMap<>(Map.of("..\\x", new byte[1]));
        assertThatThrownBy(() -> SafeZip.extract(write(BundleZips.zip(backslash)), tmp, LIMITS))
                .hasMessageContaining("unsafe path");
        Map<String, byte[]> drive = new LinkedHashMap<>(Map.of("C:/x", new byte[1]));
        assertThatThrownBy(() -> SafeZip.extract(write(BundleZips.zip(drive)), tmp, LIMITS))
                .hasMessageContaining("unsafe path");
        Map<String, byte[]> plain = new LinkedHashMap<>(Map.of("manifest.json", "{}".getBytes()));
        assertThatThrownBy(() -> SafeZip.extract(write(BundleZips.withSymlink(plain)), tmp, LIMITS))
                .hasMessageContaining("symbolic link");
        assertThatThrownBy(() -> SafeZip.extract(write(BundleZips.bomb(plain, 11L << 20)),
                Files.createDirectory(tmp.resolve("bomb")), LIMITS)).hasMessageContaining("unpacks to more than");
        assertThatThrownBy(() -> SafeZip.extract(write("PK\u0003\u0004 but not really a zip file at all".getBytes()),
                tmp, LIMITS)).hasMessageContaining("damaged");
        assertThatThrownBy(() -> SafeZip.extract(write(BundleZips.photo()), tmp, LIMITS))
                .hasMessageContaining("not a zip file");
        assertThat(tmp.getParent().resolve("x")).doesNotExist();
    }
}
