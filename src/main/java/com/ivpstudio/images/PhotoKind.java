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

    public String label() {
        return label;
    }
}
