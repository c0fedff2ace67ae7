package com.ivpstudio.backup;

/** A backup or restore that was refused or failed; the message is written for the person running the command. */
public class BackupException extends RuntimeException {

    public BackupException(String message) {
        super(message);
    }

    public BackupException(String message, Throwable cause) {
        super(message, cause);
    }
}
