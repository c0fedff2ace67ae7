package com.ivpstudio.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;

/**
 * What a stored manifest says about two measured properties: how much the random input z changes the pictures
 * ({@code generator.z_sensitivity}) and whether the model can tell unusual photos ({@code ood}). Both sections are
 * optional; the manifest was validated when the bundle was registered.
 *
 * @param zDim              the random input's size (0: none)
 * @param zSensitivity      mean change between two seeds' pictures, 0..255 levels; null when not measured
 * @param ood               the out-of-distribution check; empty when the model has none
 */
public record ManifestMeasurements(int zDim, Double zSensitivity, Optional<OodCheck> ood) {

    /**
     * @param threshold      scores above it get the warning
     * @param heldOutCount   held-out training-like fronts the threshold was calibrated on
     * @param falseAlarmRate share of those fronts that would be warned about (by either check)
     * @param pictureThreshold the threshold of the second check, on colours and brightness; null without it
     * @param orientation    the orientation check's measured rates; null without it
     */
    public record OodCheck(double threshold, int heldOutCount, double falseAlarmRate, Double pictureThreshold,
            OrientationCheck orientation) {
    }

    /**
     * @param detectionRate  share of turned held-out fronts read as turned
     * @param falseAlarmRate share of upright held-out fronts read as turned
     */
    public record OrientationCheck(double detectionRate, double falseAlarmRate) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    public static ManifestMeasurements of(String manifestJson) {
        JsonNode m;
        try {
            m = JSON.readTree(manifestJson == null ? "{}" : manifestJson);
        } catch (IOException e) {
            m = JSON.createObjectNode();
        }
        JsonNode gen = m.path("generator");
        JsonNode change = gen.path("z_sensitivity").path("mean_abs_change");
        JsonNode ood = m.path("ood");
        Optional<OodCheck> check = ood.isObject() ? Optional.of(new OodCheck(ood.path("threshold").asDouble(),
                ood.path("calibration").path("count").asInt(), ood.path("calibration").path("false_alarm_rate")
                .asDouble(), ood.path("picture").isObject() ? ood.path("picture").path("threshold").asDouble() : null,
                orientation(ood.path("orientation")))) : Optional.empty();
        return new ManifestMeasurements(gen.path("z_dim").asInt(), change.isNumber() ? change.asDouble() : null, check);
    }

    private static OrientationCheck orientation(JsonNode o) {
        JsonNode calibration = o.path("calibration");
        return o.isObject() ? new OrientationCheck(calibration.path("detection_rate").asDouble(),
                calibration.path("false_alarm_rate").asDouble()) : null;
    }
}
