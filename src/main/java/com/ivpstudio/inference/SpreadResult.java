package com.ivpstudio.inference;

/**
 * The uncertainty map of one view over several seeds: per-pixel standard deviation (over seeds, averaged over
 * the RGB channels, in pixel units 0..255) of the R×R outputs.
 *
 * @param heatMap    the map as a display PNG (colour scale from 0 to {@code maxStd}), marked SIMULATED
 * @param mean       the per-pixel mean image over the seeds, as a display PNG
 * @param stdDev     R×R row-major standard deviations
 * @param resolution R
 * @param meanStd    mean of {@code stdDev}
 * @param maxStd     maximum of {@code stdDev}
 */
public record SpreadResult(GeneratedImage heatMap, GeneratedImage mean, float[] stdDev, int resolution,
        double meanStd, double maxStd) {
}
