package com.ivpstudio.backup;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** {@code backup.json}: what the archive holds, so a restore checks every byte before it touches a database. */
record BackupManifest(
        @JsonProperty("format") String format,
        @JsonProperty("format_version") int formatVersion,
        @JsonProperty("created") String created,
        @JsonProperty("schema_version") String schemaVersion,
        @JsonProperty("tables") List<TableEntry> tables,
        @JsonProperty("large_objects") List<LargeObjectEntry> largeObjects) {

    static final String FORMAT = "ivp-studio-backup";
    static final int VERSION = 1;
    static final String ENTRY = "backup.json";

    /** One table's rows in PostgreSQL's binary COPY format; columns named so a restore copies exactly these. */
    record TableEntry(
            @JsonProperty("name") String name,
            @JsonProperty("columns") List<String> columns,
            @JsonProperty("rows") long rows,
            @JsonProperty("entry") String entry,
            @JsonProperty("sha256") String sha256,
            @JsonProperty("size") long size) {
    }

    record LargeObjectEntry(
            @JsonProperty("oid") long oid,
            @JsonProperty("entry") String entry,
            @JsonProperty("sha256") String sha256,
            @JsonProperty("size") long size) {
    }
}
