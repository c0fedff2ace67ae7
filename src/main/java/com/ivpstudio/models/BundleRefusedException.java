package com.ivpstudio.models;

import com.ivpstudio.common.UserFacingException;
import java.util.Locale;
import java.util.Objects;

/**
 * A bundle that is not accepted. The reason is the code the audit trail records; the administrator reads one
 * translated sentence per reason ({@code admin.models.refused.<reason>}) with the technical detail ({@link #detail()}:
 * the file, the limit) in it; the message, in English, is for the audit trail and the log.
 */
public class BundleRefusedException extends UserFacingException {

    private final RefusalReason reason;
    private final String detail;

    public BundleRefusedException(RefusalReason reason, String message) {
        this(reason, message, null);
    }

    public BundleRefusedException(RefusalReason reason, String message, Throwable cause) {
        this(reason, message, message, cause);
    }

    private BundleRefusedException(RefusalReason reason, String message, String detail, Throwable cause) {
        this(reason, message, detail, cause, keyOf(reason));
    }

    private BundleRefusedException(RefusalReason reason, String message, String detail, Throwable cause, String key) {
        super(message, cause, key, new Object[] {detail});
        this.reason = Objects.requireNonNull(reason, "reason");
        this.detail = detail;
    }

    /** "The bundle was refused: {@code why}. Nothing was stored." */
    static BundleRefusedException refused(RefusalReason reason, String why) {
        return new BundleRefusedException(reason, "The bundle was refused: " + why + ". Nothing was stored.", why,
                null);
    }

    /** An upload over the size limit ({@code limit} as "200 MB"). */
    static BundleRefusedException tooLarge(String limit) {
        return new BundleRefusedException(RefusalReason.UPLOAD_SIZE, "The file is larger than the limit of " + limit
                + " (ivp.models.max-upload-bytes). Nothing was stored.", limit, null);
    }

    static BundleRefusedException empty() {
        return new BundleRefusedException(RefusalReason.UPLOAD_SIZE, "The file is empty. Nothing was stored.", "",
                null, "admin.models.refused.empty");
    }

    /** The sentence the administrator reads for a refusal of this kind; its parameter is the technical detail. */
    static String keyOf(RefusalReason reason) {
        return "admin.models.refused." + reason.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public RefusalReason reason() {
        return reason;
    }

    /** What exactly failed (a path, a limit, a check's result), technical and in English. */
    public String detail() {
        return detail;
    }
}
