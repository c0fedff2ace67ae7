package com.ivpstudio.snapshots;

/** What a snapshot holds: one view set, a strip (α / k / t steps × four views), or predicted vs real photo. */
public enum SnapshotKind {
    VIEWS("View set"),
    STRIP("Strip"),
    COMPARISON("Comparison");

    private final String label;

    SnapshotKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
