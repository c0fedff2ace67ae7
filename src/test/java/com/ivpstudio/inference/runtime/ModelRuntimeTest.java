package com.ivpstudio.inference.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ivpstudio.inference.NoActiveModelException;
import com.ivpstudio.inference.TestBundles;
import com.ivpstudio.inference.bundle.LoadedBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Swapping the active bundle while requests hold the old one. */
class ModelRuntimeTest {

    @Test
    void swapLetsRequestsInFlightFinishOnTheOldBundle() throws Exception {
        ModelRuntime rt = TestBundles.runtime();
        try {
            rt.activate(TestBundles.TINY);
            Path other = TestBundles.copy(TestBundles.TINY);
            String m = Files.readString(other.resolve("manifest.json"));
            Files.writeString(other.resolve("manifest.json"), m.replace("\"description\": \"tiny test bundle\"",
                    "\"description\": \"tiny test bundle, second copy\""));
            ModelRuntime.Lease lease = rt.acquire();
            LoadedBundle old = lease.bundle();
            rt.activate(other);
            assertThat(rt.current().orElseThrow().sha256()).isNotEqualTo(old.sha256());
            assertThat(old.isClosed()).isFalse();
            assertThat(old.encodeTexts(old.tokenizer().encode("upper"), 1)[0]).hasSize(32);
            lease.close();
            assertThat(old.isClosed()).isTrue();
            rt.deactivate();
            assertThatThrownBy(rt::acquire).isInstanceOf(NoActiveModelException.class);
        } finally {
            rt.close();
        }
    }
}
