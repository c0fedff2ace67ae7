package com.ivpstudio.studio;

import static org.assertj.core.api.Assertions.assertThat;

import com.ivpstudio.closeness.Words;
import com.ivpstudio.inference.GeneratedImage;
import com.ivpstudio.inference.Provenance;
import com.ivpstudio.inference.ViewKind;
import com.ivpstudio.inference.render.ImageRenderer;
import com.ivpstudio.language.TranslationFiles;
import com.ivpstudio.snapshots.SnapshotImage;
import elemental.json.JsonArray;
import elemental.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** A strip's view names, in the player and in the labels saved with its snapshot, are in the user's language. */
class StripWordsTest {

    private static final TranslationFiles FILES = new TranslationFiles();
    private static final Words GERMAN = (key, params) -> FILES.getTranslation(key, Locale.GERMAN, params);
    private static final Words ENGLISH = (key, params) -> FILES.getTranslation(key, Locale.ENGLISH, params);
    private static final List<String> STEPS = List.of("α = 0.00", "α = 1.00");

    @Test
    void savedStripLabelsNameTheViewInGerman() {
        List<SnapshotImage> saved = StripResult.snapshotImages(strip(), STEPS, 0, GERMAN);
        assertThat(saved).extracting(SnapshotImage::label).containsExactly(
                "α = 0.00 · Bukkal links", "α = 0.00 · Bukkal rechts", "α = 0.00 · Okklusal Unterkiefer",
                "α = 0.00 · Okklusal Oberkiefer", "α = 1.00 · Bukkal links", "α = 1.00 · Bukkal rechts",
                "α = 1.00 · Okklusal Unterkiefer", "α = 1.00 · Okklusal Oberkiefer");
        assertThat(saved).extracting(SnapshotImage::position).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
    }

    @Test
    void savingOneStepLabelsItWithThatStep() {
        List<SnapshotImage> saved = StripResult.snapshotImages(strip().subList(4, 8), STEPS, 1, ENGLISH);
        assertThat(saved).extracting(SnapshotImage::label).containsExactly("α = 1.00 · Left buccal",
                "α = 1.00 · Right buccal", "α = 1.00 · Lower occlusal", "α = 1.00 · Upper occlusal");
    }

    @Test
    void thePlayerShowsGermanViewNamesAndAltTexts() {
        JsonArray frames = StudioUi.frames(strip(), STEPS, step -> null, GERMAN);
        JsonObject left = frames.getObject(1).getArray("images").getObject(0);
        assertThat(left.getString("label")).isEqualTo("Bukkal links · P-7");
        assertThat(left.getString("alt")).isEqualTo("Simulierte Ansicht (Bukkal links) von P-7, α = 1.00");
        assertThat(StudioUi.viewLabel("front", GERMAN)).isEqualTo("Frontal");
        assertThat(StudioUi.viewLabel((String) null, GERMAN)).isEqualTo("Bild");
    }

    @Test
    void aSavedStripShowsItsViewNamesInTheReadersLanguage() {
        JsonArray frames = SnapshotDialog.frames(StripResult.snapshotImages(strip(), STEPS, 0, ENGLISH), GERMAN);
        assertThat(frames.getObject(0).getString("label")).isEqualTo("α = 0.00");
        JsonObject right = frames.getObject(0).getArray("images").getObject(1);
        assertThat(right.getString("label")).isEqualTo("Bukkal rechts · P-7");
        assertThat(right.getString("alt")).isEqualTo("Simulierte Ansicht (Bukkal rechts) von P-7, α = 0.00");
    }

    /** Two steps of the four views, in engine order (step-major, views in class order). */
    private static List<GeneratedImage> strip() {
        List<GeneratedImage> images = new ArrayList<>();
        for (int s = 0; s < STEPS.size(); s++) {
            for (ViewKind v : ViewKind.ALL) {
                Provenance p = new Provenance("id", "1.0.0", "a".repeat(64), "alpha", List.of("photo:1"),
                        v.manifestName(), 3L, null, 1.0, (double) s, null, null, null, "P-7", ImageRenderer.VERSION);
                images.add(new GeneratedImage(v, new byte[] {1}, 4, 4, new byte[48], 4, p));
            }
        }
        return images;
    }
}
