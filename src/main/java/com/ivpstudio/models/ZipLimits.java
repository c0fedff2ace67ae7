package com.ivpstudio.models;

/**
 * Limits for an uploaded bundle zip.
 *
 * @param maxUploadBytes       largest zip file
 * @param maxEntries           most entries (files and folders)
 * @param maxUncompressedBytes most bytes all entries together may inflate to
 */
public record ZipLimits(long maxUploadBytes, int maxEntries, long maxUncompressedBytes) {

    static String megabytes(long bytes) {
        double mb = bytes / (1024.0 * 1024.0);
        return mb >= 10 ? String.format("%.0f MB", mb) : String.format("%.1f MB", mb);
    }
}
