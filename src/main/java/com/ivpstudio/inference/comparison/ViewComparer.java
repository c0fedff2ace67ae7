package com.ivpstudio.inference.comparison;

import com.ivpstudio.inference.Comparison;
import com.ivpstudio.inference.GeneratedImage;
import com.ivpstudio.inference.ModelChangedException;
import com.ivpstudio.inference.bundle.LoadedBundle;
import com.ivpstudio.inference.pixels.ImageEncoderInput;

/**
 * A predicted view against the true photo of that view, both at the model's R×R (the whole photo squashed like in
 * training): SSIM, PSNR and the cosine of their image-tower embeddings.
 */
public final class ViewComparer {

    private ViewComparer() {
    }

    /** {@link ModelChangedException} when the prediction was made by another bundle than {@code b}. */
    public static Comparison compare(LoadedBundle b, GeneratedImage predicted, byte[] actualPhoto) {
        if (!b.sha256().equals(predicted.provenance().bundleSha256()) || predicted.squareRgb() == null) {
            throw new ModelChangedException();
        }
        int r = b.manifest().resolution();
        byte[] actual = ImageEncoderInput.square(actualPhoto, r);
        byte[] pred = predicted.squareRgb();
        double ssim = ImageMetrics.ssim(pred, actual, r, r);
        double psnr = ImageMetrics.psnr(pred, actual);
        float[][] features = ImageEncoderInput.embedSquares(b, pred, actual, r);
        return new Comparison(ssim, psnr, ImageMetrics.cosine(features[0], features[1]), r);
    }
}
