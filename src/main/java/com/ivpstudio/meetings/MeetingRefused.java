package com.ivpstudio.meetings;

/** Only participants (and admins) may open a meeting. */
public class MeetingRefused extends MeetingProblem {

    public MeetingRefused() {
        super("meetings.refused");
    }
}
