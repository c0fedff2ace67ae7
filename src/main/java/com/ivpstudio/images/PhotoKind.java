package com.ivpstudio.images;

/** The five standard intraoral views. */
public enum PhotoKind {
    FRONT("Front"),
    LEFT("Left buccal"),
    RIGHT("Right buccal"),
    UPPER("Upper occlusal"),
    LOWER("Lower occlusal");

    private final String label;

    PhotoKind(String label) {
        this.label = label;
    }

    /** English label for logs, file names and screens not yet translated; screens use {@link #translationKey()}. */
    public String label() {
        return label;
    }

    /** The key of this view's name in the {@code casepage} translation files. */
    public String translationKey() {
        return "casepage.kind." + name();
    }
}
