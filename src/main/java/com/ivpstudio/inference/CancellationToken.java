package com.ivpstudio.inference;

/**
 * Cooperative cancellation of an operation: {@link #cancel()} from any thread (e.g. a "Stop" button); the
 * operation stops before its next batch and throws {@link OperationCancelledException}.
 */
public final class CancellationToken {

    /** A token that is never cancelled. */
    public static final CancellationToken NONE = new CancellationToken();

    private volatile boolean cancelled;

    public void cancel() {
        if (this != NONE) {
            cancelled = true;
        }
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** Throws {@link OperationCancelledException} if cancelled. */
    public void throwIfCancelled() {
        if (cancelled) {
            throw new OperationCancelledException();
        }
    }
}
