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
import java.util.List;

/**
 * The frame of every signed-in screen: app name, navigation drawer, the user and sign-out. An anonymous visitor
 * who reaches a screen in it (an error screen) sees the app name and a sign-in link only, never the staff frame.
 */
@Layout
@AnonymousAllowed
public class MainLayout extends AppLayout {

    public MainLayout(AuthenticationContext authentication, List<NavigationEntry> entries) {
        addClassName("main-layout");
        setPrimarySection(Section.DRAWER);

        Span appName = new Span("IVP Studio");
        appName.addClassName("app-name");
        Span subtitle = new Span("Intraoral view prediction");
        subtitle.addClassName("app-subtitle");
        Div brand = new Div(appName, subtitle);
        brand.addClassName("brand");

        if (!authentication.isAuthenticated()) {
            Anchor signIn = new Anchor("login", "Sign in");
            signIn.addClassName("sign-in-link");
            addToNavbar(brand, signIn);
            return;
        }
        SideNav nav = new SideNav();
        nav.addClassName("main-nav");
        boolean admin = authentication.hasRole("ADMIN");
        entries.stream()
                .filter(e -> admin || !e.adminOnly())
                .sorted(java.util.Comparator.comparingInt(NavigationEntry::order))
                .forEach(e -> nav.addItem(new SideNavItem(e.label(), e.path(), e.icon().create())));
        addToDrawer(brand, nav);

        Span user = new Span(authentication.getPrincipalName().orElse(""));
        user.addClassName("current-user");
        Button signOut = new Button("Sign out", VaadinIcon.SIGN_OUT.create(), e -> authentication.logout());
        signOut.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        signOut.setId("sign-out");
        HorizontalLayout right = new HorizontalLayout(VaadinIcon.USER.create(), user, signOut);
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
}
