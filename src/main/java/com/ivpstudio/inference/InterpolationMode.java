package com.ivpstudio.inference;

/** How {@link InferenceService#interpolate} walks from a to b. */
public enum InterpolationMode {
    /** Spherical interpolation of the raw embeddings κ (norm interpolated linearly), then mapping + synthesis. */
    SLERP_EMBEDDING,
    /** Linear interpolation of the mapped latents w (per view), then synthesis. */
    LERP_W
}
