package com.ivpstudio.studio;

import static org.assertj.core.api.Assertions.assertThat;

import com.ivpstudio.language.TranslationFiles;
import elemental.json.Json;
import elemental.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The strip player in the browser speaks the reader's language: the server hands it every text it shows, and its
 * English fallback is the same English the translation files hold.
 */
class FrameScrubberLabelsTest {

    private static final TranslationFiles FILES = new TranslationFiles();
    private static final Path SCRIPT = Path.of("frontend/scripts/ivp-scrubber.js");

    private static JsonObject labels(Locale language) {
        return Json.parse(FrameScrubber.labelsJson((key, params) -> FILES.getTranslation(key, language, params)));
    }

    @Test
    void everyTextTheScriptShowsComesFromTheServerInGerman() throws Exception {
        String script = Files.readString(SCRIPT);
        String code = script.substring(script.indexOf("const template"));
        JsonObject german = labels(Locale.GERMAN);
        JsonObject english = labels(Locale.ENGLISH);
        for (String name : FrameScrubber.LABELS.keySet()) {
            assertThat(code).as("the script uses " + name).contains("'" + name + "'");
            assertThat(german.getString(name)).as(name).isNotBlank().doesNotStartWith("studiotools.");
            assertThat(script).as("English fallback of " + name).contains(name + ": '" + english.getString(name) + "'");
        }
        assertThat(german.getString("play")).isEqualTo("▶ Abspielen");
        assertThat(german.getString("loading")).as("slots stay for the script to fill").isEqualTo("Bilder werden geladen… {0} / {1}");
    }

    @Test
    void theScriptHoldsNoOtherEnglishWords() throws Exception {
        String script = Files.readString(SCRIPT);
        String code = script.substring(script.indexOf("const template"));
        assertThat(code).doesNotContain("'Play'", "'Pause'", "'Simulated'", "'Real photo'", "Loading frames",
                "aria-label=\"", "Before/after swipe:");
    }
}
