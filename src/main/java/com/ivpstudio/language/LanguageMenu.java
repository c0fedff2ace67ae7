package com.ivpstudio.language;

import com.ivpstudio.common.UserFacingException;
import com.ivpstudio.shell.HeaderItem;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.contextmenu.MenuItem;
import com.vaadin.flow.component.contextmenu.SubMenu;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.menubar.MenuBarVariant;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.spring.security.AuthenticationContext;
import java.util.Locale;

/**
 * The profile menu's language choice in the header: each language named in its own words, the current one ticked.
 * A choice is stored with the user account and applies at once (the screen reloads in the new language) and at
 * every later sign-in.
 */
@org.springframework.stereotype.Component
class LanguageMenu implements HeaderItem {

    private final AuthenticationContext authentication;
    private final LanguageChoiceService choices;

    LanguageMenu(AuthenticationContext authentication, LanguageChoiceService choices) {
        this.authentication = authentication;
        this.choices = choices;
    }

    @Override
    public Component create() {
        MenuBar menu = new MenuBar();
        menu.setId("language-menu");
        menu.addThemeVariants(MenuBarVariant.LUMO_TERTIARY);
        Locale current = UI.getCurrent().getLocale();
        Span label = new Span(VaadinIcon.GLOBE.create(), new Span(menu.getTranslation(current, "language.name")));
        label.getStyle().set("display", "inline-flex").set("align-items", "center").set("gap", "var(--lumo-space-xs)");
        MenuItem top = menu.addItem(label);
        top.setId("language-menu-current");
        menu.setTooltipText(top, menu.getTranslation("language.menu.help"));
        top.setAriaLabel(menu.getTranslation("language.menu.label"));
        SubMenu languages = top.getSubMenu();
        for (Locale offered : LanguageChoiceService.offered()) {
            MenuItem item = languages.addItem(menu.getTranslation(offered, "language.name"), e -> choose(menu, offered));
            item.setId("language-" + offered.getLanguage());
            item.setCheckable(true);
            item.setChecked(offered.getLanguage().equals(current.getLanguage()));
        }
        return menu;
    }

    private void choose(MenuBar menu, Locale language) {
        String user = authentication.getPrincipalName().orElse(null);
        try {
            if (user == null) {
                throw UserFacingException.withKey("language.error.no-account");
            }
            choices.choose(user, language);
        } catch (UserFacingException e) {
            Notification n = Notification.show(e.text((key, params) -> menu.getTranslation(key, params)), 6000,
                    Notification.Position.TOP_CENTER);
            n.addThemeVariants(NotificationVariant.LUMO_ERROR);
            return;
        }
        UI ui = UI.getCurrent();
        ui.getSession().setLocale(language);
        // A reload builds every text of the screen again in the new language, including the parts that were drawn
        // once (navigation, dialogs); the choice is stored, so the reloaded screen starts in it.
        ui.getPage().reload();
    }
}
