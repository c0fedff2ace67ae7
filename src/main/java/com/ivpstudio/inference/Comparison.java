package com.ivpstudio.inference;

/**
 * A predicted view against the true photo of that view, both at the model's R×R (the photo squashed like in
 * training): SSIM (Gaussian 11×11, σ 1.5, per RGB channel, data range 255), PSNR (dB) and the cosine similarity of
 * the image-tower embeddings.
 */
public record Comparison(double ssim, double psnr, double featureCosine, int resolution) {
}
