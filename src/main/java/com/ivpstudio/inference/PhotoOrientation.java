package com.ivpstudio.inference;

/**
 * Which way up a front photo is, as a bundle's orientation check reads it ({@code ood.orientation}): the classes in
 * the manifest's fixed order. A turned photo is the upright one turned a number of quarter turns counterclockwise;
 * {@link #clockwiseQuarterTurnsToUpright()} says how to turn it back.
 */
public enum PhotoOrientation {
    UPRIGHT, ROTATED_90_COUNTERCLOCKWISE, ROTATED_180, ROTATED_90_CLOCKWISE;

    /** The most probable class of the reader's four probabilities (in this enum's order). */
    public static PhotoOrientation mostProbable(float[] probabilities) {
        if (probabilities.length != values().length) {
            throw new IllegalArgumentException("expected " + values().length + " probabilities, got "
                    + probabilities.length);
        }
        int best = 0;
        for (int i = 1; i < probabilities.length; i++) {
            if (probabilities[i] > probabilities[best]) {
                best = i;
            }
        }
        return values()[best];
    }

    public boolean upright() {
        return this == UPRIGHT;
    }

    /** Quarter turns clockwise that make the photo upright (0 to 3). */
    public int clockwiseQuarterTurnsToUpright() {
        return ordinal();
    }
}
