package com.ivpstudio.sharing;

import com.ivpstudio.inference.Hashing;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Link tokens: 192 random bits from {@link SecureRandom}, URL-safe Base64 without padding (32 characters). The
 * database keeps only the SHA-256, so a copy of the table opens no link.
 */
final class ShareTokens {

    static final int BYTES = 24;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ShareTokens() {
    }

    static String newToken() {
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Hashes whatever came in the URL: an unknown or malformed token costs the same look-up as a real one. */
    static String hash(String token) {
        return Hashing.sha256((token == null ? "" : token).getBytes(StandardCharsets.UTF_8));
    }
}
