package com.ivpstudio.inference;

import java.util.List;
import java.util.Locale;

/** The generated views, in the generator's class order ({@code generator.views} of the bundle manifest). */
public enum ViewKind {
    LEFT, RIGHT, LOWER, UPPER;

    /** All four views in class order (one batched forward pass). */
    public static final List<ViewKind> ALL = List.of(values());

    /** The manifest's name of the view ({@code left}, {@code right}, {@code lower}, {@code upper}). */
    public String manifestName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Index of the one-hot class vector. */
    public int classIndex() {
        return ordinal();
    }
}
