package com.ivpstudio.sharing;

import java.util.Locale;

/**
 * Captions for the patient page in plain words, made from the view and the step only: a snapshot's own titles
 * and labels are written for staff (and a real photo's label may name a file), so none of them is shown.
 */
final class PatientWords {

    private PatientWords() {
    }

    static String view(String view, boolean generated) {
        String name = switch (view == null ? "" : view.toLowerCase(Locale.ROOT)) {
            case "left" -> "Left side";
            case "right" -> "Right side";
            case "upper" -> "Upper teeth";
            case "lower" -> "Lower teeth";
            case "front" -> "Front";
            default -> "View";
        };
        return generated ? name : name + " (your photo)";
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
