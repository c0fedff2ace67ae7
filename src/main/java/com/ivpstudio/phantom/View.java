package com.ivpstudio.phantom;

import java.util.Locale;

/** The five clinical intraoral photographs. LEFT/RIGHT are the patient's left/right side. */
public enum View {
    FRONT, LEFT, RIGHT, UPPER, LOWER;

    /** Lower-case id used in file names and index.jsonl. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses an id ("front", "left", "right", "upper", "lower"); throws IllegalArgumentException otherwise. */
    public static View parse(String s) {
        if (s != null) {
            for (View v : values()) {
                if (v.id().equals(s.trim().toLowerCase(Locale.ROOT))) {
                    return v;
                }
            }
        }
        throw new IllegalArgumentException("unknown view '" + s + "' (expected front, left, right, upper or lower)");
    }

    /** True when the teeth are photographed in occlusion (both arches visible). */
    public boolean inOcclusion() {
        return this == FRONT || this == LEFT || this == RIGHT;
    }

    /** Whether the upper (maxillary) arch is visible in this view. */
    public boolean showsUpper() {
        return this != LOWER;
    }

    /** Whether the lower (mandibular) arch is visible in this view. */
    public boolean showsLower() {
        return this != UPPER;
    }
}
