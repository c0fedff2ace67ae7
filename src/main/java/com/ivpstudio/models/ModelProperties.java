package com.ivpstudio.models;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code ivp.models.*}: where accepted bundles are stored, the demo bundle registered on first start, and the
 * limits an uploaded zip must stay within (checked on the server while reading and extracting).
 *
 * @param store                 the model store directory (default {@code ${IVP_DATA_DIR:./data}/models})
 * @param demoBundle            the bundle folder registered and activated on the first start
 * @param maxUploadBytes        largest accepted zip
 * @param maxEntries            most entries in a zip
 * @param maxUncompressedBytes  most bytes all entries may inflate to (counted while inflating)
 */
@ConfigurationProperties("ivp.models")
public record ModelProperties(Path store, Path demoBundle, long maxUploadBytes, int maxEntries,
        long maxUncompressedBytes) {

    public ModelProperties {
        store = store == null ? Path.of("data", "models") : store;
        demoBundle = demoBundle == null ? Path.of("models", "demo") : demoBundle;
        maxUploadBytes = maxUploadBytes <= 0 ? 2000L * 1024 * 1024 : maxUploadBytes;
        maxEntries = maxEntries <= 0 ? 2000 : maxEntries;
        maxUncompressedBytes = maxUncompressedBytes <= 0 ? 4L * 1024 * 1024 * 1024 : maxUncompressedBytes;
    }

    /** The extraction limits of these settings. */
    public ZipLimits zipLimits() {
        return new ZipLimits(maxUploadBytes, maxEntries, maxUncompressedBytes);
    }
}
