package com.ivpstudio.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ivpstudio.IntegrationTest;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The documented backup and restore commands round-trip the running app's database, and refuse what they must. */
@IntegrationTest
class BackupRestoreIT {

    @Autowired
    DataSource dataSource;

    @TempDir
    Path temp;

    @Test
    void aBackupTakenWhileTheAppWritesRestoresIntoAnEmptyDataDirectoryWithIdenticalContent() throws Exception {
        JdbcClient live = JdbcClient.create(dataSource);
        assertThat(live.sql("SELECT count(*) FROM photo").query(Long.class).single()).isPositive();
        Path archive = temp.resolve("clinic.ivpbackup");

        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger written = new AtomicInteger();
        Thread writer = new Thread(() -> {
            while (writing.get()) {
                // a real action: the other tests share this database, and the audit screen reads every row
                live.sql("INSERT INTO audit_event (actor, action, detail)"
                        + " VALUES ('backup-test', 'AUDIT_EXPORTED', 'during')")
                        .update();
                written.incrementAndGet();
            }
        });
        writer.start();
        String printed;
        try {
            printed = command("backup", "--data-dir", appDataDirectory(),
                    "--to", archive.toString());
        } finally {
            writing.set(false);
            writer.join();
        }
        assertThat(printed).contains("embedded PostgreSQL is running").contains("backup written to");
        assertThat(written.get()).isPositive();

        Path restoredData = temp.resolve("restored-data");
        command("restore", "--from", archive.toString(), "--data-dir", restoredData.toString());

        try (EmbeddedPostgres restored = EmbeddedPostgres.builder()
                .setDataDirectory(restoredData.resolve("postgres")).setCleanDataDirectory(false).start()) {
            JdbcClient copy = JdbcClient.create(restored.getPostgresDatabase());
            Map<String, String> before = fingerprints(live, tablesOf(copy));
            Map<String, String> after = fingerprints(copy, tablesOf(copy));
            assertThat(copy.sql("SELECT count(*) FROM cluster_node").query(Long.class).single())
                    .as("node heartbeats are live state, not backed up").isZero();
            for (String table : after.keySet()) {
                if (!table.equals("audit_event") && !DatabaseTables.NODE_STATE.contains(table)) {
                    assertThat(after.get(table)).as(table).isEqualTo(before.get(table));
                }
            }
            assertThat(copy.sql("SELECT sha256 FROM photo ORDER BY id").query(String.class).list())
                    .isEqualTo(live.sql("SELECT sha256 FROM photo ORDER BY id").query(String.class).list());
            // The audit rows written while the backup ran: exactly those committed before its moment are in it.
            long restoredMax = copy.sql("SELECT max(id) FROM audit_event").query(Long.class).single();
            String auditAtThatMoment = "SELECT count(*) || ':' || md5(string_agg(md5(t::text), ',' ORDER BY md5(t::text)))"
                    + " FROM audit_event t WHERE id <= " + restoredMax;
            assertThat(copy.sql(auditAtThatMoment).query(String.class).single())
                    .isEqualTo(live.sql(auditAtThatMoment).query(String.class).single());
            long maxId = copy.sql("SELECT max(id) FROM audit_event").query(Long.class).single();
            long next = copy.sql("INSERT INTO audit_event (actor, action) VALUES ('after-restore', 'AUDIT_EXPORTED')"
                    + " RETURNING id").query(Long.class).single();
            assertThat(next).as("identity continues after the restored ids").isGreaterThan(maxId);
            assertThat(copy.sql("SELECT max(version::int) FROM flyway_schema_history WHERE version IS NOT NULL")
                    .query(Integer.class).single())
                    .isEqualTo(live.sql("SELECT max(version::int) FROM flyway_schema_history"
                            + " WHERE version IS NOT NULL").query(Integer.class).single());
        }
    }

    @Test
    void aDamagedArchiveIsRefusedBeforeAnythingIsWritten() throws Exception {
        Path archive = temp.resolve("damaged.ivpbackup");
        new DatabaseBackup(java.time.Clock.systemUTC()).write(dataSource, archive);
        Path damaged = temp.resolve("damaged-copy.ivpbackup");
        try (var in = new java.util.zip.ZipFile(archive.toFile());
             var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(damaged))) {
            for (var entry : java.util.Collections.list(in.entries())) {
                byte[] bytes = in.getInputStream(entry).readAllBytes();
                if (entry.getName().contains("-photo_content.")) {
                    bytes[bytes.length / 2] ^= 0x01;
                }
                out.putNextEntry(new java.util.zip.ZipEntry(entry.getName()));
                out.write(bytes);
                out.closeEntry();
            }
        }
        Path target = temp.resolve("never-created");
        assertThatThrownBy(() -> command("restore", "--from", damaged.toString(), "--data-dir", target.toString()))
                .isInstanceOf(BackupException.class).hasMessageContaining("damaged")
                .hasMessageContaining("photo_content");
        assertThat(target.resolve("postgres")).doesNotExist();
    }

    @Test
    void aRestoreIntoADatabaseThatHoldsDataIsRefusedAndChangesNothing() throws Exception {
        Path archive = temp.resolve("full.ivpbackup");
        new DatabaseBackup(java.time.Clock.systemUTC()).write(dataSource, archive);
        JdbcClient live = JdbcClient.create(dataSource);
        long cases = live.sql("SELECT count(*) FROM patient_case").query(Long.class).single();
        assertThatThrownBy(() -> new DatabaseRestore().restore(archive, dataSource))
                .isInstanceOf(BackupException.class).hasMessageContaining("not empty");
        assertThat(live.sql("SELECT count(*) FROM patient_case").query(Long.class).single()).isEqualTo(cases);
        assertThatThrownBy(() -> command("restore", "--from", archive.toString(),
                "--data-dir", appDataDirectory()))
                .isInstanceOf(BackupException.class).hasMessageContaining("already holds a database");
    }

    @Test
    void aFileThatIsNotABackupIsRefusedWithAClearMessage() throws Exception {
        Path notABackup = temp.resolve("photo.zip");
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(notABackup))) {
            out.putNextEntry(new java.util.zip.ZipEntry("readme.txt"));
            out.write("hello".getBytes());
        }
        assertThatThrownBy(() -> command("restore", "--from", notABackup.toString(),
                "--data-dir", temp.resolve("x").toString()))
                .isInstanceOf(BackupException.class).hasMessageContaining("not an IVP Studio backup");
        assertThat(temp.resolve("x").resolve("postgres")).doesNotExist();
    }

    /** The running app's data directory, as PostgreSQL itself reports it (the test profile's name is random). */
    private String appDataDirectory() {
        return Path.of(JdbcClient.create(dataSource).sql("SHOW data_directory").query(String.class).single())
                .getParent().toString();
    }

    private String command(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new BackupCommandLine(new PrintStream(out, true)).execute(args);
        return out.toString();
    }

    private static List<String> tablesOf(JdbcClient db) {
        return db.sql("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
                .query(String.class).list();
    }

    /** Row count and a hash over every row's text form, per table: equal fingerprints mean equal content. */
    private static Map<String, String> fingerprints(JdbcClient db, List<String> tables) {
        Map<String, String> result = new TreeMap<>();
        for (String table : tables) {
            if (table.equals("flyway_schema_history")) {
                continue;
            }
            result.put(table, db.sql("SELECT count(*) || ':' || coalesce(md5(string_agg(md5(t::text), ','"
                    + " ORDER BY md5(t::text))), '') FROM \"" + table + "\" t").query(String.class).single());
        }
        return result;
    }
}
