package com.ivpstudio.progress;

import com.ivpstudio.images.Photo;
import com.ivpstudio.inference.Comparison;

/**
 * One real photo of a view on one date and how close the predictions came to it.
 *
 * @param nudged null when the timeline has no nudge
 */
public record ProgressPoint(Photo actual, Comparison predicted, Comparison nudged) {
}
