package com.ivpstudio.sharing;

import com.ivpstudio.snapshots.SnapshotKind;
import java.util.List;

/**
 * One shared snapshot as the patient sees it: a view set is one frame; a strip is its steps (the scrubber's
 * frames); a comparison is one frame per view holding the prediction and the real photo.
 *
 * @param borrowedDirection the images apply another patient's before→after change (a nudge): the page says that
 *                          this is an illustration, not a forecast
 */
public record SharedSection(SnapshotKind kind, List<Frame> frames, boolean borrowedDirection) {

    public record Frame(String label, List<SharedImage> images) {
    }
}
