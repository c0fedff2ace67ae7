package com.ivpstudio.inference.generation;

import com.ivpstudio.inference.Embedding;
import com.ivpstudio.inference.GeneratedImage;
import com.ivpstudio.inference.OperationContext;
import com.ivpstudio.inference.OodScore;
import com.ivpstudio.inference.Provenance;
import com.ivpstudio.inference.SpreadResult;
import com.ivpstudio.inference.ViewKind;
import com.ivpstudio.inference.bundle.LoadedBundle;
import com.ivpstudio.inference.bundle.ZFromSeed;
import com.ivpstudio.inference.pixels.GeneratorOutput;
import com.ivpstudio.inference.render.HeatColours;
import com.ivpstudio.inference.render.Provenances;
import com.ivpstudio.inference.runtime.GeneratorBatcher.Row;
import java.util.ArrayList;
import java.util.List;

/**
 * The uncertainty of one view: per-pixel standard deviation over several seeds (pixel units, mean over RGB), as raw
 * floats and a heat-map PNG, plus the mean image.
 */
public final class SpreadMaps {

    private final ImageGeneration generation;

    public SpreadMaps(ImageGeneration generation) {
        this.generation = generation;
    }

    public SpreadResult spread(LoadedBundle b, Embedding e, ViewKind view, List<Long> seeds, float psi,
            OperationContext ctx) {
        List<Row> rows = new ArrayList<>();
        for (long seed : seeds) {
            rows.add(Row.fromKappa(e.vector(), view.classIndex(), ZFromSeed.z(seed, b.manifest().zDim()), psi));
        }
        float[][] out = generation.generateRows(b, rows, ctx, "spread");
        int r = b.manifest().resolution();
        int n = r * r;
        double[] sum = new double[3 * n];
        double[] sq = new double[3 * n];
        for (float[] img : out) {
            for (int i = 0; i < 3 * n; i++) {
                double v = (img[i] + 1.0) * 127.5;
                sum[i] += v;
                sq[i] += v * v;
            }
        }
        int k = out.length;
        float[] std = new float[n];
        float[] meanChw = new float[3 * n];
        double maxStd = 0, meanStd = 0;
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int c = 0; c < 3; c++) {
                int j = c * n + i;
                double m = sum[j] / k;
                meanChw[j] = (float) (m / 127.5 - 1.0);
                s += Math.sqrt(Math.max(0, sq[j] / k - m * m));
            }
            std[i] = (float) (s / 3);
            maxStd = Math.max(maxStd, std[i]);
            meanStd += std[i];
        }
        meanStd /= n;
        byte[] heat = new byte[n * 3];
        for (int i = 0; i < n; i++) {
            int rgb = HeatColours.heat(maxStd > 0 ? std[i] / maxStd : 0);
            heat[i * 3] = (byte) (rgb >> 16);
            heat[i * 3 + 1] = (byte) (rgb >> 8);
            heat[i * 3 + 2] = (byte) rgb;
        }
        List<String> inputs = List.of(Provenances.input(e));
        OodScore ood = b.oodScore(e);
        Provenance ph = Provenances.of(b, "spread", inputs, view, null, seeds, psi, null, null, null, "std-heat-map",
                ood, ctx);
        Provenance pm = Provenances.of(b, "spread", inputs, view, null, seeds, psi, null, null, null, "mean", ood, ctx);
        GeneratedImage heatImg = generation.renderPool().render(b.manifest(), heat, view, ph);
        GeneratedImage meanImg = generation.renderPool().render(b.manifest(), GeneratorOutput.toRgb(meanChw, r), view,
                pm);
        return new SpreadResult(heatImg, meanImg, std, r, meanStd, maxStd);
    }
}
