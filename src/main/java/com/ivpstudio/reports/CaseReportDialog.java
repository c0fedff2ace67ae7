package com.ivpstudio.reports;

import com.ivpstudio.cases.PatientCase;
import com.ivpstudio.images.Photo;
import com.ivpstudio.language.TranslationFiles;
import com.ivpstudio.language.UserFormats;
import com.ivpstudio.snapshots.Snapshot;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import java.io.ByteArrayInputStream;
import java.time.ZoneId;
import java.util.List;

/**
 * Chooses what goes into the case report and downloads it: predicted views or a saved snapshot, the real photos
 * beside them, the progress over time, and whether the patient's name is printed (off by default).
 */
class CaseReportDialog extends Dialog {

    private static final String PREDICTED = "predicted";
    private static final String SNAPSHOT = "snapshot";

    private final PatientCase patient;
    private final Checkbox showName = new Checkbox();
    private final RadioButtonGroup<String> content = new RadioButtonGroup<>();
    private final Select<Photo> front = new Select<>();
    private final Select<Snapshot> snapshot = new Select<>();
    private final Checkbox realViews = new Checkbox();
    private final Checkbox progress = new Checkbox();
    private final IntegerField seed = new IntegerField();
    private final NumberField psi = new NumberField();
    private final Anchor download;
    /** The choices as last made on screen; the download runs outside the UI lock and reads only this. */
    private volatile CaseReportOptions chosen;
    private volatile ZoneId zone = ZoneId.systemDefault();

    CaseReportDialog(CaseReportService reports, TranslationFiles files, PatientCase patient) {
        this.patient = patient;
        ReportChoices choices = reports.choices(patient.id());
        setId("report-dialog");
        setHeaderTitle(getTranslation("reports.dialog.title", patient.patientCode()));
        setWidth("min(40em, 100vw)");

        Paragraph intro = new Paragraph(getTranslation("reports.dialog.intro"));
        intro.addClassName("hint");
        VerticalLayout body = new VerticalLayout(intro);
        body.setPadding(false);

        if (patient.displayName() != null) {
            showName.setLabel(getTranslation("reports.dialog.show-name"));
            showName.setHelperText(getTranslation("reports.dialog.show-name.help", patient.patientCode()));
            showName.setId("report-show-name");
            body.add(showName);
        }

        content.setLabel(getTranslation("reports.dialog.content"));
        content.setId("report-content");
        content.setItems(PREDICTED, SNAPSHOT);
        content.setItemLabelGenerator(v -> getTranslation("reports.dialog.content." + v));
        content.setItemEnabledProvider(v -> PREDICTED.equals(v) ? choices.canPredict() : !choices.snapshots().isEmpty());
        content.setValue(choices.canPredict() || choices.snapshots().isEmpty() ? PREDICTED : SNAPSHOT);

        front.setLabel(getTranslation("reports.dialog.front"));
        front.setHelperText(getTranslation("reports.dialog.front.help"));
        front.setId("report-front");
        front.setWidthFull();
        front.setItems(choices.fronts());
        front.setItemLabelGenerator(p -> p.label() + " · " + UserFormats.date(p.capturedOn(), getLocale()));
        if (!choices.fronts().isEmpty()) {
            front.setValue(choices.fronts().get(choices.fronts().size() - 1));
        }
        snapshot.setLabel(getTranslation("reports.dialog.snapshot"));
        snapshot.setId("report-snapshot");
        snapshot.setWidthFull();
        snapshot.setItems(choices.snapshots());
        snapshot.setItemLabelGenerator(s -> s.title() + " · " + UserFormats.date(s.createdAt(), zone, getLocale()));
        if (!choices.snapshots().isEmpty()) {
            snapshot.setValue(choices.snapshots().get(0));
        }
        body.add(content, front, snapshot);

        realViews.setLabel(getTranslation("reports.dialog.real-views"));
        realViews.setHelperText(getTranslation("reports.dialog.real-views.help"));
        realViews.setId("report-real-views");
        realViews.setValue(choices.hasRealViews());
        realViews.setVisible(choices.hasRealViews());
        progress.setLabel(getTranslation("reports.dialog.progress"));
        progress.setHelperText(getTranslation("reports.dialog.progress.help"));
        progress.setId("report-progress");
        progress.setVisible(choices.hasProgress() && choices.defaultPsi() != null);
        body.add(realViews, progress);

        seed.setLabel(getTranslation("reports.dialog.seed"));
        seed.setHelperText(getTranslation("reports.dialog.seed.help"));
        seed.setId("report-seed");
        seed.setMin(0);
        seed.setValue(0);
        psi.setLabel(getTranslation("reports.dialog.psi"));
        psi.setHelperText(getTranslation("reports.dialog.psi.help"));
        psi.setId("report-psi");
        psi.setMin(0);
        psi.setMax(2);
        psi.setStep(0.1);
        psi.setValue(choices.defaultPsi());
        HorizontalLayout advancedFields = new HorizontalLayout(seed, psi);
        advancedFields.setWrap(true);
        Details advanced = new Details(getTranslation("reports.dialog.advanced"), advancedFields);
        advanced.setId("report-advanced");
        body.add(advanced);

        if (!choices.canPredict() && choices.snapshots().isEmpty()) {
            Paragraph nothing = new Paragraph(getTranslation(choices.defaultPsi() == null ? "reports.dialog.no-model"
                    : "reports.dialog.no-front"));
            nothing.setId("report-unavailable");
            nothing.addClassName("studio-empty");
            body.add(nothing);
        }
        add(body);

        download = new Anchor(DownloadHandler.fromInputStream(e -> {
            CaseReportOptions options = chosen;
            if (options == null) {
                throw new IllegalStateException("nothing chosen to print");
            }
            CaseReport report = reports.create(options, (key, params) -> files.getTranslation(key, options.locale(), params));
            return new DownloadResponse(new ByteArrayInputStream(report.pdf()), report.fileName(), "application/pdf",
                    report.pdf().length);
        }), "");
        download.getElement().setAttribute("download", true);
        download.setId("report-download");
        Button downloadButton = new Button(getTranslation("reports.dialog.download"), VaadinIcon.DOWNLOAD.create());
        downloadButton.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        // The link takes the focus and the key presses; the button inside is its look.
        downloadButton.getElement().setAttribute("tabindex", "-1");
        download.add(downloadButton);
        Button close = new Button(getTranslation("reports.dialog.close"), e -> close());
        close.setId("report-close");
        getFooter().add(close, download);

        List.of(showName, realViews, progress).forEach(c -> c.addValueChangeListener(e -> update()));
        content.addValueChangeListener(e -> update());
        front.addValueChangeListener(e -> update());
        snapshot.addValueChangeListener(e -> update());
        seed.addValueChangeListener(e -> update());
        psi.addValueChangeListener(e -> update());
        addOpenedChangeListener(e -> {
            if (e.isOpened()) {
                getUI().ifPresent(ui -> ui.getPage().retrieveExtendedClientDetails(d -> {
                    try {
                        zone = ZoneId.of(d.getTimeZoneId());
                    } catch (RuntimeException unknown) {
                        // the server's zone stays
                    }
                    update();
                }));
            }
        });
        update();
    }

    private void update() {
        boolean predicted = PREDICTED.equals(content.getValue());
        front.setVisible(predicted);
        snapshot.setVisible(!predicted);
        // ψ outside 0–2 is refused by the engine: the field shows it invalid and there is nothing to download
        boolean psiValid = psi.getValue() != null && psi.getValue() >= 0 && psi.getValue() <= 2;
        boolean possible = predicted ? front.getValue() != null && psiValid : snapshot.getValue() != null;
        download.setEnabled(possible);
        download.getElement().setAttribute("aria-disabled", Boolean.toString(!possible));
        chosen = !possible ? null : new CaseReportOptions(patient.id(), showName.getValue(),
                predicted ? front.getValue().id() : null, predicted ? null : snapshot.getValue().id(),
                seed.getValue() == null ? 0 : seed.getValue(), psi.getValue(),
                realViews.getValue(), progress.isVisible() && progress.getValue(), getLocale(), zone);
    }
}
