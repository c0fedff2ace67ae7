package com.ivpstudio.shell;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import com.vaadin.flow.spring.security.AuthenticationContext;
import java.util.Comparator;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The frame of every signed-in screen: app name, navigation drawer, the user and sign-out. An anonymous visitor
 * who reaches a screen in it (an error screen) sees the app name and a sign-in link only, never the staff frame.
 * Features add header items (the language menu) as {@link HeaderItem} beans.
 */
@Layout
@AnonymousAllowed
public class MainLayout extends AppLayout {

    public MainLayout(AuthenticationContext authentication, List<NavigationEntry> entries,
            ObjectProvider<HeaderItem> headerItems) {
        addClassName("main-layout");
        setPrimarySection(Section.DRAWER);

        Span appName = new Span(getTranslation("shell.app-name"));
        appName.addClassName("app-name");
        Span subtitle = new Span(getTranslation("shell.app-subtitle"));
        subtitle.addClassName("app-subtitle");
        Div brand = new Div(appName, subtitle);
        brand.addClassName("brand");

        if (!authentication.isAuthenticated()) {
            Anchor signIn = new Anchor("login", getTranslation("shell.sign-in"));
            signIn.addClassName("sign-in-link");
            addToNavbar(brand, signIn);
            return;
        }
        SideNav nav = new SideNav();
        nav.addClassName("main-nav");
        boolean admin = authentication.hasRole("ADMIN");
        entries.stream()
                .filter(e -> admin || !e.adminOnly())
                .sorted(Comparator.comparingInt(NavigationEntry::order))
                .forEach(e -> nav.addItem(new SideNavItem(label(e), e.path(), e.icon().create())));
        addToDrawer(brand, nav);

        Span user = new Span(authentication.getPrincipalName().orElse(""));
        user.addClassName("current-user");
        Button signOut = new Button(getTranslation("shell.sign-out"), VaadinIcon.SIGN_OUT.create(),
                e -> authentication.logout());
        signOut.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        signOut.setId("sign-out");
        signOut.setTooltipText(getTranslation("shell.sign-out.help"));
        HorizontalLayout right = new HorizontalLayout();
        headerItems.orderedStream().map(HeaderItem::create).forEach(right::add);
        right.add(VaadinIcon.USER.create(), user, signOut);
        right.setAlignItems(FlexComponent.Alignment.CENTER);
        right.addClassName("header-user");

        HorizontalLayout header = new HorizontalLayout(new DrawerToggle(), right);
        header.setWidthFull();
        header.setAlignItems(FlexComponent.Alignment.CENTER);
        header.expand(right);
        right.getStyle().set("justify-content", "flex-end");
        header.addClassName("main-header");
        addToNavbar(header);
    }

    private String label(NavigationEntry entry) {
        return getTranslation(entry.labelKey());
    }
}
