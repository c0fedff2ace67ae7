package com.ivpstudio.models;

/**
 * Lets another feature say that its records were made with a model bundle, so that the registry keeps the bundle
 * (it can be retired, not deleted) without knowing that feature's tables — as {@code CasePanelProvider} lets the
 * studio plug into cases. The registry asks every bean that implements it.
 */
public interface BundleReferences {

    /** How many of this feature's records reference the bundle with this manifest sha256 (0 when none). */
    long count(String manifestSha256);

    /** The reason in words for the administrator, e.g. "2 snapshots were made with it". */
    String describe(long count);
}
