package com.ivpstudio.images;

/**
 * A file size for people, as an amount and a unit symbol ("25.1" "MB"): the screen formats the amount in the
 * user's language. Symbols (MB, KB, B) read the same in every language the app speaks.
 */
record FileSize(double amount, String unit) {

    private static final long MB = 1024 * 1024;
    private static final long KB = 1024;

    /** A limit: "25 MB", "1.5 MB", "800 KB" (one decimal where it is not whole). */
    static FileSize of(long bytes) {
        return scaled(bytes, false);
    }

    /** Rounded up to 0.1, so that a file just over the limit never reads as equal to it. */
    static FileSize roundedUp(long bytes) {
        return scaled(bytes, true);
    }

    private static FileSize scaled(long bytes, boolean up) {
        long unit = bytes >= MB ? MB : bytes >= KB ? KB : 1;
        double tenths = bytes * 10.0 / unit;
        double amount = (up ? Math.ceil(tenths) : Math.round(tenths)) / 10;
        return new FileSize(amount, unit == MB ? "MB" : unit == KB ? "KB" : "B");
    }
}
