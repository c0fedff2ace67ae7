package com.ivpstudio.inference;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How far the semantic nudge moved a bundle's predictions towards the truth, as its exporter measured it on NEW
 * patients with treatment stages ({@code evaluation.nudge} with {@code new_patients}): another patient's
 * before→after difference added at α = 1, distance of the four predicted views to the patient's real after-state.
 * Shown next to the nudge so a clinician reads the preview as what it was measured to be, model by model.
 *
 * @param patients      the new patients measured
 * @param pixelsCloser  relative change of the pixel (L1) distance: positive = closer to the real result
 * @param featuresCloser the same in the model's image features
 */
public record NudgeMeasurement(int patients, double pixelsCloser, double featuresCloser) {

    /** A manifest's evaluation.nudge when it was measured on new patients (training patients would flatter it). */
    public static NudgeMeasurement onNewPatients(JsonNode nudge) {
        if (!nudge.path("new_patients").asBoolean(false) || !nudge.path("l1_rel_improvement").isNumber()
                || !nudge.path("featdist_rel_improvement").isNumber()) {
            return null;
        }
        return new NudgeMeasurement(nudge.path("test_patients").asInt(), nudge.get("l1_rel_improvement").asDouble(),
                nudge.get("featdist_rel_improvement").asDouble());
    }
}
