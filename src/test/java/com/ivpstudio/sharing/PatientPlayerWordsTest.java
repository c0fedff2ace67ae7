package com.ivpstudio.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import com.ivpstudio.language.Translations;
import com.ivpstudio.snapshots.SnapshotKind;
import elemental.json.Json;
import elemental.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.web.util.HtmlUtils;

/**
 * The strip player and the swipe slider on the patient page speak the patient's language: the page hands both
 * scripts their words, so the scripts' English is only a fallback.
 */
class PatientPlayerWordsTest {

    private static final Translations FILES = new Translations();

    @Test
    void aGermanPatientGetsTheStripPlayerAndSwipeSliderInGerman() {
        String page = page(Locale.GERMANY);

        JsonObject labels = Json.parse(HtmlUtils.htmlUnescape(attribute(page, "ivp-scrubber", "labels")));
        assertThat(labels.getString("play")).isEqualTo("▶ Abspielen");
        assertThat(labels.getString("loading")).as("slots stay for the script").isEqualTo("Bilder werden geladen… {0} / {1}");
        for (String name : PatientText.SCRUBBER_TEXTS) {
            assertThat(labels.getString(name)).as(name).isNotBlank().doesNotStartWith("sharing.");
        }
        assertThat(HtmlUtils.htmlUnescape(attribute(page, "ivp-swipe", "label")))
                .isEqualTo("Regler: Ihr Foto oder die Simulation");
    }

    @Test
    void aNudgeStripTellsTheGermanPatientItIsNoForecastAndOtherSectionsDoNot() {
        String page = HtmlUtils.htmlUnescape(page(Locale.GERMANY));
        assertThat(page).containsOnlyOnce("class=\"caution\"")
                .contains("Es ist eine Veranschaulichung, keine Vorhersage für Sie")
                .doesNotContain("not a forecast");
        assertThat(page.indexOf("class=\"caution\"")).as("in the strip's section, before the comparison")
                .isLessThan(page.indexOf("<ivp-swipe"));
    }

    @Test
    void anEnglishPatientGetsEnglishWordsFromThePageToo() {
        String page = page(Locale.ENGLISH);
        JsonObject labels = Json.parse(HtmlUtils.htmlUnescape(attribute(page, "ivp-scrubber", "labels")));
        assertThat(labels.getString("pause")).isEqualTo("❚❚ Pause");
        assertThat(labels.getString("fetchFailed")).as("a patient cannot compute again")
                .isEqualTo("The pictures could not be loaded. Please reload the page.");
        assertThat(HtmlUtils.htmlUnescape(attribute(page, "ivp-swipe", "label")))
                .isEqualTo("Slider: your photo or the simulation");
    }

    @Test
    void thePageGivesTheStripPlayerEveryTextItsScriptKnows() throws Exception {
        String script = Files.readString(Path.of("frontend/scripts/ivp-scrubber.js"));
        String english = script.substring(script.indexOf("const ENGLISH = {"), script.indexOf("};", script.indexOf("const ENGLISH")));
        Set<String> names = new LinkedHashSet<>();
        Matcher m = Pattern.compile("(\\w+): '").matcher(english);
        while (m.find()) {
            names.add(m.group(1));
        }
        assertThat(names).containsExactlyInAnyOrderElementsOf(PatientText.SCRUBBER_TEXTS);
    }

    @Test
    void theSwipeScriptTakesItsSliderNameFromTheLabelAttribute() throws Exception {
        String script = Files.readString(Path.of("frontend/scripts/ivp-swipe.js"));
        String template = script.substring(script.indexOf("template.innerHTML"), script.indexOf("class IvpSwipe"));
        assertThat(template).doesNotContain("aria-label");
        assertThat(script).contains("return ['label'];");
    }

    private static String page(Locale patient) {
        SharedImage left = new SharedImage(0, "left", "image/png", new byte[0], true);
        SharedImage photo = new SharedImage(1, "left", "image/png", new byte[0], false);
        SharedContent content = new SharedContent(List.of(
                new SharedSection(SnapshotKind.STRIP, List.of(new SharedSection.Frame("α = 0.00", List.of(left))), true),
                new SharedSection(SnapshotKind.COMPARISON, List.of(new SharedSection.Frame("", List.of(left, photo))),
                        false)),
                List.of(left, photo));
        Instant now = Instant.parse("2026-01-01T10:00:00Z");
        ShareLink link = new ShareLink(1, 1, null, null, false, null, "clinician", now, now.plusSeconds(86400), null,
                null, 0, null, List.of(1L, 2L));
        return PatientPageHtml.page(link, content, null, Optional.empty(), "/p/token", PatientText.of(FILES, patient));
    }

    private static String attribute(String page, String tag, String name) {
        Matcher m = Pattern.compile("<" + tag + "[^>]*? " + name + "=\"([^\"]*)\"").matcher(page);
        assertThat(m.find()).as(tag + " has " + name).isTrue();
        return m.group(1);
    }
}
