package com.ivpstudio.backup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The app's tables read from the catalogue, parents before children, so any new feature's table is backed up too. */
final class DatabaseTables {

    static final String SCHEMA_HISTORY = "flyway_schema_history";

    /**
     * Live state of the running nodes (heartbeats), not clinic data: a restored database starts with no nodes and
     * each node that starts on it announces itself.
     */
    static final java.util.Set<String> NODE_STATE = java.util.Set.of("cluster_node");

    private DatabaseTables() {
    }

    /** Tables of the public schema (without Flyway's history) in an order that satisfies every foreign key. */
    static List<String> inDependencyOrder(Connection connection) throws SQLException {
        Map<String, Set<String>> parents = new LinkedHashMap<>();
        try (PreparedStatement tables = connection.prepareStatement("""
                SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname <> ?
                ORDER BY c.relname""")) {
            tables.setString(1, SCHEMA_HISTORY);
            try (ResultSet rows = tables.executeQuery()) {
                while (rows.next()) {
                    if (!NODE_STATE.contains(rows.getString(1))) {
                        parents.put(rows.getString(1), new LinkedHashSet<>());
                    }
                }
            }
        }
        try (PreparedStatement keys = connection.prepareStatement("""
                SELECT child.relname, parent.relname FROM pg_constraint k
                JOIN pg_class child ON child.oid = k.conrelid JOIN pg_class parent ON parent.oid = k.confrelid
                JOIN pg_namespace n ON n.oid = child.relnamespace
                WHERE k.contype = 'f' AND n.nspname = 'public'""");
             ResultSet rows = keys.executeQuery()) {
            while (rows.next()) {
                String child = rows.getString(1);
                String parent = rows.getString(2);
                if (!child.equals(parent) && parents.containsKey(child)) {
                    parents.get(child).add(parent);
                }
            }
        }
        List<String> ordered = new ArrayList<>();
        Set<String> placed = new LinkedHashSet<>();
        while (ordered.size() < parents.size()) {
            boolean progress = false;
            for (Map.Entry<String, Set<String>> table : parents.entrySet()) {
                if (!placed.contains(table.getKey()) && placed.containsAll(table.getValue())) {
                    ordered.add(table.getKey());
                    placed.add(table.getKey());
                    progress = true;
                }
            }
            if (!progress) {
                throw new IllegalStateException("foreign keys form a cycle between tables: " + parents.keySet());
            }
        }
        return ordered;
    }

    /** Stored columns in table order; generated columns are left out because PostgreSQL computes them again. */
    static List<String> storedColumns(Connection connection, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
                JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'public' AND c.relname = ? AND a.attnum > 0 AND NOT a.attisdropped
                  AND a.attgenerated = ''
                ORDER BY a.attnum""")) {
            query.setString(1, table);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    columns.add(rows.getString(1));
                }
            }
        }
        return columns;
    }

    static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    static String columnList(List<String> columns) {
        return String.join(", ", columns.stream().map(DatabaseTables::quoted).toList());
    }

    /** The latest successfully applied migration, the schema a restore must recreate before loading rows. */
    static String schemaVersion(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT version FROM " + SCHEMA_HISTORY
                + " WHERE success AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1");
             ResultSet rows = query.executeQuery()) {
            if (!rows.next()) {
                throw new BackupException("the database has no applied migrations: nothing to back up");
            }
            return rows.getString(1);
        }
    }
}
