package com.ivpstudio.snapshots;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Exported files are named with safe slugs (patient code, title, label), never empty. */
class SnapshotFileNamesTest {

    @Test
    void fileNamesAreSlugs() {
        assertThat(SnapshotExports.slug("DEMO-01 · α = 0.50 / Left buccal")).isEqualTo("demo-01-0-50-left-buccal");
        assertThat(SnapshotExports.slug("···")).isEqualTo("image");
        assertThat(SnapshotExports.slug("x".repeat(80))).hasSize(50);
    }
}
