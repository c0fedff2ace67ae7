package com.ivpstudio.inference.bundle;

import com.ivpstudio.inference.LittleEndian;
import com.ivpstudio.inference.OodScore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A bundle's out-of-distribution statistics (manifest section {@code ood}, file {@code ood/stats.f32}): the mean and
 * precision matrix of its training fronts' embeddings. The score is sqrt((x − μ)ᵀ P (x − μ)), computed in double
 * precision from the stored float32 values exactly as the Python exporter computes it.
 */
public final class OodStatistics {

    private final float[] mean;
    private final float[] precision;
    private final boolean unitSpace;
    private final double threshold;

    private OodStatistics(float[] mean, float[] precision, boolean unitSpace, double threshold) {
        this.mean = mean;
        this.precision = precision;
        this.unitSpace = unitSpace;
        this.threshold = threshold;
    }

    /** Reads the statistics file; its size was checked against the manifest, which pins 4·(dim + dim²). */
    static OodStatistics read(Path file, BundleManifest.OodSpec spec) throws IOException {
        float[] all = LittleEndian.floats(Files.readAllBytes(file));
        int d = spec.dim();
        if (all.length != d + d * d) {
            throw new IOException(spec.file() + " holds " + all.length + " values, expected dim + dim*dim = "
                    + (d + d * d));
        }
        float[] mean = new float[d];
        float[] precision = new float[d * d];
        System.arraycopy(all, 0, mean, 0, d);
        System.arraycopy(all, d, precision, 0, d * d);
        return new OodStatistics(mean, precision, "unit".equals(spec.space()), spec.threshold());
    }

    public int dim() {
        return mean.length;
    }

    public double threshold() {
        return threshold;
    }

    public OodScore score(float[] embedding) {
        int d = mean.length;
        if (embedding.length != d) {
            throw new IllegalArgumentException("embedding of dimension " + embedding.length + ", expected " + d);
        }
        double scale = 1;
        if (unitSpace) {
            double n = 0;
            for (float v : embedding) {
                n += (double) v * v;
            }
            scale = 1 / Math.max(Math.sqrt(n), 1e-12);
        }
        double[] diff = new double[d];
        for (int i = 0; i < d; i++) {
            diff[i] = embedding[i] * scale - mean[i];
        }
        double q = 0;
        for (int i = 0; i < d; i++) {
            double row = 0;
            int off = i * d;
            for (int j = 0; j < d; j++) {
                row += precision[off + j] * diff[j];
            }
            q += diff[i] * row;
        }
        return new OodScore(Math.sqrt(Math.max(q, 0)), threshold);
    }
}
