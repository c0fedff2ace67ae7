package com.ivpstudio.inference;

/**
 * Progress of a long operation, called from the calling thread between batches (never concurrently for one
 * operation). {@code done} of {@code total} steps; {@code stage} is a short text for a progress bar.
 */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = (done, total, stage) -> { };

    void progress(int done, int total, String stage);
}
