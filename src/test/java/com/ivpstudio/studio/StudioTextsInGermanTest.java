package com.ivpstudio.studio;

import static org.assertj.core.api.Assertions.assertThat;

import com.ivpstudio.closeness.Words;
import com.ivpstudio.images.Photo;
import com.ivpstudio.images.PhotoKind;
import com.ivpstudio.inference.BundleInfo;
import com.ivpstudio.inference.NudgeMeasurement;
import com.ivpstudio.inference.ViewKind;
import com.ivpstudio.language.TranslationFiles;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasText;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Paragraph;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The studio's badge, model line, no-model notice and nudge caution speak German to a German user. */
class StudioTextsInGermanTest {

    private static final TranslationFiles FILES = new TranslationFiles();
    private static final Words GERMAN = (key, params) -> FILES.getTranslation(key, Locale.GERMAN, params);
    private static final Words ENGLISH = (key, params) -> FILES.getTranslation(key, Locale.ENGLISH, params);

    private static BundleInfo bundle(boolean synthetic) {
        return measured(synthetic, null);
    }

    private static BundleInfo measured(boolean synthetic, NudgeMeasurement nudge) {
        return new BundleInfo("demo", "Demo model", "2.1.0", "0123456789abcdef".repeat(4), null, synthetic, "demo",
                "cpu", 8, 64, 4, 0.7, 1, 0.1, ViewKind.ALL, null, null, nudge);
    }

    @Test
    void theSimulatedBadgeIsGerman() {
        assertThat(StudioUi.simulatedBadge(GERMAN).getText()).isEqualTo("Simuliert");
        assertThat(StudioUi.simulatedBadge(ENGLISH).getText()).isEqualTo("Simulated");
    }

    @Test
    void theModelLineIsGermanAndNamesThePhantomTraining() {
        assertThat(StudioUi.modelLine(bundle(true), GERMAN))
                .isEqualTo("Modell: Demo model 2.1.0 (mit synthetischen Phantomdaten trainiert) · 0123456789ab");
        assertThat(StudioUi.modelLine(bundle(false), GERMAN)).isEqualTo("Modell: Demo model 2.1.0 · 0123456789ab");
        assertThat(StudioUi.modelLine(bundle(true), ENGLISH))
                .isEqualTo("Model: Demo model 2.1.0 (trained on synthetic phantom data) · 0123456789ab");
    }

    @Test
    void aPhotoIsNamedWithItsGermanKindAndAGermanDate() {
        Photo p = new Photo(1, 1, PhotoKind.FRONT, "initial", LocalDate.of(2025, 1, 13), "image/jpeg", "a", 1, 800, 480,
                true, "clinician", Instant.EPOCH);
        assertThat(StudioUi.photoLabel(p, GERMAN, Locale.GERMAN)).isEqualTo("Frontal · initial · 13.01.2025");
        assertThat(StudioUi.photoLabel(p, ENGLISH, Locale.ENGLISH)).isEqualTo("Front · initial · Jan 13, 2025");
    }

    @Test
    void theNoModelNoticeIsGermanForAdministratorsAndOthers() {
        Component admin = StudioUi.noModelNotice(true, GERMAN);
        assertThat(texts(admin)).contains("Es ist kein Vorhersagemodell aktiv").contains("Modellverwaltung")
                .contains("Modellverwaltung öffnen").doesNotContain("No prediction", "Open model");
        assertThat(texts(StudioUi.noModelNotice(false, GERMAN))).contains("Bitten Sie eine Administratorin")
                .doesNotContain("Modellverwaltung öffnen");
    }

    @Test
    void theNudgeCautionIsShortAndKeepsTheActiveModelsNumbersUnderDetails() {
        CautionNote note = CautionNote.nudge("nudge-caution", GERMAN, measured(true, new NudgeMeasurement(90, 0.0127,
                -0.0206)));
        String plain = note.getChildren().flatMap(StudioTextsInGermanTest::descendants)
                .filter(Paragraph.class::isInstance).map(c -> ((Paragraph) c).getText()).findFirst().orElseThrow();
        assertThat(plain).startsWith("Eine Veranschaulichung").contains("keine Vorhersage für diesen Patienten")
                .doesNotContain("1,3");
        Details measured = descendants(note).filter(Details.class::isInstance).map(Details.class::cast).findFirst()
                .orElseThrow();
        assertThat(measured.getSummaryText()).isEqualTo("Wie das gemessen wurde");
        assertThat(texts(measured)).contains("Demo model 2.1.0").contains("90 neuen Phantom-Patienten")
                .contains("in Pixeln 1,3 % näher heran").contains("Bildmerkmalen des Modells 2,1 % weiter weg");
        assertThat(note.hasClassName("caution-note")).isTrue();
    }

    @Test
    void aModelWithoutAMeasurementOfItsNudgeSaysSoInsteadOfBorrowingNumbers() {
        assertThat(sentence(bundle(true)))
                .isEqualTo("The bundle of Demo model 2.1.0 reports no such measurement on new patients: how well its "
                        + "nudge predicts a real result is unknown.");
        assertThat(sentence(measured(true, new NudgeMeasurement(40, 0.2, 0.05))))
                .contains("on 40 new phantom patients").contains("in pixels, 20.0 % closer")
                .contains("image features, 5.0 % closer");
    }

    @Test
    void aRegeneratedSnapshotsVerdictAndAgreementAreGermanWithGermanNumbers() {
        assertThat(GERMAN.get("studio.snapshot.regenerated.identical", "ivp-demo-phantom 0.2.2 (0123456789ab)", 4))
                .isEqualTo("Neu erzeugt mit ivp-demo-phantom 0.2.2 (0123456789ab): Alle 4 Bilder sind "
                        + "byte-identisch mit den gespeicherten.");
        assertThat(GERMAN.get("studio.snapshot.regenerated.agreement", 0.98123, 34.25))
                .isEqualTo("SSIM 0,981 \u00b7 PSNR 34,2 dB im Vergleich mit dem gespeicherten Bild");
        assertThat(ENGLISH.get("studio.snapshot.regenerated.identical", "m", 4)).contains("all 4 images are byte-identical");
    }

    @Test
    void theZeroShotWarningAndTheNudgeCautionLookTheSame() {
        CautionNote text = new CautionNote("zero-shot-warning", GERMAN.get("studiotools.text.zero.shot"));
        CautionNote nudge = CautionNote.nudge("nudge-caution", GERMAN, bundle(true));
        assertThat(text.getClassNames()).isEqualTo(nudge.getClassNames());
    }

    private static String sentence(BundleInfo b) {
        return CautionNote.measuredSentence(ENGLISH, b.name(), b.version(), b.nudgeMeasured());
    }

    private static Stream<Component> descendants(Component c) {
        return Stream.concat(Stream.of(c), c.getChildren().flatMap(StudioTextsInGermanTest::descendants));
    }

    private static String texts(Component root) {
        List<String> out = descendants(root).map(c -> c instanceof Anchor a ? a.getText()
                : c instanceof Details d ? d.getSummaryText()
                : c instanceof HasText t ? t.getText() : "").filter(s -> !s.isEmpty()).toList();
        return out.stream().collect(Collectors.joining(" | "));
    }
}
