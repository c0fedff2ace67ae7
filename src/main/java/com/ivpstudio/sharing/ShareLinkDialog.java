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
    private final CheckboxGroup<Snapshot> chosen = new CheckboxGroup<>();
    private final IntegerField days = new IntegerField();
    private final PasswordField passcode = new PasswordField();
    private final TextField title = new TextField();
    private final TextArea message = new TextArea();
    private final Checkbox showCode = new Checkbox();
    private final Span error = new Span();

    ShareLinkDialog(ShareLinkService links, SharingSettingsService settings, SnapshotService snapshots,
            PatientAccessService access, ShareAddress address, PatientCase patient, Runnable created) {
        this.links = links;
        this.access = access;
        this.address = address;
        this.created = created;
        setId("share-dialog");
        setHeaderTitle(getTranslation("sharing.dialog.title"));
        chosen.setLabel(getTranslation("sharing.dialog.snapshots"));
        days.setLabel(getTranslation("sharing.dialog.days"));
        passcode.setLabel(getTranslation("sharing.dialog.passcode"));
        title.setLabel(getTranslation("sharing.dialog.page-title"));
        title.setHelperText(getTranslation("sharing.dialog.page-title.help"));
        message.setLabel(getTranslation("sharing.dialog.message"));
        message.setHelperText(getTranslation("sharing.dialog.message.help"));
        showCode.setLabel(getTranslation("sharing.dialog.show-code"));
        showCode.setTooltipText(getTranslation("sharing.dialog.show-code.help"));
        setWidth("min(600px, 96vw)");
        List<Snapshot> list = snapshots.snapshotsOf(patient.id());
        chosen.setItems(list);
        chosen.setItemLabelGenerator(s -> getTranslation("sharing.dialog.snapshot-item", s.title(),
                getTranslation("sharing.kind." + s.kind().name().toLowerCase(java.util.Locale.ROOT)), s.imageCount()));
        chosen.addThemeVariants(CheckboxGroupVariant.LUMO_VERTICAL);
        chosen.setId("share-snapshots");
        int max = settings.get().maxExpiryDays();
        days.setValue(Math.min(ShareRequest.DEFAULT_EXPIRY_DAYS, max));
        days.setMin(1);
        days.setMax(max);
        days.setStepButtonsVisible(true);
        days.setHelperText(getTranslation("sharing.dialog.days.help", max));
        days.setId("share-days");
        passcode.setId("share-passcode");
        passcode.setHelperText(getTranslation("sharing.dialog.passcode.help", ShareRequest.MIN_PASSCODE,
                ShareRequest.MAX_PASSCODE));
        title.setId("share-title");
        title.setMaxLength(ShareRequest.MAX_TITLE);
        title.setPlaceholder(getTranslation("sharing.dialog.page-title.placeholder"));
        message.setId("share-message");
        message.setMaxLength(ShareRequest.MAX_MESSAGE);
        showCode.setId("share-show-code");
        error.addClassName("share-error");
        error.getStyle().set("color", "var(--lumo-error-text-color)");
        Paragraph hint = new Paragraph(getTranslation("sharing.dialog.hint"));
        hint.addClassName("hint");
        VerticalLayout form = new VerticalLayout(list.isEmpty()
                ? new Paragraph(getTranslation("sharing.dialog.no-snapshots")) : chosen,
                days, passcode, title, message, showCode, hint, error);
        form.setPadding(false);
        title.setWidthFull();
        message.setWidthFull();
        add(form);
        Button create = new Button(getTranslation("sharing.dialog.create"), VaadinIcon.LINK.create(),
                e -> create(patient));
        create.setId("share-confirm");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setEnabled(!list.isEmpty());
        getFooter().add(new Button(getTranslation("sharing.dialog.cancel"), e -> close()), create);
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
            error.setText(ex.text((key, params) -> getTranslation(key, params)));
            return;
        }
        created.run();
        showResult(link);
    }

    private void showResult(CreatedLink created) {
        String url = address.linkFor(created.token(), VaadinServletRequest.getCurrent().getHttpServletRequest());
        removeAll();
        getFooter().removeAll();
        setHeaderTitle(getTranslation("sharing.ready.title"));
        TextField field = new TextField(getTranslation("sharing.ready.link"));
        field.setId("share-url");
        field.setValue(url);
        field.setReadOnly(true);
        field.setWidthFull();
        Button copy = new Button(getTranslation("sharing.ready.copy"), VaadinIcon.COPY.create(), e -> {
            UI.getCurrent().getPage().executeJs("return navigator.clipboard.writeText($0)", url);
            e.getSource().setText(getTranslation("sharing.ready.copied"));
        });
        copy.setId("share-copy");
        HorizontalLayout row = new HorizontalLayout(field, copy);
        row.setWidthFull();
        row.setAlignItems(HorizontalLayout.Alignment.BASELINE);
        byte[] qr = QrCode.png(url, 240);
        Image code = new Image(DownloadHandler.fromInputStream(e -> new DownloadResponse(new ByteArrayInputStream(qr),
                "link-qr.png", "image/png", qr.length)), getTranslation("sharing.ready.qr-alt"));
        code.setId("share-qr");
        code.setWidth("240px");
        code.setHeight("240px");
        ShareLink link = created.link();
        Anchor handout = new Anchor(DownloadHandler.fromInputStream(e -> {
            byte[] pdf = access.handout(link, url, getLocale());
            return new DownloadResponse(new ByteArrayInputStream(pdf), "treatment-preview.pdf", "application/pdf",
                    pdf.length);
        }), getTranslation("sharing.ready.handout"));
        handout.setId("share-handout");
        handout.getElement().setAttribute("download", true);
        Paragraph once = new Paragraph(getTranslation(link.hasPasscode() ? "sharing.ready.once-passcode"
                : "sharing.ready.once", SharingCasePanel.when(getLocale(), link.expiresAt())));
        once.addClassName("hint");
        add(new VerticalLayout(row, code, handout, once));
        Button done = new Button(getTranslation("sharing.ready.done"), e -> close());
        done.setId("share-done");
        getFooter().add(done);
    }
}
