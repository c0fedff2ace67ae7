package com.ivpstudio.meetings;

/** A meeting is planned, then running (someone presents), then ended (its minutes are final). */
public enum MeetingStatus {
    PLANNED,
    RUNNING,
    ENDED
}
