package com.ivpstudio.inference.generation;

import com.ivpstudio.inference.EngineBusyException;
import com.ivpstudio.inference.OperationCancelledException;
import com.ivpstudio.inference.engine.TaskFailures;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waiting for a result computed elsewhere, bounded: too long is "busy", an interrupt or a cancel is "cancelled". */
final class Await {

    private Await() {
    }

    static <T> T result(CompletableFuture<T> f, long timeoutMs) {
        try {
            return f.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new EngineBusyException();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationCancelledException();
        } catch (CancellationException e) {
            throw new OperationCancelledException();
        } catch (ExecutionException e) {
            throw TaskFailures.unwrap(e);
        }
    }
}
