package com.ivpstudio.sharing;

import java.time.Duration;

/** "Please wait" in words a patient reads at a glance. */
final class WaitTime {

    private WaitTime() {
    }

    static String describe(Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        if (seconds < 60) {
            return seconds == 1 ? "1 second" : seconds + " seconds";
        }
        long minutes = (seconds + 59) / 60;
        return minutes == 1 ? "1 minute" : minutes + " minutes";
    }
}
