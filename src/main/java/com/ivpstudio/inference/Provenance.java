package com.ivpstudio.inference;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.ivpstudio.inference.bundle.Json;
import java.util.List;

/**
 * Where a generated image comes from: enough to regenerate it bit for bit. Serialised as JSON (sorted keys, no
 * timestamps) into the PNG's {@code tEXt} chunk {@code ivp:provenance}.
 *
 * @param bundleId      manifest id of the model bundle
 * @param bundleVersion manifest version
 * @param bundleSha256  sha256 of the bundle's manifest.json (which pins every file's sha256)
 * @param operation     views, nudge, text-views, text-nudge, norm-scale, interpolate, spread
 * @param inputs        the inputs: {@code photo:sha256:<hex>}, {@code text:<prompt>}, {@code embedding:sha256:<hex>}
 * @param view          left/right/lower/upper, or null for a multi-view image
 * @param seed          seed of z (null for a multi-seed image such as the spread map)
 * @param seeds         seeds of a multi-seed image (spread), else empty
 * @param psi           truncation ψ used
 * @param alpha         nudge strength α, else null
 * @param k             norm-scaling target, else null
 * @param t             interpolation position 0..1, else null
 * @param mode          interpolation mode, else null
 * @param patientCode   the patient code drawn on the image, or null
 * @param renderer      version of the PNG rendering (display size, label), so old images stay explainable
 * @param ood           the out-of-distribution score of the photo the image starts from; absent (not written)
 *                      when the model has no such check or the input is not a photo
 * @param mark          the word of the simulated mark drawn in, when not the English "SIMULATED" (it follows the
 *                      reader's language); absent (not written) for English, so English images are as before
 */
public record Provenance(String bundleId, String bundleVersion, String bundleSha256, String operation,
        List<String> inputs, String view, Long seed, List<Long> seeds, double psi, Double alpha, Double k, Double t,
        String mode, String patientCode, String renderer, @JsonInclude(JsonInclude.Include.NON_NULL) OodScore ood,
        @JsonInclude(JsonInclude.Include.NON_NULL) String mark) {

    public Provenance {
        inputs = List.copyOf(inputs);
        seeds = seeds == null ? List.of() : List.copyOf(seeds);
        mark = OperationContext.markOrNull(mark);
    }

    /** An image with the English mark. */
    public Provenance(String bundleId, String bundleVersion, String bundleSha256, String operation, List<String> inputs,
            String view, Long seed, List<Long> seeds, double psi, Double alpha, Double k, Double t, String mode,
            String patientCode, String renderer, OodScore ood) {
        this(bundleId, bundleVersion, bundleSha256, operation, inputs, view, seed, seeds, psi, alpha, k, t, mode,
                patientCode, renderer, ood, null);
    }

    /** An image made without an out-of-distribution score. */
    public Provenance(String bundleId, String bundleVersion, String bundleSha256, String operation, List<String> inputs,
            String view, Long seed, List<Long> seeds, double psi, Double alpha, Double k, Double t, String mode,
            String patientCode, String renderer) {
        this(bundleId, bundleVersion, bundleSha256, operation, inputs, view, seed, seeds, psi, alpha, k, t, mode,
                patientCode, renderer, null, null);
    }

    /** The canonical JSON (sorted keys, ASCII only). */
    public String toJson() {
        return Json.write(this);
    }

    public static Provenance fromJson(String json) {
        return Json.read(json, Provenance.class);
    }
}
