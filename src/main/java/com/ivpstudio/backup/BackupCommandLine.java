package com.ivpstudio.backup;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * {@code backup --to FILE} and {@code restore --from FILE}, for the embedded database (option {@code --data-dir},
 * default {@code $IVP_DATA_DIR} or {@code ./data}) or an external one ({@code --jdbc-url}, {@code --user}, password in
 * {@code IVP_DB_PASSWORD}). A backup of a running embedded app connects to its PostgreSQL; a restore needs an empty
 * data directory or an empty database.
 */
public final class BackupCommandLine {

    public static final List<String> COMMANDS = List.of("backup", "restore");

    private final PrintStream out;

    BackupCommandLine(PrintStream out) {
        this.out = out;
    }

    /** Runs the command and returns the process exit code; every refusal is one readable line. */
    public static int run(String[] args) {
        try {
            new BackupCommandLine(System.out).execute(args);
            return 0;
        } catch (BackupException | IllegalArgumentException e) {
            System.err.println("ivp-studio " + (args.length > 0 ? args[0] : "") + ": " + e.getMessage());
            return 1;
        }
    }

    void execute(String[] args) {
        if (args.length == 0 || !COMMANDS.contains(args[0])) {
            throw new IllegalArgumentException("usage: backup --to FILE | restore --from FILE"
                    + " [--data-dir DIR | --jdbc-url URL --user NAME]");
        }
        Map<String, String> options = options(args);
        String dataDir = options.getOrDefault("data-dir", System.getenv().getOrDefault("IVP_DATA_DIR", "./data"));
        Path postgresDirectory = Path.of(dataDir).resolve("postgres").toAbsolutePath().normalize();
        if (args[0].equals("backup")) {
            Path target = Path.of(required(options, "to"));
            BackupManifest manifest = options.containsKey("jdbc-url")
                    ? new DatabaseBackup(Clock.systemUTC()).write(external(options), target)
                    : backupEmbedded(postgresDirectory, target);
            out.printf("backup written to %s: schema %s, %d tables, %d rows, %d large objects%n", target,
                    manifest.schemaVersion(), manifest.tables().size(),
                    manifest.tables().stream().mapToLong(BackupManifest.TableEntry::rows).sum(),
                    manifest.largeObjects().size());
        } else {
            Path archive = Path.of(required(options, "from"));
            if (!Files.isRegularFile(archive)) {
                throw new BackupException("no backup file at " + archive);
            }
            BackupManifest manifest = options.containsKey("jdbc-url")
                    ? new DatabaseRestore().restore(archive, external(options))
                    : restoreEmbedded(archive, postgresDirectory);
            out.printf("restored %s (made %s, schema %s): %d tables, %d rows%n", archive, manifest.created(),
                    manifest.schemaVersion(), manifest.tables().size(),
                    manifest.tables().stream().mapToLong(BackupManifest.TableEntry::rows).sum());
        }
    }

    private BackupManifest backupEmbedded(Path postgresDirectory, Path target) {
        Integer runningPort = RunningPostgres.port(postgresDirectory);
        if (runningPort != null) {
            out.println("the app's embedded PostgreSQL is running on port " + runningPort + ": backing up from it");
            return new DatabaseBackup(Clock.systemUTC()).write(RunningPostgres.dataSource(runningPort), target);
        }
        if (!Files.isRegularFile(postgresDirectory.resolve("PG_VERSION"))) {
            throw new BackupException("no embedded database in " + postgresDirectory);
        }
        try (EmbeddedPostgres postgres = start(postgresDirectory)) {
            return new DatabaseBackup(Clock.systemUTC()).write(postgres.getPostgresDatabase(), target);
        } catch (IOException e) {
            throw new BackupException("the embedded database could not be started: " + e.getMessage(), e);
        }
    }

    private BackupManifest restoreEmbedded(Path archive, Path postgresDirectory) {
        if (Files.exists(postgresDirectory) && !isEmptyDirectory(postgresDirectory)) {
            throw new BackupException(postgresDirectory + " already holds a database: restore into an empty data"
                    + " directory (--data-dir)");
        }
        boolean restored = false;
        try (EmbeddedPostgres postgres = start(postgresDirectory)) {
            BackupManifest manifest = new DatabaseRestore().restore(archive, postgres.getPostgresDatabase());
            restored = true;
            return manifest;
        } catch (IOException e) {
            throw new BackupException("the embedded database could not be started: " + e.getMessage(), e);
        } finally {
            if (!restored) {
                deleteTree(postgresDirectory);
            }
        }
    }

    private static EmbeddedPostgres start(Path postgresDirectory) throws IOException {
        Files.createDirectories(postgresDirectory);
        return EmbeddedPostgres.builder().setDataDirectory(postgresDirectory).setCleanDataDirectory(false).start();
    }

    private static PGSimpleDataSource external(Map<String, String> options) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(options.get("jdbc-url"));
        dataSource.setUser(required(options, "user"));
        dataSource.setPassword(System.getenv("IVP_DB_PASSWORD"));
        return dataSource;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + arg);
            }
            int equals = arg.indexOf('=');
            if (equals > 0) {
                options.put(arg.substring(2, equals), arg.substring(equals + 1));
            } else if (i + 1 < args.length) {
                options.put(arg.substring(2), args[++i]);
            } else {
                throw new IllegalArgumentException(arg + " needs a value");
            }
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    private static boolean isEmptyDirectory(Path directory) {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteTree(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // Reported by the caller's exception; a half-initialised directory is not a database.
        }
    }
}
