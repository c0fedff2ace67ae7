package com.ivpstudio.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.ivpstudio.closeness.Words;
import com.ivpstudio.inference.bundle.ValidationReport.Check;
import com.ivpstudio.language.TranslationFiles;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** "Check the stored files again" sums up a failure in the administrator's language, naming the check plainly. */
class RevalidateSummaryTest {

    private static final TranslationFiles FILES = new TranslationFiles();
    private static final Words GERMAN = (key, params) -> FILES.getTranslation(key, Locale.GERMAN, params);

    @Test
    void aFailedRecheckIsSummedUpInGermanWithThePlainNameOfTheFirstFailedCheck() {
        List<Check> checks = List.of(new Check("manifest", true, "read"),
                new Check("file mapping.pt", false, "sha256 differs (manifest abc, actual def)"),
                new Check("golden mapping.pt b4", false, "max |diff| 0.3"));
        String failed = ModelsView.firstFailedCheck(checks, GERMAN);
        assertThat(failed).isEqualTo("Datei vollständig und unverändert: mapping.pt");
        assertThat(GERMAN.get("admin.models.revalidate.failed-check", "demo 2.1.0", failed)).isEqualTo(
                "demo 2.1.0 hat die Prüfung „Datei vollständig und unverändert: mapping.pt“ nicht erneut bestanden. "
                        + "Die Liste unten zeigt jede Prüfung.");
    }

    @Test
    void anUnknownCheckIsCalledAFurtherCheck() {
        assertThat(ModelsView.firstFailedCheck(List.of(new Check("something new", false, "x")), GERMAN))
                .isEqualTo("Weitere Prüfung");
    }
}
