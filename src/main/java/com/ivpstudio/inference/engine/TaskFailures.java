package com.ivpstudio.inference.engine;

/** What a task run on another thread threw, taken out of the ExecutionException or CompletionException around it. */
public final class TaskFailures {

    private TaskFailures() {
    }

    /** The task's own RuntimeException (an Error is rethrown as is; a checked exception comes wrapped). */
    public static RuntimeException unwrap(Throwable wrapper) {
        Throwable cause = wrapper.getCause() == null ? wrapper : wrapper.getCause();
        if (cause instanceof RuntimeException re) {
            return re;
        }
        if (cause instanceof Error err) {
            throw err;
        }
        return new IllegalStateException(cause);
    }
}
