package com.ivpstudio.sharing;

import com.ivpstudio.database.SharedSecrets;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Proof that the right passcode was given for a link, kept in a cookie for a while: the expiry and an HMAC over
 * the link's token hash and that expiry. The key is shared by every node through the database (a grant issued by
 * one node is honoured by the other behind the load balancer) and survives restarts.
 */
@Component
class PassGrant {

    static final Duration LIFETIME = Duration.ofHours(12);
    private final Supplier<byte[]> keys;
    private volatile byte[] key;

    @Autowired
    PassGrant(SharedSecrets secrets) {
        this(() -> secrets.key("share-pass-grant", 32));
    }

    /** With a key from {@code keys}, fetched on first use (not while the application context is being built). */
    PassGrant(Supplier<byte[]> keys) {
        this.keys = keys;
    }

    private byte[] key() {
        byte[] k = key;
        if (k == null) {
            k = keys.get();
            key = k;
        }
        return k;
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
            mac.init(new SecretKeySpec(key(), "HmacSHA256"));
            byte[] out = mac.doFinal((tokenHash + "|" + expires).getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
