package com.ivpstudio.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.ivpstudio.closeness.Words;
import com.ivpstudio.language.TranslationFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The administrator reads every model bundle check by a plain name in their language, not the technical one. */
class CheckNamesTest {

    private static final TranslationFiles FILES = new TranslationFiles();
    private static final Words GERMAN = (key, params) -> FILES.getTranslation(key, Locale.GERMAN, params);
    private static final Words ENGLISH = (key, params) -> FILES.getTranslation(key, Locale.ENGLISH, params);

    @Test
    void checksNamedAfterAFileOrModuleSayWhatWasCheckedInGerman() {
        assertThat(CheckNames.plain("load mapping.pt", GERMAN)).isEqualTo("Modellteil lädt: mapping.pt");
        assertThat(CheckNames.plain("file golden/index.json", GERMAN))
                .isEqualTo("Datei vollständig und unverändert: golden/index.json");
        assertThat(CheckNames.plain("golden synthesis.pt b4", GERMAN))
                .isEqualTo("Selbsttest: synthesis.pt liefert das Referenzergebnis (4 auf einmal)");
        assertThat(CheckNames.plain("golden image_encoder.pt b1 uint8", GERMAN))
                .isEqualTo("Selbsttest mit Fotos wie gesendet: image_encoder.pt (1 auf einmal)");
        assertThat(CheckNames.plain("shape text_encoder.pt b4", ENGLISH))
                .isEqualTo("Output size as expected: text_encoder.pt (4 at once)");
        assertThat(CheckNames.plain("zip safety", GERMAN)).isEqualTo("Zip-Archiv kann sicher entpackt werden");
        assertThat(CheckNames.plain("manifest schema", ENGLISH)).isEqualTo("Description file complete and supported");
    }

    @Test
    void aCheckNobodyNamedYetIsAFurtherCheckNotATechnicalWord() {
        assertThat(CheckNames.plain("frobnicate", GERMAN)).isEqualTo("Weitere Prüfung");
        assertThat(CheckNames.plain("golden x.pt bfour", ENGLISH)).isEqualTo("Further check");
    }

    @Test
    void everyFixedCheckNameTheLoaderSelfTestAndUploadUseHasAPlainName() throws Exception {
        List<String> names = new ArrayList<>();
        Pattern literal = Pattern.compile("(?:report\\.(?:pass|fail)|UploadOutcome\\.Check)\\(\"([^\"]+)\",");
        for (String source : List.of("inference/bundle/BundleLoader.java", "inference/bundle/BundleSelfTest.java",
                "models/BundleUpload.java")) {
            Matcher m = literal.matcher(Files.readString(Path.of("src/main/java/com/ivpstudio", source)));
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        assertThat(names).hasSizeGreaterThan(15);
        for (String name : names) {
            for (Words words : List.of(GERMAN, ENGLISH)) {
                assertThat(CheckNames.plain(name, words)).as(name).isNotIn("Weitere Prüfung", "Further check")
                        .doesNotStartWith("admin.models.").isNotEqualTo(name);
            }
        }
    }
}
