package com.ivpstudio.progress;

import com.ivpstudio.inference.NudgeMeasurement;

/**
 * The model that drew a timeline, found by its pictures' provenance rather than by what is active now: the caution
 * beside a nudged timeline quotes that model's own measurement even when an administrator switched models while the
 * timeline was being drawn.
 *
 * @param nudgeMeasured what its exporter measured of the nudge on new patients, or null
 */
public record TimelineModel(String name, String version, NudgeMeasurement nudgeMeasured) {
}
