package com.ivpstudio.meetings;

/** What the team decided for a case; CUSTOM carries its own short note. */
public enum Decision {
    PROCEED,
    NEEDS_RECORDS,
    REVISIT,
    CUSTOM
}
