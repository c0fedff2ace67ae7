package com.ivpstudio.sharing;

import com.ivpstudio.cases.PatientCase;
import com.ivpstudio.language.UserFormats;
import com.ivpstudio.snapshots.SnapshotService;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Supplier;

/** The case page's patient links: share snapshots with the patient, see who opened what, revoke, extend. */
class SharingCasePanel extends Div {

    static final ZoneId ZONE = ZoneId.systemDefault();
    static final int EXTEND_DAYS = ShareRequest.DEFAULT_EXPIRY_DAYS;

    private final ShareLinkService links;
    private final PatientCase patient;
    private final Grid<ShareLink> grid = new Grid<>();
    private final Paragraph empty = new Paragraph();

    SharingCasePanel(ShareLinkService links, SharingSettingsService settings, SnapshotService snapshots,
            PatientAccessService access, ShareAddress address, PatientCase patient) {
        this.links = links;
        this.patient = patient;
        setId("share-links");
        addClassName("studio-panel");
        setWidthFull();
        empty.setText(getTranslation("sharing.panel.empty"));
        Button share = new Button(getTranslation("sharing.panel.share"), VaadinIcon.SHARE.create(),
                e -> new ShareLinkDialog(links, settings, snapshots, access, address, patient, this::refresh).open());
        share.setId("share-create");
        share.setTooltipText(getTranslation("sharing.panel.share.help"));
        share.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        grid.setId("share-link-grid");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.setAllRowsVisible(true);
        grid.addColumn(l -> l.createdBy() + " · " + when(getLocale(), l.createdAt()))
                .setHeader(getTranslation("sharing.column.created")).setFlexGrow(2);
        grid.addColumn(l -> getTranslation(l.hasPasscode() ? "sharing.panel.shares-passcode" : "sharing.panel.shares",
                l.snapshotIds().size())).setHeader(getTranslation("sharing.column.shares")).setFlexGrow(2);
        grid.addColumn(l -> when(getLocale(), l.expiresAt())).setHeader(getTranslation("sharing.column.expires"))
                .setFlexGrow(2);
        grid.addColumn(ShareLink::viewCount).setHeader(getTranslation("sharing.column.views")).setFlexGrow(0)
                .setWidth("80px");
        grid.addColumn(l -> l.lastOpenedAt() == null ? getTranslation("sharing.never") : when(getLocale(), l.lastOpenedAt()))
                .setHeader(getTranslation("sharing.column.last-opened")).setFlexGrow(2);
        grid.addColumn(l -> l.revokedBy() == null ? getTranslation(l.state(Instant.now()).labelKey())
                : getTranslation("sharing.state.revoked-by", l.revokedBy()))
                .setHeader(getTranslation("sharing.column.state")).setFlexGrow(1);
        grid.addComponentColumn(this::actions).setHeader("").setFlexGrow(3);
        HorizontalLayout top = new HorizontalLayout(new H3(getTranslation("sharing.panel.title")), share);
        top.setAlignItems(HorizontalLayout.Alignment.BASELINE);
        add(top, empty, grid);
        refresh();
    }

    private Component actions(ShareLink l) {
        HorizontalLayout h = new HorizontalLayout();
        if (l.state(Instant.now()) != ShareLink.State.REVOKED) {
            Button revoke = small(getTranslation("sharing.revoke"), VaadinIcon.BAN, () -> links.revoke(l.id()),
                    getTranslation("sharing.revoke.done"));
            revoke.setTooltipText(getTranslation("sharing.revoke.help"));
            revoke.addThemeVariants(ButtonVariant.LUMO_ERROR);
            revoke.addClassName("share-revoke");
            Button extend = small(getTranslation("sharing.extend", EXTEND_DAYS), VaadinIcon.CLOCK,
                    () -> links.extend(l.id(), EXTEND_DAYS), getTranslation("sharing.extend.done", EXTEND_DAYS));
            extend.setTooltipText(getTranslation("sharing.extend.help", EXTEND_DAYS));
            extend.addClassName("share-extend");
            h.add(revoke, extend);
        }
        return h;
    }

    private Button small(String label, VaadinIcon icon, Supplier<ShareLink> action, String done) {
        Button b = new Button(label, icon.create(), e -> {
            Outcome.show(action::get, done);
            refresh();
        });
        b.addThemeVariants(ButtonVariant.LUMO_SMALL);
        return b;
    }

    /** A date and time as the user's locale writes them (one format on every sharing screen). */
    static String when(java.util.Locale locale, Instant instant) {
        return UserFormats.dateTime(instant, ZONE, locale);
    }

    void refresh() {
        List<ShareLink> list = links.linksOf(patient.id());
        grid.setItems(list);
        grid.setVisible(!list.isEmpty());
        empty.setVisible(list.isEmpty());
    }
}
