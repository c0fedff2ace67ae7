package com.ivpstudio.sharing;

import java.time.Duration;

/** "Please wait" in words a patient reads at a glance. */
final class WaitTime {

    private WaitTime() {
    }

    static String describe(Duration wait, PatientText text) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        if (seconds < 60) {
            return text.get("sharing.patient.wait.seconds", seconds);
        }
        return text.get("sharing.patient.wait.minutes", (seconds + 59) / 60);
    }
}
