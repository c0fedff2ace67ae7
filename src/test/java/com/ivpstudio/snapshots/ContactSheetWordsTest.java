package com.ivpstudio.snapshots;

import static org.assertj.core.api.Assertions.assertThat;

import com.ivpstudio.language.TranslationFiles;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The PNG contact sheet's own words follow the reader's language; the model's name and hash stay as they are. */
class ContactSheetWordsTest {

    private static final TranslationFiles FILES = new TranslationFiles();

    @Test
    void theHeadingSaysSimulatedInTheReadersLanguage() {
        Snapshot s = new Snapshot(1, 2, "Nudge", SnapshotKind.STRIP, "nudge", "ivp-demo-phantom", "0.1.2",
                "618d540a553a2d3cd5791aef42048110b349e4bd82d2cb0c7c00ea37976a1f46", "{}", 4, "clinician", Instant.EPOCH);
        assertThat(SnapshotExports.header(s, (k, p) -> FILES.getTranslation(k, Locale.GERMAN, p)))
                .isEqualTo("Nudge · SIMULIERT · Modell ivp-demo-phantom 618d540a553a");
        assertThat(SnapshotExports.header(s, (k, p) -> FILES.getTranslation(k, Locale.ENGLISH, p)))
                .isEqualTo("Nudge · SIMULATED · model ivp-demo-phantom 618d540a553a");
        assertThat(FILES.getTranslation("studiotools.sheet.front", Locale.GERMAN)).isEqualTo("Frontalfoto (echt, die Eingabe)");
    }
}
