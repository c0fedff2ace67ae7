package com.ivpstudio.language;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Properties;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class TranslationFilesTest {

    private final TranslationFiles files = new TranslationFiles();

    @Test
    void everyShippedLanguageHasExactlyTheEnglishKeys() {
        Properties english = files.languages().get("en");
        for (Locale shipped : TranslationFiles.SHIPPED) {
            Properties language = files.languages().get(shipped.getLanguage());
            assertThat(language).as(shipped.getLanguage()).isNotNull();
            assertThat(new TreeSet<>(language.stringPropertyNames()))
                    .as("keys of " + shipped.getLanguage())
                    .isEqualTo(new TreeSet<>(english.stringPropertyNames()));
        }
    }

    @Test
    void germanTextIsServedForGermanAndEnglishForOtherLanguages() {
        assertThat(files.getTranslation("language.name", Locale.GERMANY)).isEqualTo("Deutsch");
        assertThat(files.getTranslation("language.name", Locale.FRENCH)).isEqualTo("English");
    }

    @Test
    void aMissingKeyIsVisibleRatherThanBlank() {
        assertThat(files.getTranslation("no.such.key", Locale.ENGLISH)).isEqualTo("!no.such.key!");
    }

    @Test
    void parametersAreFormattedInTheUsersLocale() {
        TranslationFiles withNumber = new TranslationFiles(java.util.Map.of("en", props("n", "{0,number,#,##0.0}"),
                "de", props("n", "{0,number,#,##0.0}")));
        assertThat(withNumber.getTranslation("n", Locale.GERMAN, 1234.5)).isEqualTo("1.234,5");
        assertThat(withNumber.getTranslation("n", Locale.ENGLISH, 1234.5)).isEqualTo("1,234.5");
    }

    private static Properties props(String key, String value) {
        Properties p = new Properties();
        p.setProperty(key, value);
        return p;
    }
}
