package com.ivpstudio.inference;

import java.nio.file.Path;
import java.util.List;

/**
 * What the UI needs to know about the active bundle.
 *
 * @param synthetic    true for phantom-trained models (show a banner)
 * @param zSensitivity mean change of the pictures between two seeds in 0..255 levels, measured at export; null when
 *                     the bundle does not say
 * @param oodThreshold the out-of-distribution threshold; null when the bundle has no such check
 * @param nudgeMeasured the nudge's effect measured on new patients at export; null when the bundle does not say
 */
public record BundleInfo(String id, String name, String version, String sha256, Path location, boolean synthetic,
        String intendedUse, String device, int embeddingDim, int resolution, int zDim, double defaultPsi,
        double normMean, double normStd, List<ViewKind> views, Double zSensitivity, Double oodThreshold,
        NudgeMeasurement nudgeMeasured) {

    /** Below this mean change (levels of 255) two seeds' pictures look the same. */
    public static final double VISIBLE_CHANGE = 1.0;

    /**
     * One answer per photo: no random input, or one whose effect was measured as invisible. Seeds, variations and
     * the uncertainty map would then show the same pictures.
     */
    public boolean deterministic() {
        return zDim == 0 || (zSensitivity != null && zSensitivity < VISIBLE_CHANGE);
    }

    /** Whether the model can tell that a photo is unlike its training photos. */
    public boolean checksOutOfDistribution() {
        return oodThreshold != null;
    }
}
