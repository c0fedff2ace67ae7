package com.ivpstudio.demo;

import com.ivpstudio.database.DatabaseMode;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * When to seed synthetic demo data into an empty database: {@code embedded} (default: the demo setup only),
 * {@code always} or {@code never}.
 */
@ConfigurationProperties(prefix = "ivp.demo")
public record DemoSeedPolicy(String seed) {

    public DemoSeedPolicy {
        seed = seed == null || seed.isBlank() ? "embedded" : seed.trim().toLowerCase(java.util.Locale.ROOT);
        if (!seed.equals("embedded") && !seed.equals("always") && !seed.equals("never")) {
            throw new IllegalArgumentException("ivp.demo.seed must be embedded, always or never, not " + seed);
        }
    }

    boolean appliesTo(DatabaseMode mode) {
        return seed.equals("always") || (seed.equals("embedded") && mode.isDemoSetup());
    }
}
