package com.ivpstudio.admin;

import com.ivpstudio.language.UserFormats;
import com.ivpstudio.security.Role;
import com.ivpstudio.security.UserAccount;
import com.ivpstudio.security.UserAccountService;
import com.ivpstudio.common.UserFacingException;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** Users and their roles: create, disable and re-enable, change roles, reset a password (shown once). */
@Route("admin/users")
@RolesAllowed("ADMIN")
public class UsersView extends VerticalLayout implements HasDynamicTitle {

    private final UserAccountService users;
    private final Grid<UserAccount> grid = new Grid<>();

    public UsersView(UserAccountService users) {
        this.users = users;
        setSizeFull();
        addClassName("users-view");

        Button create = new Button(getTranslation("studiotools.users.new"), VaadinIcon.PLUS.create(),
                e -> openCreateDialog());
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setId("new-user");
        HorizontalLayout top = new HorizontalLayout(new H2(getTranslation("studiotools.users.title")), create);
        top.setWidthFull();
        top.setAlignItems(Alignment.BASELINE);
        top.expand(top.getComponentAt(0));

        grid.addColumn(UserAccount::username).setHeader(getTranslation("studiotools.users.user")).setAutoWidth(true);
        grid.addColumn(u -> u.roles().stream().map(this::roleName).sorted().collect(Collectors.joining(", ")))
                .setHeader(getTranslation("studiotools.users.roles"));
        grid.addComponentColumn(this::state).setHeader(getTranslation("studiotools.users.state")).setAutoWidth(true);
        grid.addColumn(u -> UserFormats.dateTime(u.createdAt(), ZoneId.systemDefault(), getLocale()))
                .setHeader(getTranslation("studiotools.users.created")).setAutoWidth(true);
        grid.addComponentColumn(this::actions).setHeader("").setAutoWidth(true).setFlexGrow(0);
        grid.setId("users-grid");
        add(top, grid);
        expand(grid);
        refresh();
    }

    private void refresh() {
        grid.setItems(users.list());
    }

    @Override
    public String getPageTitle() {
        return getTranslation("studiotools.users.page.title");
    }

    private String roleName(Role r) {
        return getTranslation(r == Role.ADMIN ? "studiotools.users.role.admin" : "studiotools.users.role.clinician");
    }

    private Span state(UserAccount u) {
        boolean locked = u.isLockedAt(Instant.now());
        Span s = new Span(!u.enabled() ? getTranslation("studiotools.users.disabled") : locked
                ? getTranslation("studiotools.users.locked", UserFormats.dateTime(u.lockedUntil(), ZoneId.systemDefault(),
                        getLocale()))
                : getTranslation("studiotools.users.active"));
        s.getElement().getThemeList().add(!u.enabled() ? "badge contrast" : locked ? "badge error" : "badge success");
        return s;
    }

    private HorizontalLayout actions(UserAccount u) {
        Button toggle = new Button(getTranslation(u.enabled() ? "studiotools.users.disable" : "studiotools.users.enable"),
                e -> act(() -> {
            if (u.enabled()) {
                users.disable(u.id());
            } else {
                users.enable(u.id());
            }
        }));
        toggle.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        Button roles = new Button(getTranslation("studiotools.users.roles"), e -> openRolesDialog(u));
        roles.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        Button unlock = new Button(getTranslation("studiotools.users.unlock"), VaadinIcon.UNLOCK.create(),
                e -> act(() -> {
                    users.unlock(u.id());
                    Notification.show(getTranslation("studiotools.users.unlocked", u.username()), 4000,
                            Notification.Position.TOP_CENTER).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                }));
        unlock.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_PRIMARY);
        unlock.getElement().setAttribute("data-user", u.username());
        unlock.addClassName("unlock-user");
        unlock.setTooltipText(getTranslation("studiotools.users.unlock.tooltip"));
        unlock.setVisible(u.isLockedAt(Instant.now()));
        Button reset = new Button(getTranslation("studiotools.users.reset"), e -> {
            ConfirmDialog confirm = new ConfirmDialog(getTranslation("studiotools.users.reset.question", u.username()),
                    getTranslation("studiotools.users.reset.explain"), getTranslation("studiotools.users.reset.confirm"),
                    ev -> act(() -> showPassword(u.username(), users.resetPassword(u.id()))));
            confirm.setCancelable(true);
            confirm.open();
        });
        reset.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        return new HorizontalLayout(unlock, toggle, roles, reset);
    }

    private void openCreateDialog() {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("studiotools.users.new"));
        TextField name = new TextField(getTranslation("studiotools.users.name"));
        name.setId("new-user-name");
        CheckboxGroup<Role> roles = roleChoice(EnumSet.of(Role.CLINICIAN));
        Paragraph error = new Paragraph();
        error.addClassName("form-error");
        dialog.add(new VerticalLayout(name, roles, error));
        Button save = new Button(getTranslation("studiotools.users.create"), e -> {
            try {
                String password = users.create(name.getValue(), roles.getValue());
                dialog.close();
                refresh();
                showPassword(name.getValue().trim(), password);
            } catch (UserFacingException ex) {
                error.setText(ex.getMessage());
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("new-user-save");
        dialog.getFooter().add(new Button(getTranslation("studiotools.cancel"), e -> dialog.close()), save);
        dialog.open();
    }

    private void openRolesDialog(UserAccount u) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("studiotools.users.roles.of", u.username()));
        CheckboxGroup<Role> roles = roleChoice(u.roles());
        dialog.add(roles);
        Button save = new Button(getTranslation("studiotools.save.button"), e -> act(() -> {
            users.setRoles(u.id(), roles.getValue());
            dialog.close();
        }));
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button(getTranslation("studiotools.cancel"), e -> dialog.close()), save);
        dialog.open();
    }

    private CheckboxGroup<Role> roleChoice(Set<Role> selected) {
        CheckboxGroup<Role> roles = new CheckboxGroup<>(getTranslation("studiotools.users.roles"));
        roles.setItems(Role.values());
        roles.setItemLabelGenerator(r -> getTranslation(r == Role.ADMIN ? "studiotools.users.role.admin.long"
                : "studiotools.users.role.clinician.long"));
        roles.setValue(selected.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(selected));
        return roles;
    }

    private void showPassword(String username, String password) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("studiotools.users.password.of", username));
        Span value = new Span(password);
        value.addClassName("one-time-password");
        value.setId("one-time-password");
        dialog.add(new Div(new Paragraph(getTranslation("studiotools.users.password.once", username)), value));
        dialog.getFooter().add(new Button(getTranslation("studiotools.users.done"), e -> dialog.close()));
        dialog.open();
    }

    private void act(Runnable action) {
        try {
            action.run();
            refresh();
        } catch (UserFacingException e) {
            Notification.show(e.getMessage(), 5000, Notification.Position.TOP_CENTER).addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
    }
}
