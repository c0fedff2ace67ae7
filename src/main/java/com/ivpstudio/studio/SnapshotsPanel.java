package com.ivpstudio.studio;

import com.ivpstudio.cases.PatientCase;
import com.ivpstudio.images.PhotoService;
import com.ivpstudio.language.UserFormats;
import com.ivpstudio.snapshots.Snapshot;
import com.ivpstudio.snapshots.SnapshotExports;
import com.ivpstudio.snapshots.SnapshotRegeneration;
import com.ivpstudio.snapshots.SnapshotService;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import com.vaadin.flow.shared.Registration;
import java.io.ByteArrayInputStream;
import java.time.ZoneId;
import java.util.List;
import java.util.function.LongFunction;

/** The case page's list of saved snapshots: open (stored images, byte-identical), export PNG or ZIP. */
class SnapshotsPanel extends Div {

    private final SnapshotService snapshots;
    private final SnapshotExports exports;
    private final SnapshotRegeneration regeneration;
    private final PhotoService photoService;
    private final PatientCase patient;
    private final Grid<Snapshot> grid = new Grid<>();
    private final Paragraph empty = new Paragraph();
    private Registration saved;

    SnapshotsPanel(SnapshotService snapshots, SnapshotExports exports, SnapshotRegeneration regeneration,
            PhotoService photoService, PatientCase patient) {
        this.snapshots = snapshots;
        this.exports = exports;
        this.regeneration = regeneration;
        this.photoService = photoService;
        this.patient = patient;
        addClassName("studio-panel");
        setId("snapshots");
        setWidthFull();
        empty.setText(getTranslation("casepage.snapshots.empty"));
        empty.addClassName("studio-empty");
        grid.setId("snapshot-grid");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.setAllRowsVisible(true);
        grid.addColumn(Snapshot::title).setHeader(getTranslation("casepage.snapshots.title-column")).setFlexGrow(3)
                .setAutoWidth(false).setWidth("12em");
        grid.addColumn(s -> getTranslation("casepage.snapshots.what", s.kind().label(), s.operation(), s.imageCount()))
                .setHeader(getTranslation("casepage.snapshots.what-column")).setFlexGrow(2).setWidth("10em");
        grid.addColumn(s -> s.bundleId() + " " + s.bundleVersion() + " · " + s.bundleSha256().substring(0, 10))
                .setHeader(getTranslation("casepage.snapshots.model-column")).setFlexGrow(2).setWidth("10em");
        grid.addColumn(s -> s.createdBy() + " · " + UserFormats.dateTime(s.createdAt(), ZoneId.systemDefault(),
                getLocale())).setHeader(getTranslation("casepage.snapshots.saved-column")).setFlexGrow(2).setWidth("10em");
        // Frozen to the right edge: on a phone the other columns scroll sideways, the buttons stay in reach.
        grid.addComponentColumn(this::actions).setHeader("").setFlexGrow(0).setAutoWidth(true).setFrozenToEnd(true);
        add(new H3(getTranslation("casepage.snapshots")), empty, grid);
        refresh();
    }

    private HorizontalLayout actions(Snapshot s) {
        Button open = new Button(getTranslation("casepage.snapshots.open"), VaadinIcon.EYE.create(),
                e -> new SnapshotDialog(snapshots, exports, regeneration, photoService, patient, s).open());
        open.addThemeVariants(ButtonVariant.LUMO_SMALL);
        open.addClassName("snapshot-open");
        HorizontalLayout h = new HorizontalLayout(open, export(s.id(), "PNG", id -> exports.png(id, this::getTranslation)),
                export(s.id(), "ZIP", exports::zip));
        h.setSpacing(false);
        h.addClassName("snapshot-actions");
        return h;
    }

    static Anchor export(long id, String label, LongFunction<SnapshotExports.Export> exporter) {
        Anchor a = new Anchor(DownloadHandler.fromInputStream(e -> {
            SnapshotExports.Export x = exporter.apply(id);
            return new DownloadResponse(new ByteArrayInputStream(x.bytes()), x.fileName(), x.contentType(),
                    x.bytes().length);
        }), "");
        a.getElement().setAttribute("download", true);
        a.addClassName("snapshot-export-" + label.toLowerCase(java.util.Locale.ROOT));
        Button b = new Button(label, VaadinIcon.DOWNLOAD.create());
        b.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        b.getElement().setAttribute("aria-label", "Export as " + label);
        b.getElement().setAttribute("tabindex", "-1");
        a.add(b);
        return a;
    }

    void refresh() {
        List<Snapshot> list = snapshots.snapshotsOf(patient.id());
        grid.setItems(list);
        grid.setVisible(!list.isEmpty());
        empty.setVisible(list.isEmpty());
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        saved = ComponentUtil.addListener(attachEvent.getUI(), SnapshotSavedEvent.class, e -> {
            if (e.caseId() == patient.id()) {
                refresh();
            }
        });
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        if (saved != null) {
            saved.remove();
        }
        super.onDetach(detachEvent);
    }
}
