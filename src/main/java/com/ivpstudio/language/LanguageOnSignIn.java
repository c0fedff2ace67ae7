package com.ivpstudio.language;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.spring.security.AuthenticationContext;
import org.springframework.stereotype.Component;

/**
 * Applies the signed-in user's chosen language to every new screen, before its view is built. Without a choice the
 * locale stays the one Vaadin negotiated from the browser's Accept-Language against the shipped languages.
 */
@Component
class LanguageOnSignIn implements VaadinServiceInitListener {

    private final AuthenticationContext authentication;
    private final LanguageChoiceService choices;

    LanguageOnSignIn(AuthenticationContext authentication, LanguageChoiceService choices) {
        this.authentication = authentication;
        this.choices = choices;
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(init -> apply(init.getUI()));
    }

    private void apply(UI ui) {
        authentication.getPrincipalName().flatMap(choices::choiceOf).ifPresent(locale -> {
            ui.getSession().setLocale(locale);
            ui.setLocale(locale);
        });
    }
}
