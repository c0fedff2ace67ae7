package com.ivpstudio.sharing;

import java.time.Duration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Token buckets in PostgreSQL, shared by every node: {@code capacity} tries, refilled evenly over {@code window}
 * (as Bucket4j's greedy refill). Time is the database's clock, so nodes with skewed clocks agree. A bucket is a
 * sha256, never a client address.
 */
@Repository
class ShareThrottleRepository {

    /** The refilled token count of a bucket as of now(), at most {@code capacity}; a missing bucket is full. */
    private static final String REFILLED = """
            LEAST(CAST(:capacity AS DOUBLE PRECISION), share_throttle.tokens
                  + EXTRACT(EPOCH FROM now() - share_throttle.updated_at) * :rate)""";

    private final JdbcClient jdbc;

    ShareThrottleRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The tokens a bucket holds now. */
    double available(String bucket, int capacity, Duration window) {
        return jdbc.sql("SELECT " + REFILLED + " FROM share_throttle WHERE bucket = :bucket")
                .param("capacity", capacity).param("rate", rate(capacity, window)).param("bucket", bucket)
                .query(Double.class).optional().orElse((double) capacity);
    }

    /** Takes one token if there is one (atomically, whichever node asks). */
    void consume(String bucket, int capacity, Duration window) {
        jdbc.sql("""
                INSERT INTO share_throttle AS share_throttle (bucket, tokens, updated_at)
                VALUES (:bucket, GREATEST(CAST(:capacity AS DOUBLE PRECISION) - 1, 0), now())
                ON CONFLICT (bucket) DO UPDATE SET
                    tokens = CASE WHEN %1$s >= 1 THEN %1$s - 1 ELSE %1$s END,
                    updated_at = now()""".formatted(REFILLED))
                .param("bucket", bucket).param("capacity", capacity).param("rate", rate(capacity, window)).update();
    }

    /** Buckets untouched for longer than {@code window} are full again: the row says nothing more. */
    int deleteFullAfter(Duration window) {
        return jdbc.sql("DELETE FROM share_throttle WHERE updated_at < now() - make_interval(secs => :secs)")
                .param("secs", (double) window.toSeconds()).update();
    }

    private static double rate(int capacity, Duration window) {
        return capacity / (window.toNanos() / 1e9);
    }
}
