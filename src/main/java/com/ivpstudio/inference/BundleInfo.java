package com.ivpstudio.inference;

import java.nio.file.Path;
import java.util.List;

/**
 * What the UI needs to know about the active bundle.
 *
 * @param synthetic true for phantom-trained models (show a banner)
 */
public record BundleInfo(String id, String name, String version, String sha256, Path location, boolean synthetic,
        String intendedUse, String device, int embeddingDim, int resolution, int zDim, double defaultPsi,
        double normMean, double normStd, List<ViewKind> views) {
}
