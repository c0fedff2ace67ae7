package com.ivpstudio.models;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * A bundle's files in PostgreSQL, the source of truth every node's model store is materialised from: one row per
 * file (path, size, sha256) and its bytes in chunks of {@link #CHUNK} bytes, written and read one chunk at a time.
 */
@Repository
class BundleFileRepository {

    /** 1 MiB: big enough that a 700 MB bundle is 700 rows, small enough that a node holds only one at a time. */
    static final int CHUNK = 1 << 20;

    private final JdbcClient jdbc;

    BundleFileRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether the database holds the bundle's files (bundles registered before several nodes shared it do not). */
    boolean holds(long bundleId) {
        return jdbc.sql("SELECT count(*) FROM model_bundle_file WHERE model_bundle_id = :id AND path = :path")
                .param("id", bundleId).param("path", ManifestFiles.MANIFEST).query(Long.class).single() > 0;
    }

    /** Copies every listed file of a stored bundle folder into the database; call inside a transaction. */
    void store(long bundleId, Path dir, ManifestFiles manifest) {
        try {
            for (ListedFile f : manifest.allFiles()) {
                jdbc.sql("""
                        INSERT INTO model_bundle_file (model_bundle_id, path, size_bytes, sha256)
                        VALUES (:id, :path, :size, :sha)""")
                        .param("id", bundleId).param("path", f.path()).param("size", f.size())
                        .param("sha", f.sha256()).update();
                try (InputStream in = Files.newInputStream(SafeZip.inside(dir, f.path()), LinkOption.NOFOLLOW_LINKS)) {
                    byte[] buffer = new byte[CHUNK];
                    for (int seq = 0; ; seq++) {
                        int n = in.readNBytes(buffer, 0, CHUNK);
                        if (n == 0 && seq > 0) {
                            break;
                        }
                        jdbc.sql("INSERT INTO model_bundle_chunk (model_bundle_id, path, seq, bytes) "
                                        + "VALUES (:id, :path, :seq, :bytes)")
                                .param("id", bundleId).param("path", f.path()).param("seq", seq)
                                .param("bytes", n == CHUNK ? buffer : Arrays.copyOf(buffer, n)).update();
                        if (n < CHUNK) {
                            break;
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file's bytes as a stream that fetches one chunk at a time; empty when the database does not hold it. */
    Optional<InputStream> open(long bundleId, String path) {
        long chunks = jdbc.sql("SELECT count(*) FROM model_bundle_chunk WHERE model_bundle_id = :id AND path = :path")
                .param("id", bundleId).param("path", path).query(Long.class).single();
        return chunks == 0 ? Optional.empty() : Optional.of(new ChunkStream(bundleId, path, (int) chunks));
    }

    private byte[] chunk(long bundleId, String path, int seq) {
        return jdbc.sql("SELECT bytes FROM model_bundle_chunk WHERE model_bundle_id = :id AND path = :path "
                        + "AND seq = :seq")
                .param("id", bundleId).param("path", path).param("seq", seq).query(byte[].class).single();
    }

    /** Reads chunk after chunk; only the current one is in memory. */
    private final class ChunkStream extends InputStream {

        private final long bundleId;
        private final String path;
        private final int chunks;
        private int next;
        private byte[] current = new byte[0];
        private int pos;

        ChunkStream(long bundleId, String path, int chunks) {
            this.bundleId = bundleId;
            this.path = path;
            this.chunks = chunks;
        }

        private boolean fill() {
            while (pos >= current.length) {
                if (next >= chunks) {
                    return false;
                }
                current = chunk(bundleId, path, next++);
                pos = 0;
            }
            return true;
        }

        @Override
        public int read() {
            return fill() ? current[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, current.length - pos);
            System.arraycopy(current, pos, b, off, n);
            pos += n;
            return n;
        }
    }
}
