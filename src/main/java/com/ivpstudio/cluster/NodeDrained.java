package com.ivpstudio.cluster;

/**
 * This node has finished its in-flight work and is about to close its connections; the database is still there.
 * What its open screens hold in the database (a meeting presence, say) is released now: their sessions end only
 * when the web server is destroyed, after the database has gone.
 */
public record NodeDrained() {
}
