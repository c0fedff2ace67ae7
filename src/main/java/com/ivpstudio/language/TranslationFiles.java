package com.ivpstudio.language;

import com.vaadin.flow.i18n.I18NProvider;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.springframework.stereotype.Component;

/**
 * The app's I18NProvider: Vaadin's {@code getTranslation} on every screen reads the per-feature translation files
 * ({@link Translations}); a missing key renders as {@code !key!}.
 */
@Component
public class TranslationFiles implements I18NProvider {

    static final Locale FALLBACK = Translations.FALLBACK;
    static final List<Locale> SHIPPED = Translations.SHIPPED;

    private final Translations translations;

    public TranslationFiles() {
        this(new Translations());
    }

    TranslationFiles(Map<String, Properties> byLanguage) {
        this(new Translations(byLanguage));
    }

    @org.springframework.beans.factory.annotation.Autowired
    public TranslationFiles(Translations translations) {
        this.translations = translations;
    }

    @Override
    public List<Locale> getProvidedLocales() {
        return SHIPPED;
    }

    @Override
    public String getTranslation(String key, Locale locale, Object... params) {
        return translations.translate(key, locale, params);
    }

    /** The language's keys, for the completeness test. */
    Map<String, Properties> languages() {
        return translations.languages();
    }
}
