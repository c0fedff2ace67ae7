package com.ivpstudio.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** How many failed sign-ins lock an account, and for how long. */
@ConfigurationProperties(prefix = "ivp.security")
public record SignInPolicy(int maxFailedSignIns, Duration lockout) {

    public SignInPolicy {
        if (maxFailedSignIns <= 0) {
            maxFailedSignIns = 5;
        }
        if (lockout == null || lockout.isNegative() || lockout.isZero()) {
            lockout = Duration.ofMinutes(15);
        }
    }
}
