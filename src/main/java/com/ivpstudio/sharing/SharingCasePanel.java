package com.ivpstudio.sharing;

import com.ivpstudio.cases.PatientCase;
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
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Supplier;

/** The case page's patient links: share snapshots with the patient, see who opened what, revoke, extend. */
class SharingCasePanel extends Div {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());
    static final int EXTEND_DAYS = ShareRequest.DEFAULT_EXPIRY_DAYS;

    private final ShareLinkService links;
    private final PatientCase patient;
    private final Grid<ShareLink> grid = new Grid<>();
    private final Paragraph empty = new Paragraph("No patient links yet. Share saved snapshots with the patient: "
            + "they open them on a phone without an account, only until the link expires or you revoke it.");

    SharingCasePanel(ShareLinkService links, SharingSettingsService settings, SnapshotService snapshots,
            PatientAccessService access, ShareAddress address, PatientCase patient) {
        this.links = links;
        this.patient = patient;
        setId("share-links");
        addClassName("studio-panel");
        setWidthFull();
        Button share = new Button("Share with the patient", VaadinIcon.SHARE.create(),
                e -> new ShareLinkDialog(links, settings, snapshots, access, address, patient, this::refresh).open());
        share.setId("share-create");
        share.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        grid.setId("share-link-grid");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.setAllRowsVisible(true);
        grid.addColumn(l -> l.createdBy() + " · " + TIME.format(l.createdAt())).setHeader("Created").setFlexGrow(2);
        grid.addColumn(l -> l.snapshotIds().size() + " snapshot" + (l.snapshotIds().size() == 1 ? "" : "s")
                + (l.hasPasscode() ? " · passcode" : "")).setHeader("Shares").setFlexGrow(2);
        grid.addColumn(l -> TIME.format(l.expiresAt())).setHeader("Expires").setFlexGrow(2);
        grid.addColumn(ShareLink::viewCount).setHeader("Views").setFlexGrow(0).setWidth("80px");
        grid.addColumn(l -> l.lastOpenedAt() == null ? "never" : TIME.format(l.lastOpenedAt())).setHeader("Last opened")
                .setFlexGrow(2);
        grid.addColumn(l -> l.state(Instant.now()).label() + (l.revokedBy() == null ? "" : " by " + l.revokedBy()))
                .setHeader("State").setFlexGrow(1);
        grid.addComponentColumn(this::actions).setHeader("").setFlexGrow(3);
        HorizontalLayout top = new HorizontalLayout(new H3("Patient links"), share);
        top.setAlignItems(HorizontalLayout.Alignment.BASELINE);
        add(top, empty, grid);
        refresh();
    }

    private Component actions(ShareLink l) {
        HorizontalLayout h = new HorizontalLayout();
        if (l.state(Instant.now()) != ShareLink.State.REVOKED) {
            Button revoke = small("Revoke", VaadinIcon.BAN, () -> links.revoke(l.id()), "Link revoked: it opens nothing now.");
            revoke.addThemeVariants(ButtonVariant.LUMO_ERROR);
            revoke.addClassName("share-revoke");
            Button extend = small("Extend " + EXTEND_DAYS + " days", VaadinIcon.CLOCK, () -> links.extend(l.id(), EXTEND_DAYS),
                    "Link extended by " + EXTEND_DAYS + " days.");
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

    void refresh() {
        List<ShareLink> list = links.linksOf(patient.id());
        grid.setItems(list);
        grid.setVisible(!list.isEmpty());
        empty.setVisible(list.isEmpty());
    }
}
