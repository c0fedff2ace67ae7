package com.ivpstudio.sharing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Proof that the right passcode was given for a link, kept in a cookie for a while: the expiry and an HMAC over
 * the link's token hash and that expiry. The key lives only in this process, so a restart asks again.
 */
@Component
class PassGrant {

    static final Duration LIFETIME = Duration.ofHours(12);
    private final byte[] key = new byte[32];

    PassGrant() {
        new SecureRandom().nextBytes(key);
    }

    String issue(String tokenHash, Instant now) {
        long expires = now.plus(LIFETIME).getEpochSecond();
        return expires + "." + mac(tokenHash, expires);
    }

    boolean valid(String grant, String tokenHash, Instant now) {
        if (grant == null) {
            return false;
        }
        int dot = grant.indexOf('.');
        if (dot < 1) {
            return false;
        }
        long expires;
        try {
            expires = Long.parseLong(grant.substring(0, dot));
        } catch (NumberFormatException e) {
            return false;
        }
        return expires > now.getEpochSecond() && MessageDigest.isEqual(
                mac(tokenHash, expires).getBytes(StandardCharsets.US_ASCII),
                grant.substring(dot + 1).getBytes(StandardCharsets.US_ASCII));
    }

    private String mac(String tokenHash, long expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] out = mac.doFinal((tokenHash + "|" + expires).getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
