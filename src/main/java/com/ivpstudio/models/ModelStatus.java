package com.ivpstudio.models;

/** Where a registered bundle stands. */
public enum ModelStatus {
    /** Serving predictions now (at most one). */
    ACTIVE,
    /** Accepted and stored; can be activated. */
    AVAILABLE,
    /** No longer offered for activation; kept so that snapshots made with it can be regenerated. */
    RETIRED
}
