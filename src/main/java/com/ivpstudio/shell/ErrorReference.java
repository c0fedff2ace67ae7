package com.ivpstudio.shell;

import java.util.UUID;

/** The short reference an error screen shows and the log line carries, so support can match the two. */
final class ErrorReference {

    private ErrorReference() {
    }

    static String next() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
