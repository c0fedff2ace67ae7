package com.ivpstudio.progress;

import com.ivpstudio.inference.GeneratedImage;
import com.ivpstudio.inference.ViewKind;
import java.util.List;

/**
 * One view over time: what was predicted for it from the input front photo (and with the nudge), and the real
 * photos of that view, oldest first.
 *
 * @param nudged null when the timeline has no nudge
 */
public record ViewProgress(ViewKind view, GeneratedImage predicted, GeneratedImage nudged, List<ProgressPoint> points) {

    public ViewProgress {
        points = List.copyOf(points);
    }
}
