package com.ivpstudio.sharing;

import com.ivpstudio.cases.PatientCase;
import com.ivpstudio.common.UserFacingException;
import com.ivpstudio.snapshots.Snapshot;
import com.ivpstudio.snapshots.SnapshotService;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.checkbox.CheckboxGroupVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.server.VaadinServletRequest;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import java.io.ByteArrayInputStream;
import java.util.List;

/**
 * Creates a patient link from chosen snapshots of a case, then shows it once — with a copy button, its QR code and
 * the printable handout — since only the token's hash is kept.
 */
class ShareLinkDialog extends Dialog {

    private final ShareLinkService links;
    private final PatientAccessService access;
    private final ShareAddress address;
    private final Runnable created;
    private final CheckboxGroup<Snapshot> chosen = new CheckboxGroup<>("Snapshots to share");
    private final IntegerField days = new IntegerField("Expires after (days)");
    private final PasswordField passcode = new PasswordField("Passcode (optional)");
    private final TextField title = new TextField("Title for the patient (optional)");
    private final TextArea message = new TextArea("Message to the patient (optional)");
    private final Checkbox showCode = new Checkbox("Show the patient code on the page");
    private final Span error = new Span();

    ShareLinkDialog(ShareLinkService links, SharingSettingsService settings, SnapshotService snapshots,
            PatientAccessService access, ShareAddress address, PatientCase patient, Runnable created) {
        this.links = links;
        this.access = access;
        this.address = address;
        this.created = created;
        setId("share-dialog");
        setHeaderTitle("Share with the patient");
        setWidth("min(600px, 96vw)");
        List<Snapshot> list = snapshots.snapshotsOf(patient.id());
        chosen.setItems(list);
        chosen.setItemLabelGenerator(s -> s.title() + " · " + s.kind().label() + " · " + s.imageCount() + " images");
        chosen.addThemeVariants(CheckboxGroupVariant.LUMO_VERTICAL);
        chosen.setId("share-snapshots");
        int max = settings.get().maxExpiryDays();
        days.setValue(Math.min(ShareRequest.DEFAULT_EXPIRY_DAYS, max));
        days.setMin(1);
        days.setMax(max);
        days.setStepButtonsVisible(true);
        days.setHelperText("At most " + max + " days (set by the admin).");
        days.setId("share-days");
        passcode.setId("share-passcode");
        passcode.setHelperText("Tell it to the patient separately. " + ShareRequest.MIN_PASSCODE + " to "
                + ShareRequest.MAX_PASSCODE + " characters.");
        title.setId("share-title");
        title.setMaxLength(ShareRequest.MAX_TITLE);
        title.setPlaceholder("Your treatment preview");
        message.setId("share-message");
        message.setMaxLength(ShareRequest.MAX_MESSAGE);
        showCode.setId("share-show-code");
        error.addClassName("share-error");
        error.getStyle().set("color", "var(--lumo-error-text-color)");
        Paragraph hint = new Paragraph("The patient sees only these snapshots, the notice that they are simulated, "
                + "your practice's name and contact and your message: never the name, birth year or other snapshots.");
        hint.addClassName("hint");
        VerticalLayout form = new VerticalLayout(list.isEmpty()
                ? new Paragraph("This case has no snapshots yet: save one from the studio first.") : chosen,
                days, passcode, title, message, showCode, hint, error);
        form.setPadding(false);
        title.setWidthFull();
        message.setWidthFull();
        add(form);
        Button create = new Button("Create link", VaadinIcon.LINK.create(), e -> create(patient));
        create.setId("share-confirm");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setEnabled(!list.isEmpty());
        getFooter().add(new Button("Cancel", e -> close()), create);
    }

    private void create(PatientCase patient) {
        CreatedLink link;
        try {
            link = links.create(new ShareRequest(patient.id(), chosen.getSelectedItems().stream()
                    .sorted((a, b) -> Long.compare(a.createdAt().toEpochMilli(), b.createdAt().toEpochMilli()))
                    .map(Snapshot::id).toList(),
                    days.getValue() == null ? 0 : days.getValue(), passcode.getValue(), title.getValue(),
                    message.getValue(), showCode.getValue()));
        } catch (UserFacingException ex) {
            error.setText(ex.getMessage());
            return;
        }
        created.run();
        showResult(link);
    }

    private void showResult(CreatedLink created) {
        String url = address.linkFor(created.token(), VaadinServletRequest.getCurrent().getHttpServletRequest());
        removeAll();
        getFooter().removeAll();
        setHeaderTitle("Link ready");
        TextField field = new TextField("Link for the patient");
        field.setId("share-url");
        field.setValue(url);
        field.setReadOnly(true);
        field.setWidthFull();
        Button copy = new Button("Copy", VaadinIcon.COPY.create(), e -> {
            UI.getCurrent().getPage().executeJs("return navigator.clipboard.writeText($0)", url);
            e.getSource().setText("Copied");
        });
        copy.setId("share-copy");
        HorizontalLayout row = new HorizontalLayout(field, copy);
        row.setWidthFull();
        row.setAlignItems(HorizontalLayout.Alignment.BASELINE);
        byte[] qr = QrCode.png(url, 240);
        Image code = new Image(DownloadHandler.fromInputStream(e -> new DownloadResponse(new ByteArrayInputStream(qr),
                "link-qr.png", "image/png", qr.length)), "QR code of the link");
        code.setId("share-qr");
        code.setWidth("240px");
        code.setHeight("240px");
        ShareLink link = created.link();
        Anchor handout = new Anchor(DownloadHandler.fromInputStream(e -> {
            byte[] pdf = access.handout(link, url);
            return new DownloadResponse(new ByteArrayInputStream(pdf), "treatment-preview.pdf", "application/pdf",
                    pdf.length);
        }), "Printable handout (PDF)");
        handout.setId("share-handout");
        handout.getElement().setAttribute("download", true);
        Paragraph once = new Paragraph("This link is shown only now: IVP Studio keeps no copy of it. Copy it, let the "
                + "patient scan the code, or print the handout. It expires on " + SharingCasePanel.TIME.format(link.expiresAt())
                + (link.hasPasscode() ? " and asks for the passcode." : "."));
        once.addClassName("hint");
        add(new VerticalLayout(row, code, handout, once));
        Button done = new Button("Done", e -> close());
        done.setId("share-done");
        getFooter().add(done);
    }
}
