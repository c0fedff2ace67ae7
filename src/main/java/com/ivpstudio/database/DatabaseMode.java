package com.ivpstudio.database;

/** Whether the app runs on its own embedded PostgreSQL (the demo setup) or on an external server. */
public enum DatabaseMode {
    EMBEDDED,
    EXTERNAL;

    public boolean isDemoSetup() {
        return this == EMBEDDED;
    }
}
