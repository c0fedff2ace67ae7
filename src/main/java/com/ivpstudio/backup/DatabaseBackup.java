package com.ivpstudio.backup;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.ivpstudio.inference.Hashing;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.largeobject.LargeObject;
import org.postgresql.largeobject.LargeObjectManager;

/**
 * Writes every table (and large object) of the app's database into one archive. All reads run in one
 * REPEATABLE READ transaction, so the archive is one consistent moment even while clinicians keep working.
 */
public final class DatabaseBackup {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Clock clock;

    public DatabaseBackup(Clock clock) {
        this.clock = clock;
    }

    /** Writes the archive next to {@code target} first and moves it into place only when it is complete. */
    public BackupManifest write(DataSource dataSource, Path target) {
        Path absolute = target.toAbsolutePath();
        Path partial = absolute.resolveSibling(absolute.getFileName() + ".partial");
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            BackupManifest manifest;
            try (OutputStream file = Files.newOutputStream(partial);
                 ZipOutputStream zip = new ZipOutputStream(file)) {
                manifest = writeContent(connection, zip);
                zip.putNextEntry(new ZipEntry(BackupManifest.ENTRY));
                zip.write(JSON.writeValueAsBytes(manifest));
                zip.closeEntry();
            } finally {
                connection.rollback();
            }
            Files.move(partial, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return manifest;
        } catch (SQLException e) {
            throw new BackupException("reading the database failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new BackupException("writing " + absolute + " failed: " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // The partial file is named as such; leaving it is harmless.
            }
        }
    }

    private BackupManifest writeContent(Connection connection, ZipOutputStream zip) throws SQLException, IOException {
        String schemaVersion = DatabaseTables.schemaVersion(connection);
        PGConnection postgres = connection.unwrap(PGConnection.class);
        List<BackupManifest.TableEntry> tables = new ArrayList<>();
        int index = 0;
        for (String table : DatabaseTables.inDependencyOrder(connection)) {
            List<String> columns = DatabaseTables.storedColumns(connection, table);
            String entry = String.format("tables/%03d-%s.pgcopy", index++, table);
            zip.putNextEntry(new ZipEntry(entry));
            CountingDigest out = new CountingDigest(zip);
            long rows = postgres.getCopyAPI().copyOut("COPY (SELECT " + DatabaseTables.columnList(columns) + " FROM "
                    + DatabaseTables.quoted(table) + ") TO STDOUT (FORMAT binary)", out);
            zip.closeEntry();
            tables.add(new BackupManifest.TableEntry(table, columns, rows, entry, out.sha256(), out.count()));
        }
        List<BackupManifest.LargeObjectEntry> largeObjects = new ArrayList<>();
        LargeObjectManager objects = postgres.getLargeObjectAPI();
        for (long oid : largeObjectIds(connection)) {
            String entry = "large-objects/" + oid;
            zip.putNextEntry(new ZipEntry(entry));
            CountingDigest out = new CountingDigest(zip);
            try (LargeObject object = objects.open(oid, LargeObjectManager.READ);
                 InputStream in = object.getInputStream()) {
                in.transferTo(out);
            }
            zip.closeEntry();
            largeObjects.add(new BackupManifest.LargeObjectEntry(oid, entry, out.sha256(), out.count()));
        }
        return new BackupManifest(BackupManifest.FORMAT, BackupManifest.VERSION,
                Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString(), schemaVersion, tables, largeObjects);
    }

    private static List<Long> largeObjectIds(Connection connection) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT oid FROM pg_largeobject_metadata ORDER BY oid");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
        }
        return ids;
    }

    /** Passes bytes on to the archive while counting them and hashing them for the manifest. */
    private static final class CountingDigest extends FilterOutputStream {
        private final MessageDigest digest;
        private long count;

        CountingDigest(OutputStream target) {
            super(new NonClosing(target));
            this.digest = Hashing.sha256Digest();
            this.out = new DigestOutputStream(this.out, digest);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        long count() {
            return count;
        }

        String sha256() {
            return Hashing.hex(digest);
        }
    }

    /** The COPY API closes the stream it writes to; the zip entry must stay open for the next one. */
    private static final class NonClosing extends FilterOutputStream {
        NonClosing(OutputStream target) {
            super(target);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
