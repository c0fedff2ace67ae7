package com.ivpstudio.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PickleScreenTest {

    @TempDir
    Path tmp;

    Optional<String> screen(String path, byte[] bytes) throws IOException {
        Path file = tmp.resolve(path.replace('/', '_'));
        Files.write(file, bytes);
        return PickleScreen.refusal(file, path);
    }

    @Test
    void everyFileOfARealBundleIsAllowedTorchScriptModulesIncluded() throws IOException {
        for (Map.Entry<String, byte[]> f : BundleZips.tinyFiles().entrySet()) {
            assertThat(screen(f.getKey(), f.getValue())).as(f.getKey()).isEmpty();
        }
    }

    @Test
    void aRawPickleIsRefusedWhateverItsName() throws IOException {
        assertThat(HostileFiles.EVIL_PICKLE).hasSize(42);
        assertThat(screen("golden/mapping_b1_in_c.bin", HostileFiles.EVIL_PICKLE)).hasValueSatisfying(
                why -> assertThat(why).contains("golden/mapping_b1_in_c.bin is a Python pickle (protocol 2)"));
        assertThat(screen("evil.pkl", HostileFiles.EVIL_PICKLE)).isPresent();
    }

    @Test
    void aTorchSaveArchiveIsRefusedEvenUnderAModuleName() throws IOException {
        assertThat(screen("mapping.pt", HostileFiles.TORCH_SAVE_ARCHIVE)).hasValueSatisfying(
                why -> assertThat(why).contains("mapping.pt is a torch.save archive").contains("torch.jit.save"));
        assertThat(screen("weights.bin", HostileFiles.LEGACY_TORCH_SAVE_HEAD)).hasValueSatisfying(
                why -> assertThat(why).contains("Python pickle"));
    }

    @Test
    void aFileNamedLikeAPickleMustBeTorchScript() throws IOException {
        assertThat(screen("notes.pkl", "{}".getBytes())).hasValueSatisfying(
                why -> assertThat(why).contains("notes.pkl is named like a pickle but is not a TorchScript archive"));
        assertThat(screen("model.pth", BundleZips.zip(Map.of("a.txt", new byte[3])))).isPresent();
        assertThat(screen("model.pt", BundleZips.tinyFiles().get("mapping.pt"))).isEmpty();
    }

    @Test
    void rawFloatsThatHappenToStartLikeAPickleAreNotOne() throws IOException {
        byte[] floats = new byte[4096];
        floats[0] = (byte) 0x80;
        floats[1] = 0x02;
        floats[floats.length - 1] = 0x3f;

        assertThat(screen("golden/synthesis_b1_out.bin", floats)).isEmpty();
    }
}
