package com.ivpstudio.models;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Where the demo bundle of a first start comes from: the configured folder ({@code ivp.models.demo-bundle}, default
 * {@code models/demo}, as in a source checkout) when it holds a manifest, else the copy packaged inside the
 * application jar ({@code classpath:demo-bundle/}, ~14 MB), unpacked into a temporary folder. So {@code java -jar}
 * started from any folder finds a model; the registry then copies the bundle into its store as usual.
 */
final class DemoBundleSource {

    static final String PACKAGED = "demo-bundle/";

    private static final Logger log = LoggerFactory.getLogger(DemoBundleSource.class);

    private DemoBundleSource() {
    }

    static Path folder(Path configured) {
        if (Files.isRegularFile(configured.resolve("manifest.json"))) {
            return configured;
        }
        try {
            PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver(
                    DemoBundleSource.class.getClassLoader());
            if (!resolver.getResource("classpath:" + PACKAGED + "manifest.json").exists()) {
                return configured;
            }
            Path unpacked = Files.createTempDirectory("ivp-demo-bundle-");
            Runtime.getRuntime().addShutdownHook(
                    new Thread(() -> ModelStore.deleteTree(unpacked), "delete-unpacked-demo-bundle"));
            for (Resource file : resolver.getResources("classpath:" + PACKAGED + "**")) {
                if (!file.isReadable()) {
                    continue; // a folder entry
                }
                String url = file.getURL().toString();
                Path target = unpacked.resolve(url.substring(url.lastIndexOf(PACKAGED) + PACKAGED.length())).normalize();
                if (!target.startsWith(unpacked)) {
                    throw new IOException("Packaged demo bundle entry outside its folder: " + url);
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = file.getInputStream()) {
                    Files.copy(in, target);
                }
            }
            log.info("{} holds no bundle: using the one packaged in the application", configured.toAbsolutePath());
            return unpacked;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not unpack the packaged demo bundle", e);
        }
    }
}
