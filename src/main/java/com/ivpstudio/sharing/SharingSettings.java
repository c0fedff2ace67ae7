package com.ivpstudio.sharing;

/**
 * The admin's settings for patient links.
 *
 * @param keepClientIps whether the address of a client that opens a link is kept (default not)
 * @param ipRetentionDays how long a kept address stays before it is erased
 */
public record SharingSettings(String practiceName, String practiceContact, int maxExpiryDays, boolean keepClientIps,
        int ipRetentionDays) {

    public static final int MAX_EXPIRY_LIMIT = 365;
    public static final int MAX_IP_RETENTION = 90;
}
