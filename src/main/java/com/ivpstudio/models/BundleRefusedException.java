package com.ivpstudio.models;

import com.ivpstudio.common.UserFacingException;
import java.util.Objects;

/**
 * A bundle that is not accepted; the message says why (safe to show to the administrator) and the reason is the
 * code the audit trail records.
 */
public class BundleRefusedException extends UserFacingException {

    private final RefusalReason reason;

    public BundleRefusedException(RefusalReason reason, String message) {
        this(reason, message, null);
    }

    public BundleRefusedException(RefusalReason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** "The bundle was refused: {@code why}. Nothing was stored." */
    static BundleRefusedException refused(RefusalReason reason, String why) {
        return new BundleRefusedException(reason, "The bundle was refused: " + why + ". Nothing was stored.");
    }

    public RefusalReason reason() {
        return reason;
    }
}
