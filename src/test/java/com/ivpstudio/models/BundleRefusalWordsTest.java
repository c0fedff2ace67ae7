package com.ivpstudio.models;

import static org.assertj.core.api.Assertions.assertThat;

import com.ivpstudio.language.TranslationFiles;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A refused bundle is explained to the administrator in their language, with the technical detail kept in it. */
class BundleRefusalWordsTest {

    private static final TranslationFiles FILES = new TranslationFiles();

    private static String in(Locale language, BundleRefusedException e) {
        return e.text((key, params) -> FILES.getTranslation(key, language, params));
    }

    @ParameterizedTest
    @EnumSource(RefusalReason.class)
    void everyReasonHasItsOwnSentenceInEnglishAndGerman(RefusalReason reason) {
        BundleRefusedException e = new BundleRefusedException(reason, "technical detail x.pt");
        assertThat(in(Locale.ENGLISH, e)).doesNotStartWith("admin.models").endsWith("the active model keeps serving.");
        assertThat(in(Locale.GERMAN, e)).doesNotStartWith("admin.models").endsWith("das aktive Modell arbeitet weiter.");
        if (reason != RefusalReason.STORAGE) {
            assertThat(in(Locale.GERMAN, e)).contains("technical detail x.pt");
        }
    }

    @Test
    void theLogAndTheAuditKeepTheEnglishMessageWhileTheScreenTranslatesIt() {
        BundleRefusedException e = BundleRefusedException.refused(RefusalReason.SHA256_MISMATCH,
                "sha256 mismatch: synthesis.pt");
        assertThat(e.getMessage()).isEqualTo("The bundle was refused: sha256 mismatch: synthesis.pt. Nothing was stored.");
        assertThat(in(Locale.GERMAN, e)).isEqualTo("Eine Datei weicht von ihrem Manifest ab: Sie wurde verändert oder "
                + "beschädigt (sha256 mismatch: synthesis.pt). Es wurde nichts gespeichert; das aktive Modell arbeitet weiter.");
    }

    @Test
    void anEmptyAndATooLargeUploadSayWhichItIs() {
        assertThat(in(Locale.GERMAN, BundleRefusedException.empty())).startsWith("Die Datei ist leer.");
        assertThat(in(Locale.GERMAN, BundleRefusedException.tooLarge("200 MB")))
                .startsWith("Die Datei ist größer als die Upload-Grenze von 200 MB.");
        assertThat(BundleRefusedException.empty().getMessage()).isEqualTo("The file is empty. Nothing was stored.");
    }
}
