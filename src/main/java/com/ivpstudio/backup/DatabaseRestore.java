package com.ivpstudio.backup;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ivpstudio.inference.Hashing;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.postgresql.PGConnection;
import org.postgresql.largeobject.LargeObject;
import org.postgresql.largeobject.LargeObjectManager;

/**
 * Restores an archive into an EMPTY database: checks every entry's sha256 first, recreates the schema at the
 * archive's migration version, then loads all rows in one transaction. A failure leaves the database empty again.
 */
public final class DatabaseRestore {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public BackupManifest restore(Path archive, DataSource dataSource) {
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            BackupManifest manifest = readManifest(zip);
            verifyEntries(zip, manifest);
            try (Connection connection = dataSource.getConnection()) {
                requireEmpty(connection);
            }
            migrate(dataSource, manifest.schemaVersion());
            try {
                load(zip, manifest, dataSource);
            } catch (RuntimeException | SQLException | IOException e) {
                emptyAgain(dataSource);
                throw e;
            }
            return manifest;
        } catch (IOException e) {
            throw new BackupException("reading " + archive + " failed: " + e.getMessage(), e);
        } catch (SQLException e) {
            throw new BackupException("restoring into the database failed (it was left empty): " + e.getMessage(), e);
        }
    }

    static BackupManifest readManifest(ZipFile zip) throws IOException {
        ZipEntry entry = zip.getEntry(BackupManifest.ENTRY);
        if (entry == null) {
            throw new BackupException("not an IVP Studio backup: " + BackupManifest.ENTRY + " is missing");
        }
        BackupManifest manifest;
        try (InputStream in = zip.getInputStream(entry)) {
            manifest = JSON.readValue(in, BackupManifest.class);
        }
        if (!BackupManifest.FORMAT.equals(manifest.format()) || manifest.formatVersion() != BackupManifest.VERSION) {
            throw new BackupException("not an IVP Studio backup of format version " + BackupManifest.VERSION);
        }
        return manifest;
    }

    static void verifyEntries(ZipFile zip, BackupManifest manifest) throws IOException {
        for (BackupManifest.TableEntry table : manifest.tables()) {
            verify(zip, table.entry(), table.sha256(), table.size());
        }
        for (BackupManifest.LargeObjectEntry object : manifest.largeObjects()) {
            verify(zip, object.entry(), object.sha256(), object.size());
        }
    }

    private static void verify(ZipFile zip, String name, String sha256, long size) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw new BackupException("the backup is incomplete: " + name + " is missing");
        }
        MessageDigest digest = Hashing.sha256Digest();
        long count;
        try (InputStream in = new DigestInputStream(zip.getInputStream(entry), digest)) {
            count = in.transferTo(OutputStream.nullOutputStream());
        }
        if (count != size || !Hashing.hex(digest).equals(sha256)) {
            throw new BackupException("the backup is damaged: " + name + " does not match its sha256");
        }
    }

    private static void requireEmpty(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p'))
                     + (SELECT count(*) FROM pg_largeobject_metadata)""");
             ResultSet rows = query.executeQuery()) {
            rows.next();
            if (rows.getLong(1) > 0) {
                throw new BackupException("the target database is not empty: restore only into an empty database"
                        + " (a new data directory or a newly created database)");
            }
        }
    }

    private static void migrate(DataSource dataSource, String version) {
        Flyway flyway = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration")
                .target(MigrationVersion.fromVersion(version)).load();
        boolean known = false;
        for (MigrationInfo migration : flyway.info().all()) {
            known |= migration.getVersion() != null && migration.getVersion().getVersion().equals(version);
        }
        if (!known) {
            throw new BackupException("the backup was made by a newer IVP Studio (schema " + version
                    + "): restore it with that version or a later one");
        }
        flyway.migrate();
    }

    private static void load(ZipFile zip, BackupManifest manifest, DataSource dataSource)
            throws SQLException, IOException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                PGConnection postgres = connection.unwrap(PGConnection.class);
                removeRowsTheMigrationsSeeded(connection, manifest);
                for (BackupManifest.TableEntry table : manifest.tables()) {
                    try (InputStream rows = zip.getInputStream(zip.getEntry(table.entry()))) {
                        long loaded = postgres.getCopyAPI().copyIn("COPY " + DatabaseTables.quoted(table.name()) + " ("
                                + DatabaseTables.columnList(table.columns()) + ") FROM STDIN (FORMAT binary)", rows);
                        if (loaded != table.rows()) {
                            throw new BackupException("table " + table.name() + ": loaded " + loaded + " rows, the"
                                    + " backup lists " + table.rows());
                        }
                    }
                }
                LargeObjectManager objects = postgres.getLargeObjectAPI();
                for (BackupManifest.LargeObjectEntry object : manifest.largeObjects()) {
                    try (PreparedStatement create = connection.prepareStatement("SELECT lo_create(?)")) {
                        create.setLong(1, object.oid());
                        create.execute();
                    }
                    try (LargeObject target = objects.open(object.oid(), LargeObjectManager.WRITE);
                         OutputStream out = target.getOutputStream();
                         InputStream in = zip.getInputStream(zip.getEntry(object.entry()))) {
                        in.transferTo(out);
                    }
                }
                advanceSequences(connection);
                connection.commit();
            } catch (SQLException | IOException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /** Some migrations insert default rows (settings, vocabularies); the backup holds their current values. */
    private static void removeRowsTheMigrationsSeeded(Connection connection, BackupManifest manifest)
            throws SQLException {
        if (manifest.tables().isEmpty()) {
            return;
        }
        List<String> names = new ArrayList<>();
        manifest.tables().forEach(t -> names.add(DatabaseTables.quoted(t.name())));
        try (Statement truncate = connection.createStatement()) {
            truncate.execute("TRUNCATE " + String.join(", ", names));
        }
    }

    /** Identity and serial columns continue after the restored ids instead of colliding with them. */
    private static void advanceSequences(Connection connection) throws SQLException {
        List<String[]> owned = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT c.relname, a.attname, pg_get_serial_sequence(format('%I', c.relname), a.attname)
                FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped""");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                if (rows.getString(3) != null) {
                    owned.add(new String[] {rows.getString(1), rows.getString(2), rows.getString(3)});
                }
            }
        }
        for (String[] column : owned) {
            String max = "(SELECT max(" + DatabaseTables.quoted(column[1]) + ") FROM "
                    + DatabaseTables.quoted(column[0]) + ")";
            try (PreparedStatement setval = connection.prepareStatement(
                    "SELECT setval(?, COALESCE(" + max + ", 1), " + max + " IS NOT NULL)")) {
                setval.setString(1, column[2]);
                setval.execute();
            }
        }
    }

    /**
     * The database was empty before the restore began, so removing everything in its public schema undoes exactly
     * the restore (tables, and the sequences and types the migrations made) and a second try can start clean.
     */
    private static void emptyAgain(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection(); Statement drop = connection.createStatement()) {
            drop.execute("DROP SCHEMA public CASCADE");
            drop.execute("CREATE SCHEMA public");
        } catch (SQLException e) {
            throw new BackupException("the restore failed and the database could not be emptied again: "
                    + e.getMessage(), e);
        }
    }
}
