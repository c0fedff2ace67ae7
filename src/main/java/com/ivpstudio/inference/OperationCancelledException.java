package com.ivpstudio.inference;

import com.ivpstudio.common.UserFacingException;

/** The operation was cancelled through its {@link CancellationToken}. */
public class OperationCancelledException extends UserFacingException {

    public OperationCancelledException() {
        super("The operation was cancelled.");
    }
}
