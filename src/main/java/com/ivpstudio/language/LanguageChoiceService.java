package com.ivpstudio.language;

import com.ivpstudio.common.UserFacingException;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The screen language of a user account: chosen in the profile menu, applied at every sign-in. Only shipped
 * languages can be chosen; without a choice the browser's language decides.
 */
@Service
public class LanguageChoiceService {

    private final LanguageChoiceRepository choices;

    LanguageChoiceService(LanguageChoiceRepository choices) {
        this.choices = choices;
    }

    public Optional<Locale> choiceOf(String username) {
        return choices.find(username).flatMap(LanguageChoiceService::shipped);
    }

    public void choose(String username, Locale locale) {
        Locale language = Optional.ofNullable(locale).flatMap(l -> shipped(l.getLanguage()))
                .orElseThrow(() -> UserFacingException.withKey("language.error.not-offered"));
        if (!choices.save(username, language.getLanguage())) {
            throw UserFacingException.withKey("language.error.no-account");
        }
    }

    /** The languages a user can choose, in menu order. */
    public static java.util.List<Locale> offered() {
        return Translations.SHIPPED;
    }

    private static Optional<Locale> shipped(String language) {
        return Translations.SHIPPED.stream().filter(l -> l.getLanguage().equals(language)).findFirst();
    }
}
