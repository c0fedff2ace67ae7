package com.ivpstudio.inference.bundle;

import com.ivpstudio.inference.LittleEndian;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One out-of-distribution check of a bundle (manifest section {@code ood}, file {@code ood/stats.f32}, or its
 * {@code picture} check): the mean and precision matrix of its training fronts' embeddings or picture statistics.
 * The distance is sqrt((x − μ)ᵀ P (x − μ)), computed in double precision from the stored float32 values exactly as
 * the Python exporter computes it.
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

    /** The embedding check of the manifest's {@code ood} section. */
    static OodStatistics read(Path root, BundleManifest.OodSpec spec) throws IOException {
        return read(root, spec.file(), spec.dim(), spec.space(), spec.threshold());
    }

    /** The picture-statistics check of the manifest's {@code ood.picture}. */
    static OodStatistics read(Path root, BundleManifest.PictureCheckSpec spec) throws IOException {
        return read(root, spec.file(), spec.dim(), spec.space(), spec.threshold());
    }

    /** Reads the statistics file; its size was checked against the manifest, which pins 4·(dim + dim²). */
    private static OodStatistics read(Path root, String file, int d, String space, double threshold)
            throws IOException {
        float[] all = LittleEndian.floats(Files.readAllBytes(root.resolve(file)));
        if (all.length != d + d * d) {
            throw new IOException(file + " holds " + all.length + " values, expected dim + dim*dim = "
                    + (d + d * d));
        }
        float[] mean = new float[d];
        float[] precision = new float[d * d];
        System.arraycopy(all, 0, mean, 0, d);
        System.arraycopy(all, d, precision, 0, d * d);
        return new OodStatistics(mean, precision, "unit".equals(space), threshold);
    }

    public int dim() {
        return mean.length;
    }

    public double threshold() {
        return threshold;
    }

    /** The distance of {@code values} (an embedding, or picture statistics) to the training fronts'. */
    public double distance(float[] values) {
        int d = mean.length;
        if (values.length != d) {
            throw new IllegalArgumentException("values of dimension " + values.length + ", expected " + d);
        }
        double scale = 1;
        if (unitSpace) {
            double n = 0;
            for (float v : values) {
                n += (double) v * v;
            }
            scale = 1 / Math.max(Math.sqrt(n), 1e-12);
        }
        double[] diff = new double[d];
        for (int i = 0; i < d; i++) {
            diff[i] = values[i] * scale - mean[i];
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
        return Math.sqrt(Math.max(q, 0));
    }
}
