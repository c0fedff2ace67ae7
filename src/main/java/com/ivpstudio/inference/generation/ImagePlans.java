package com.ivpstudio.inference.generation;

import com.ivpstudio.common.UserFacingException;
import com.ivpstudio.inference.Embedding;
import com.ivpstudio.inference.InterpolationMode;
import com.ivpstudio.inference.Sampling;
import com.ivpstudio.inference.ViewKind;
import com.ivpstudio.inference.bundle.LoadedBundle;
import com.ivpstudio.inference.bundle.ZFromSeed;
import com.ivpstudio.inference.render.Provenances;
import com.ivpstudio.inference.runtime.GeneratorBatcher.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The images each generating operation makes, in its documented order, from embeddings of the bundle {@code b}. */
public final class ImagePlans {

    private ImagePlans() {
    }

    /** For each seed (outer), each view (inner, in the given order). */
    public static ImagePlan views(LoadedBundle b, Embedding e, List<ViewKind> views, List<Long> seeds, Double psi) {
        float p = psi(b, psi);
        List<ImageSpec> specs = new ArrayList<>();
        for (long seed : seeds) {
            float[] z = ZFromSeed.z(seed, b.manifest().zDim());
            for (ViewKind v : views) {
                specs.add(ImageSpec.of(Row.fromKappa(e.vector(), v.classIndex(), z, p), v, seed));
            }
        }
        return new ImagePlan(List.of(Provenances.input(e)), p, specs, b.oodScore(e));
    }

    /** κ_base + α(κ_after − κ_before) for each α (outer), four views each (class order). */
    public static ImagePlan nudge(LoadedBundle b, Embedding base, Embedding before, Embedding after, double[] alphas,
            Sampling sampling) {
        float p = psi(b, sampling.psi());
        float[] z = ZFromSeed.z(sampling.seed(), b.manifest().zDim());
        List<ImageSpec> specs = new ArrayList<>();
        for (double alpha : alphas) {
            float[] k = new float[base.dimension()];
            float a = (float) alpha;
            for (int i = 0; i < k.length; i++) {
                k[i] = base.vector()[i] + a * (after.vector()[i] - before.vector()[i]);
            }
            for (ViewKind v : ViewKind.ALL) {
                specs.add(new ImageSpec(Row.fromKappa(k, v.classIndex(), z, p), v, sampling.seed(), alpha, null, null,
                        null));
            }
        }
        return new ImagePlan(List.of(Provenances.input(base), Provenances.input(before), Provenances.input(after)), p,
                specs, b.oodScore(base));
    }

    /** κ/‖κ‖ · k for each k (outer), four views each. */
    public static ImagePlan normScale(LoadedBundle b, Embedding e, double[] ks, Sampling sampling) {
        float p = psi(b, sampling.psi());
        float[] z = ZFromSeed.z(sampling.seed(), b.manifest().zDim());
        double norm = Math.max(e.norm(), 1e-12);
        List<ImageSpec> specs = new ArrayList<>();
        for (double kk : ks) {
            float[] k = new float[e.dimension()];
            for (int i = 0; i < k.length; i++) {
                k[i] = (float) (e.vector()[i] / norm * kk);
            }
            for (ViewKind v : ViewKind.ALL) {
                specs.add(new ImageSpec(Row.fromKappa(k, v.classIndex(), z, p), v, sampling.seed(), null, kk, null,
                        null));
            }
        }
        return new ImagePlan(List.of(Provenances.input(e)), p, specs, b.oodScore(e));
    }

    /**
     * From a to b in {@code steps} steps (t = i/(steps−1), outer), four views each: slerp of κ, or lerp of the mapped
     * w ({@code mapping} maps rows to w; same z for both ends).
     */
    public static ImagePlan interpolate(LoadedBundle b, Embedding a, Embedding bEmb, int steps, InterpolationMode mode,
            Sampling sampling, Function<List<Row>, float[][]> mapping) {
        float p = psi(b, sampling.psi());
        float[] z = ZFromSeed.z(sampling.seed(), b.manifest().zDim());
        float[][] wa = null;
        float[][] wb = null;
        if (mode == InterpolationMode.LERP_W) {
            List<Row> ends = new ArrayList<>();
            for (ViewKind v : ViewKind.ALL) {
                ends.add(Row.fromKappa(a.vector(), v.classIndex(), z, p));
            }
            for (ViewKind v : ViewKind.ALL) {
                ends.add(Row.fromKappa(bEmb.vector(), v.classIndex(), z, p));
            }
            float[][] w = mapping.apply(ends);
            wa = new float[][] {w[0], w[1], w[2], w[3]};
            wb = new float[][] {w[4], w[5], w[6], w[7]};
        }
        List<ImageSpec> specs = new ArrayList<>();
        for (int s = 0; s < steps; s++) {
            double t = (double) s / (steps - 1);
            float[] k = mode == InterpolationMode.SLERP_EMBEDDING ? slerp(a.vector(), bEmb.vector(), t) : null;
            for (ViewKind v : ViewKind.ALL) {
                Row row;
                if (k != null) {
                    row = Row.fromKappa(k, v.classIndex(), z, p);
                } else {
                    float[] w = new float[wa[v.ordinal()].length];
                    for (int i = 0; i < w.length; i++) {
                        w[i] = (float) ((1 - t) * wa[v.ordinal()][i] + t * wb[v.ordinal()][i]);
                    }
                    row = Row.fromW(w);
                }
                specs.add(new ImageSpec(row, v, sampling.seed(), null, null, t, mode.name()));
            }
        }
        return new ImagePlan(List.of(Provenances.input(a), Provenances.input(bEmb)), p, specs, b.oodScore(a));
    }

    static float[] slerp(float[] a, float[] b, double t) {
        double na = 0, nb = 0, dot = 0;
        for (int i = 0; i < a.length; i++) {
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
            dot += (double) a[i] * b[i];
        }
        na = Math.sqrt(na);
        nb = Math.sqrt(nb);
        double cos = Math.max(-1, Math.min(1, dot / Math.max(na * nb, 1e-12)));
        double omega = Math.acos(cos);
        float[] out = new float[a.length];
        if (omega < 1e-6) {
            for (int i = 0; i < a.length; i++) {
                out[i] = (float) ((1 - t) * a[i] + t * b[i]);
            }
            return out;
        }
        double s = Math.sin(omega);
        double ca = Math.sin((1 - t) * omega) / s;
        double cb = Math.sin(t * omega) / s;
        for (int i = 0; i < a.length; i++) {
            out[i] = (float) (ca * a[i] + cb * b[i]);
        }
        return out;
    }

    /** ψ asked for, else the bundle's default; 0..2. */
    public static float psi(LoadedBundle b, Double psi) {
        double p = psi == null ? b.manifest().defaultPsi() : psi;
        if (Double.isNaN(p) || p < 0 || p > 2) {
            throw new UserFacingException("ψ must be between 0 and 2.");
        }
        return (float) p;
    }
}
