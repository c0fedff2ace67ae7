package com.ivpstudio.studio;

/** A named before/after pair whose embedding difference is a treatment direction for the nudge. */
public record ReferencePair(long id, String name, String description, String beforeSha256, String afterSha256,
        boolean synthetic) {
}
