package com.ivpstudio.database;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;

/**
 * Work that must run once although several nodes share the database (demo seeding, the model registry's start-up,
 * clean-ups, scheduled jobs) holds a PostgreSQL session advisory lock named after the work. The lock lives on one
 * connection taken from the pool for the duration: the work itself uses other connections, and if the node dies
 * PostgreSQL releases the lock with the connection, so nothing stays locked.
 */
@Component
public class AdvisoryLock {

    private static final Logger log = LoggerFactory.getLogger(AdvisoryLock.class);

    private final DataSource dataSource;

    AdvisoryLock(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs {@code work} while holding the lock {@code name}, waiting for another node that holds it first. */
    public <T> T exclusively(String name, Supplier<T> work) {
        try (Connection c = dataSource.getConnection()) {
            call(c, "SELECT pg_advisory_lock(?)", name);
            try {
                return work.get();
            } finally {
                unlock(c, name);
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("Advisory lock " + name + " could not be taken", e);
        }
    }

    /** Runs {@code work} only if no other node holds the lock {@code name} now; returns whether it ran. */
    public boolean ifFree(String name, Runnable work) {
        try (Connection c = dataSource.getConnection()) {
            if (!call(c, "SELECT pg_try_advisory_lock(?)", name)) {
                log.debug("Skipped {}: another node runs it", name);
                return false;
            }
            try {
                work.run();
                return true;
            } finally {
                unlock(c, name);
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("Advisory lock " + name + " could not be taken", e);
        }
    }

    private static void unlock(Connection c, String name) {
        try {
            call(c, "SELECT pg_advisory_unlock(?)", name);
        } catch (SQLException e) {
            // The connection is closed next; PostgreSQL drops the session's locks with it.
            log.warn("Advisory lock {} not released explicitly: {}", name, e.toString());
        }
    }

    private static boolean call(Connection c, String sql, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, key(name));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                Object result = rs.getObject(1);
                return !(result instanceof Boolean b) || b;
            }
        }
    }

    /** A stable 64-bit key per name (the first 8 bytes of its SHA-256), the same on every node and every version. */
    static long key(String name) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(("ivp-studio:" + name).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(d).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
