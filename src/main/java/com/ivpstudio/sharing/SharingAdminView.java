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
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.util.HashMap;
import java.util.Map;

/** Admin: every link a patient can open now, revoke one or all of a case, and the sharing settings. */
@Route("admin/sharing")
@PageTitle("Patient links · IVP Studio")
@RolesAllowed("ADMIN")
public class SharingAdminView extends VerticalLayout {

    private final ShareLinkService links;
    private final SharingSettingsService settings;
    private final CaseService cases;
    private final Grid<ShareLink> active = new Grid<>();
    private final TextField practiceName = new TextField("Practice name");
    private final TextField practiceContact = new TextField("Practice contact (phone, e-mail, address)");
    private final IntegerField maxDays = new IntegerField("Maximum link lifetime (days)");
    private final Checkbox keepIps = new Checkbox("Keep the address of clients that open a link");
    private final IntegerField ipDays = new IntegerField("Keep addresses for (days)");

    public SharingAdminView(ShareLinkService links, SharingSettingsService settings, CaseService cases) {
        this.links = links;
        this.settings = settings;
        this.cases = cases;
        setId("sharing-admin");
        add(new H2("Patient links"), new Paragraph("Links let patients open chosen snapshots on a phone without an "
                + "account. Every open is audited with its time and a coarse client (browser family, phone or desktop)."));
        add(new H3("Active links"));
        active.setId("active-links");
        active.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        active.setAllRowsVisible(true);
        Map<Long, String> codes = new HashMap<>();
        active.addColumn(l -> codes.computeIfAbsent(l.caseId(), id -> cases.get(id).patientCode())).setHeader("Case");
        active.addColumn(l -> l.createdBy() + " · " + SharingCasePanel.TIME.format(l.createdAt())).setHeader("Created");
        active.addColumn(l -> SharingCasePanel.TIME.format(l.expiresAt())).setHeader("Expires");
        active.addColumn(ShareLink::viewCount).setHeader("Views");
        active.addColumn(l -> l.lastOpenedAt() == null ? "never" : SharingCasePanel.TIME.format(l.lastOpenedAt()))
                .setHeader("Last opened");
        active.addComponentColumn(l -> {
            Button b = new Button("Revoke", VaadinIcon.BAN.create(), e -> act(() -> links.revoke(l.id()), "Link revoked."));
            b.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
            return b;
        });
        add(active, revokeAllOfACase(), settingsForm());
        refresh();
    }

    private HorizontalLayout revokeAllOfACase() {
        TextField code = new TextField("Patient code");
        code.setId("revoke-case-code");
        Button all = new Button("Revoke all links of this case", VaadinIcon.BAN.create(), e -> act(() -> {
            PatientCase c = cases.findByCode(code.getValue().strip())
                    .orElseThrow(() -> new UserFacingException("No case has this patient code."));
            int n = links.revokeAllOf(c.id());
            Notification.show(n + " link" + (n == 1 ? "" : "s") + " revoked.", 3000, Notification.Position.BOTTOM_START);
        }, null));
        all.setId("revoke-case");
        all.addThemeVariants(ButtonVariant.LUMO_ERROR);
        HorizontalLayout h = new HorizontalLayout(code, all);
        h.setAlignItems(Alignment.BASELINE);
        return h;
    }

    private VerticalLayout settingsForm() {
        SharingSettings s = settings.get();
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
        Button save = new Button("Save settings", e -> act(() -> settings.save(new SharingSettings(practiceName.getValue(),
                practiceContact.getValue(), maxDays.getValue() == null ? 0 : maxDays.getValue(), keepIps.getValue(),
                ipDays.getValue() == null ? 0 : ipDays.getValue())), "Settings saved."));
        save.setId("save-sharing-settings");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        VerticalLayout v = new VerticalLayout(new H3("Settings"), practiceName, practiceContact, maxDays, keepIps, ipDays,
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
