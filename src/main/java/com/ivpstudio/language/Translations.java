package com.ivpstudio.language;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Every user-visible text, read from {@code classpath:i18n/<feature>.properties} (English, the fallback) and
 * {@code i18n/<feature>_<language>.properties}. One file per feature so that features add their words without
 * touching a shared file; a translation is a set of files. Keys start with the feature's name. Free of Vaadin, so
 * services that word something outside a screen (the patient page, its handout) use it; screens reach the same
 * texts through Vaadin's {@code getTranslation} ({@link TranslationFiles}).
 */
@Component
public class Translations {

    public static final Locale FALLBACK = Locale.ENGLISH;
    /** The languages the app ships, in menu order. */
    public static final List<Locale> SHIPPED = List.of(Locale.ENGLISH, Locale.GERMAN);
    private static final Pattern FILE_NAME = Pattern.compile("([a-z0-9-]+?)(?:_([a-z]{2}))?\\.properties");

    private final Map<String, Properties> byLanguage;

    public Translations() {
        this(loadAll("classpath*:i18n/*.properties"));
    }

    Translations(Map<String, Properties> byLanguage) {
        this.byLanguage = byLanguage;
    }

    /** The text of {@code key} in {@code locale}'s language (English where it has none), parameters formatted in it. */
    public String translate(String key, Locale locale, Object... params) {
        String pattern = find(key, locale);
        if (pattern == null) {
            // Visible on purpose: a missing key must show up in a screenshot, not pass as plausible text.
            return "!" + key + "!";
        }
        if (params == null || params.length == 0) {
            return pattern;
        }
        return new MessageFormat(pattern, locale == null ? FALLBACK : locale).format(params);
    }

    /** The language's keys, for the completeness test. */
    Map<String, Properties> languages() {
        return byLanguage;
    }

    private String find(String key, Locale locale) {
        if (locale != null) {
            Properties own = byLanguage.get(locale.getLanguage());
            if (own != null && own.containsKey(key)) {
                return own.getProperty(key);
            }
        }
        Properties fallback = byLanguage.get(FALLBACK.getLanguage());
        return fallback == null ? null : fallback.getProperty(key);
    }

    static Map<String, Properties> loadAll(String locationPattern) {
        Map<String, Properties> languages = new HashMap<>();
        try {
            for (Resource file : new PathMatchingResourcePatternResolver().getResources(locationPattern)) {
                Matcher name = FILE_NAME.matcher(String.valueOf(file.getFilename()));
                if (!name.matches()) {
                    throw new IllegalStateException("translation file name not understood: " + file.getFilename());
                }
                String language = name.group(2) == null ? FALLBACK.getLanguage() : name.group(2);
                Properties target = languages.computeIfAbsent(language, l -> new Properties());
                Properties read = new Properties();
                try (InputStream in = file.getInputStream()) {
                    read.load(new InputStreamReader(in, StandardCharsets.UTF_8));
                }
                for (String key : read.stringPropertyNames()) {
                    if (target.containsKey(key)) {
                        throw new IllegalStateException("translation key defined twice: " + key);
                    }
                    target.setProperty(key, read.getProperty(key));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return languages;
    }
}
