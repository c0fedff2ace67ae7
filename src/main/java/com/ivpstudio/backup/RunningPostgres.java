package com.ivpstudio.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** Finds the embedded PostgreSQL of a running app from its data directory (postmaster.pid names pid and port). */
final class RunningPostgres {

    private RunningPostgres() {
    }

    /** The port of the live server using this directory, or null when none is running. */
    static Integer port(Path postgresDirectory) {
        Path pidFile = postgresDirectory.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return null;
        }
        try {
            List<String> lines = Files.readAllLines(pidFile);
            if (lines.size() < 4) {
                return null;
            }
            long pid = Long.parseLong(lines.get(0).trim());
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                return Integer.parseInt(lines.get(3).trim());
            }
            return null;
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }

    static DataSource dataSource(int port) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL("jdbc:postgresql://localhost:" + port + "/postgres");
        dataSource.setUser("postgres");
        return dataSource;
    }
}
