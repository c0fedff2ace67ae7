package com.ivpstudio.sharing;

import com.ivpstudio.snapshots.SnapshotKind;
import java.util.List;

/**
 * One shared snapshot as the patient sees it: a view set is one frame; a strip is its steps (the scrubber's
 * frames); a comparison is one frame per view holding the prediction and the real photo.
 */
public record SharedSection(SnapshotKind kind, List<Frame> frames) {

    public record Frame(String label, List<SharedImage> images) {
    }
}
