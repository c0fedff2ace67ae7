package com.ivpstudio.models;

import com.ivpstudio.common.UserFacingException;

/** An uploaded bundle that is not accepted; the message says why (safe to show to the administrator). */
public class BundleRefusedException extends UserFacingException {

    public BundleRefusedException(String message) {
        super(message);
    }

    public BundleRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
