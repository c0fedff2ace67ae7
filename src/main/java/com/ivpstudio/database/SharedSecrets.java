package com.ivpstudio.database;

import java.security.SecureRandom;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Random keys every node must share (a cookie signed by one node is checked by another): created once by whichever
 * node asks first, then read by all. They stay in the database, never in logs or files.
 */
@Component
public class SharedSecrets {

    private final JdbcClient jdbc;
    private final SecureRandom random = new SecureRandom();

    SharedSecrets(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The key named {@code name}, {@code length} random bytes when it is created. */
    public byte[] key(String name, int length) {
        byte[] candidate = new byte[length];
        random.nextBytes(candidate);
        jdbc.sql("INSERT INTO cluster_secret (name, value) VALUES (:name, :value) ON CONFLICT (name) DO NOTHING")
                .param("name", name).param("value", candidate).update();
        return jdbc.sql("SELECT value FROM cluster_secret WHERE name = :name").param("name", name)
                .query(byte[].class).single();
    }
}
