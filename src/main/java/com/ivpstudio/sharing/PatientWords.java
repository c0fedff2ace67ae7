package com.ivpstudio.sharing;

import java.util.Locale;

/**
 * The step of a strip image for the patient page: a snapshot's own titles and labels are written for staff (and a
 * real photo's label may name a file), so only the step is kept; captions come from {@link PatientText#view}.
 */
final class PatientWords {

    private PatientWords() {
    }

    /**
     * The step of a strip image ("α = 0.50 · Left buccal" → "α = 0.50"): the studio writes the step first and the
     * view after " · ". Anything else gives no step.
     */
    static String step(String label) {
        int dot = label == null ? -1 : label.indexOf(" · ");
        if (dot <= 0) {
            return "";
        }
        String step = label.substring(0, dot).strip();
        return step.matches("[\\p{L}\\p{N} =.,+\\-−%()/αψkt]{1,40}") ? step : "";
    }
}
