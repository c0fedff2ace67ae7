package com.ivpstudio.inference;

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
}
