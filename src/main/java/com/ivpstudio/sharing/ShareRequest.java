package com.ivpstudio.sharing;

import java.util.List;

/**
 * What a clinician chose in the share dialog.
 *
 * @param passcode optional; blank means none
 */
public record ShareRequest(long caseId, List<Long> snapshotIds, int expiryDays, String passcode, String title,
        String message, boolean showPatientCode) {

    public static final int DEFAULT_EXPIRY_DAYS = 14;
    public static final int MAX_TITLE = 120;
    public static final int MAX_MESSAGE = 1000;
    public static final int MIN_PASSCODE = 4;
    public static final int MAX_PASSCODE = 64;
}
