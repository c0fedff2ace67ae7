package com.ivpstudio.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.ivpstudio.IntegrationTest;
import com.ivpstudio.inference.BundleInfo;
import com.ivpstudio.inference.runtime.ModelRuntime;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The trained demo bundle in models/demo (skipped while it is not there). */
@IntegrationTest
@ExtendWith(RestoresModelRegistry.class)
class DemoBundleIT {

    @Autowired
    ModelRegistry registry;

    @Autowired
    ModelRuntime runtime;

    @Autowired
    JdbcClient jdbc;

    Path demo() {
        Path demo = registry.properties().demoBundle();
        assumeTrue(Files.isRegularFile(demo.resolve("manifest.json")), "no demo bundle in " + demo);
        return demo;
    }

    @Test
    void theDemoBundleWasRegisteredInTheStoreAtTheFirstStart() throws Exception {
        Path demo = demo();
        String sha = BundleZips.sha256(Files.readAllBytes(demo.resolve("manifest.json")));

        ModelBundle b = registry.findBySha(sha).orElseThrow();

        assertThat(b.source()).isEqualTo("DEMO");
        assertThat(b.uploadedBy()).isEqualTo("system");
        assertThat(registry.bundleDirectory(sha)).isPresent();
        assertThat(jdbc.sql("SELECT kind FROM model_activation WHERE manifest_sha256 = :sha ORDER BY id LIMIT 1")
                .param("sha", sha).query(String.class).single()).isEqualTo("INSTALL");
        assertThat(ManifestSummary.of(b.manifestJson()).sections()).isNotEmpty();
    }

    @Test
    void theDemoBundleAsAZipUploadsAndActivates() {
        Path demo = demo();
        Map<String, byte[]> files = BundleZips.files(demo);
        BundleZips.editManifest(files, m -> m.put("version", ModelRegistryIT.nextVersion()));
        byte[] zip = BundleZips.zip(files, "demo/");
        Optional<ModelBundle> before = registry.active();

        UploadOutcome o = registry.upload(new ByteArrayInputStream(zip), "demo.zip", "admin");
        assertThat(o.accepted()).as(o.message()).isTrue();
        long t0 = System.nanoTime();
        registry.activate(o.bundle().id(), "admin");
        long activation = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("[models] demo bundle (" + zip.length / 1024 + " KB zip): upload to accepted " + o.millis()
                + " ms, activation " + activation + " ms");
        assertThat(runtime.current()).map(BundleInfo::sha256).contains(o.bundle().manifestSha256());

        before.ifPresent(b -> registry.activate(b.id(), "admin"));
    }
}
