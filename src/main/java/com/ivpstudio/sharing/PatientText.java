package com.ivpstudio.sharing;

import com.ivpstudio.language.Translations;
import com.ivpstudio.language.UserFormats;
import com.ivpstudio.snapshots.SnapshotKind;
import java.time.Instant;
import elemental.json.Json;
import elemental.json.JsonObject;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/**
 * The patient page's and handout's words in one language. The page speaks the language of the patient's own
 * browser (its Accept-Language), not the clinician's: the link goes to the patient, whose phone says which language
 * they read; a language the app does not ship falls back to English. The handout a clinician prints from the
 * studio is in the clinician's screen language (the clinician hands it over and can explain it).
 */
record PatientText(Translations translations, Locale locale) {

    /** The texts of the {@code <ivp-scrubber>} strip player, by the names its script knows them. */
    static final List<String> SCRUBBER_TEXTS = List.of("play", "playAria", "pause", "pauseAria", "step", "swipeAria",
            "swipe", "swipeBetween", "fetching", "fetchFailed", "loading", "loaded", "tick", "simulated", "realPhoto",
            "front", "frontAlt");

    static PatientText of(Translations translations, Locale requested) {
        Locale chosen = Translations.SHIPPED.stream()
                .filter(l -> requested != null && l.getLanguage().equals(requested.getLanguage()))
                .findFirst().orElse(Locale.ENGLISH);
        return new PatientText(translations, chosen);
    }

    String get(String key, Object... params) {
        return translations.translate(key, locale, params);
    }

    /** The language for the page's {@code lang} attribute. */
    String language() {
        return locale.getLanguage();
    }

    /** A caption made from the view and the kind of image only (a snapshot's own labels are written for staff). */
    String view(SharedImage image) {
        String view = image.view() == null ? "" : image.view().toLowerCase(Locale.ROOT);
        String name = get(switch (view) {
            case "left", "right", "upper", "lower", "front" -> "sharing.patient.view." + view;
            default -> "sharing.patient.view.other";
        });
        return image.generated() ? name : get("sharing.patient.your-photo", name);
    }

    /**
     * The strip player's texts as the JSON of its {@code labels} attribute ("{0}" stays a slot for the script): the
     * script's own English is only a fallback, so the patient's language must come from here.
     */
    String scrubberLabels() {
        JsonObject json = Json.createObject();
        for (String name : SCRUBBER_TEXTS) {
            json.put(name, get("sharing.patient.scrubber." + name.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT)));
        }
        return json.toJson();
    }

    String heading(SnapshotKind kind) {
        return get("sharing.patient.heading." + kind.name().toLowerCase(Locale.ROOT));
    }

    String day(Instant at) {
        return UserFormats.date(at, ZoneId.systemDefault(), locale);
    }
}
