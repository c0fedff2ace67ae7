package com.ivpstudio.inference.render;

import com.ivpstudio.inference.Embedding;
import com.ivpstudio.inference.OodScore;
import com.ivpstudio.inference.OperationContext;
import com.ivpstudio.inference.Provenance;
import com.ivpstudio.inference.ViewKind;
import com.ivpstudio.inference.bundle.LoadedBundle;
import java.util.List;

/** The provenance written into each generated PNG: the bundle, the operation and everything that varies per image. */
public final class Provenances {

    private Provenances() {
    }

    public static Provenance of(LoadedBundle b, String op, List<String> inputs, ViewKind view, Long seed,
            List<Long> seeds, float psi, Double alpha, Double k, Double t, String mode, OodScore ood,
            OperationContext ctx) {
        // ψ as the shortest decimal of the float the model used (0.7, not 0.699999988079071)
        return new Provenance(b.manifest().id(), b.manifest().version(), b.sha256(), op, inputs,
                view == null ? null : view.manifestName(), seed, seeds, Double.parseDouble(Float.toString(psi)), alpha,
                k, t, mode, ctx.patientCodeAt(t), ImageRenderer.VERSION, ood, ctx.mark());
    }

    /** How an input embedding is named: its photo or prompt, else the sha256 of its values. */
    public static String input(Embedding e) {
        String s = e.source();
        return s.startsWith("photo:") || s.startsWith("text:") ? s : "embedding:sha256:" + e.sha256();
    }
}
