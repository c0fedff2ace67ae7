package com.ivpstudio.sharing;

import com.ivpstudio.cases.CaseService;
import com.ivpstudio.cases.PatientCase;
import com.ivpstudio.common.UserFacingException;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.util.HashMap;
import java.util.Map;

/** Admin: every link a patient can open now, revoke one or all of a case, and the sharing settings. */
@Route("admin/sharing")
@RolesAllowed("ADMIN")
public class SharingAdminView extends VerticalLayout implements HasDynamicTitle {

    private final ShareLinkService links;
    private final SharingSettingsService settings;
    private final CaseService cases;
    private final Grid<ShareLink> active = new Grid<>();
    private final TextField practiceName = new TextField();
    private final TextField practiceContact = new TextField();
    private final IntegerField maxDays = new IntegerField();
    private final Checkbox keepIps = new Checkbox();
    private final IntegerField ipDays = new IntegerField();

    public SharingAdminView(ShareLinkService links, SharingSettingsService settings, CaseService cases) {
        this.links = links;
        this.settings = settings;
        this.cases = cases;
        setId("sharing-admin");
        add(new H2(getTranslation("sharing.admin.title")), new Paragraph(getTranslation("sharing.admin.intro")));
        add(new H3(getTranslation("sharing.admin.active")));
        active.setId("active-links");
        active.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        active.setAllRowsVisible(true);
        Map<Long, String> codes = new HashMap<>();
        active.addColumn(l -> codes.computeIfAbsent(l.caseId(), id -> cases.get(id).patientCode())).setHeader(getTranslation("sharing.column.case"));
        active.addColumn(l -> l.createdBy() + " · " + SharingCasePanel.when(getLocale(), l.createdAt()))
                .setHeader(getTranslation("sharing.column.created"));
        active.addColumn(l -> SharingCasePanel.when(getLocale(), l.expiresAt())).setHeader(getTranslation("sharing.column.expires"));
        active.addColumn(ShareLink::viewCount).setHeader(getTranslation("sharing.column.views"));
        active.addColumn(l -> l.lastOpenedAt() == null ? getTranslation("sharing.never")
                : SharingCasePanel.when(getLocale(), l.lastOpenedAt())).setHeader(getTranslation("sharing.column.last-opened"));
        active.addComponentColumn(l -> {
            Button b = new Button(getTranslation("sharing.revoke"), VaadinIcon.BAN.create(),
                    e -> act(() -> links.revoke(l.id()), getTranslation("sharing.revoke.done")));
            b.setTooltipText(getTranslation("sharing.revoke.help"));
            b.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
            return b;
        });
        add(active, revokeAllOfACase(), settingsForm());
        refresh();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("sharing.admin.page-title");
    }

    private HorizontalLayout revokeAllOfACase() {
        TextField code = new TextField(getTranslation("sharing.admin.code"));
        code.setId("revoke-case-code");
        code.setHelperText(getTranslation("sharing.admin.code.help"));
        Button all = new Button(getTranslation("sharing.admin.revoke-all"), VaadinIcon.BAN.create(), e -> act(() -> {
            PatientCase c = cases.findByCode(code.getValue().strip())
                    .orElseThrow(() -> UserFacingException.withKey("sharing.admin.no-such-case"));
            int n = links.revokeAllOf(c.id());
            Notification.show(getTranslation("sharing.admin.revoked-count", n), 3000,
                    Notification.Position.BOTTOM_START);
        }, null));
        all.setId("revoke-case");
        all.addThemeVariants(ButtonVariant.LUMO_ERROR);
        HorizontalLayout h = new HorizontalLayout(code, all);
        h.setAlignItems(Alignment.BASELINE);
        return h;
    }

    private VerticalLayout settingsForm() {
        SharingSettings s = settings.get();
        practiceName.setLabel(getTranslation("sharing.settings.practice-name"));
        practiceName.setHelperText(getTranslation("sharing.settings.practice-name.help"));
        practiceContact.setLabel(getTranslation("sharing.settings.practice-contact"));
        practiceContact.setHelperText(getTranslation("sharing.settings.practice-contact.help"));
        maxDays.setLabel(getTranslation("sharing.settings.max-days"));
        maxDays.setHelperText(getTranslation("sharing.settings.max-days.help"));
        keepIps.setLabel(getTranslation("sharing.settings.keep-ips"));
        keepIps.setTooltipText(getTranslation("sharing.settings.keep-ips.help"));
        ipDays.setLabel(getTranslation("sharing.settings.ip-days"));
        ipDays.setHelperText(getTranslation("sharing.settings.ip-days.help"));
        practiceName.setValue(s.practiceName());
        practiceName.setId("practice-name");
        practiceContact.setValue(s.practiceContact());
        practiceContact.setId("practice-contact");
        practiceName.setWidth("min(480px, 100%)");
        practiceContact.setWidth("min(480px, 100%)");
        maxDays.setValue(s.maxExpiryDays());
        maxDays.setMin(1);
        maxDays.setMax(SharingSettings.MAX_EXPIRY_LIMIT);
        maxDays.setId("max-expiry-days");
        maxDays.setWidth("18em");
        ipDays.setWidth("18em");
        keepIps.setValue(s.keepClientIps());
        keepIps.setId("keep-ips");
        ipDays.setValue(s.ipRetentionDays());
        ipDays.setMin(1);
        ipDays.setMax(SharingSettings.MAX_IP_RETENTION);
        ipDays.setEnabled(s.keepClientIps());
        keepIps.addValueChangeListener(e -> ipDays.setEnabled(e.getValue()));
        Button save = new Button(getTranslation("sharing.settings.save"), e -> act(() -> settings.save(new SharingSettings(practiceName.getValue(),
                practiceContact.getValue(), maxDays.getValue() == null ? 0 : maxDays.getValue(), keepIps.getValue(),
                ipDays.getValue() == null ? 0 : ipDays.getValue())), getTranslation("sharing.settings.saved")));
        save.setId("save-sharing-settings");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        VerticalLayout v = new VerticalLayout(new H3(getTranslation("sharing.settings.title")), practiceName, practiceContact, maxDays, keepIps, ipDays,
                save);
        v.setPadding(false);
        return v;
    }

    private void act(Runnable action, String done) {
        Outcome.show(action, done);
        refresh();
    }

    private void refresh() {
        active.setItems(links.activeLinks());
    }
}
