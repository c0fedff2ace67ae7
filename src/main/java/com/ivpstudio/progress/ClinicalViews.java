package com.ivpstudio.progress;

import com.ivpstudio.images.PhotoKind;
import com.ivpstudio.inference.ViewKind;
import java.util.List;

/** The predicted views in the order clinicians read them, and the kind of real photo that shows each. */
public final class ClinicalViews {

    /** Upper occlusal, left and right buccal, lower occlusal: as the case page lays them out. */
    public static final List<ViewKind> ORDER = List.of(ViewKind.UPPER, ViewKind.LEFT, ViewKind.RIGHT, ViewKind.LOWER);

    private ClinicalViews() {
    }

    public static PhotoKind photoKind(ViewKind view) {
        return switch (view) {
            case LEFT -> PhotoKind.LEFT;
            case RIGHT -> PhotoKind.RIGHT;
            case UPPER -> PhotoKind.UPPER;
            case LOWER -> PhotoKind.LOWER;
        };
    }
}
