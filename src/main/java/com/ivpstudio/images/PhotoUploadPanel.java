package com.ivpstudio.images;

import com.ivpstudio.common.UserFacingException;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.server.streams.UploadEvent;
import java.io.InputStream;
import java.time.LocalDate;

/**
 * Drag-and-drop upload of one or more photos into a case. The byte limit is enforced on the server while reading
 * (the browser's limit is only a courtesy); everything else is the sanitiser's job. Each stored photo is announced
 * with {@link CasePhotosChangedEvent} so that the whole case page follows.
 */
public class PhotoUploadPanel extends Div {

    private final Select<PhotoKind> kind = new Select<>();
    private final TextField label = new TextField();
    private final DatePicker capturedOn = new DatePicker();
    private final Div messages = new Div();

    public PhotoUploadPanel(long caseId, PhotoService photos, PhotoLimits limits) {
        addClassName("photo-upload-panel");
        String username = photos.currentUsername();

        kind.setLabel(getTranslation("casepage.upload.view"));
        kind.setItems(PhotoKind.values());
        kind.setItemLabelGenerator(k -> getTranslation(k.translationKey()));
        kind.setValue(PhotoKind.FRONT);
        kind.setId("upload-kind");
        label.setLabel(getTranslation("casepage.upload.label"));
        label.setValue("initial");
        label.setMaxLength(60);
        label.setId("upload-label");
        label.setHelperText(getTranslation("casepage.upload.label.help"));
        capturedOn.setLabel(getTranslation("casepage.upload.date"));
        capturedOn.setValue(LocalDate.now());
        capturedOn.setMax(LocalDate.now());
        capturedOn.setId("upload-date");

        Upload upload = new Upload((UploadEvent event) -> receive(event, caseId, photos, username));
        upload.setAcceptedFileTypes("image/jpeg", "image/png", ".jpg", ".jpeg", ".png");
        upload.setMaxFileSize((int) Math.min(Integer.MAX_VALUE, limits.maxBytes()));
        upload.setMaxFiles(20);
        upload.setDropAllowed(true);
        upload.setId("photo-upload");
        upload.addFileRejectedListener(e -> message(e.getErrorMessage(), "upload-error"));
        upload.addAllFinishedListener(e -> upload.clearFileList());

        HorizontalLayout fields = new HorizontalLayout(kind, label, capturedOn);
        fields.setAlignItems(FlexComponent.Alignment.BASELINE);
        fields.setWrap(true);
        messages.addClassName("upload-messages");
        messages.setId("upload-messages");
        // Read by screen readers as each file is stored or refused.
        messages.getElement().setAttribute("role", "status");
        Span hint = new Span(getTranslation("casepage.upload.hint", limits.maxBytes() / (1024 * 1024),
                Photo.USABLE_SHORT_SIDE));
        hint.addClassName("hint");
        add(fields, upload, hint, messages);
    }

    private void receive(UploadEvent event, long caseId, PhotoService photos, String username) {
        UI ui = event.getUI();
        PhotoDetails details = new PhotoDetails(kind.getValue() == null ? PhotoKind.FRONT : kind.getValue(),
                label.getValue(), capturedOn.getValue(), false);
        String fileName = safeName(event.getFileName());
        try {
            Photo stored;
            try (InputStream in = event.getInputStream()) {
                stored = photos.upload(caseId, details, in, username);
            }
            ui.access(() -> {
                message(getTranslation("casepage.upload.stored", fileName, getTranslation(stored.kind().translationKey()),
                        stored.width(), stored.height()), "upload-ok");
                if (stored.isSmall()) {
                    message(smallPhotoWarning(stored), "upload-warning");
                }
                CasePhotosChangedEvent.fire(ui, caseId);
            });
        } catch (UserFacingException e) {
            ui.access(() -> message(fileName + ": " + e.text(this::getTranslation), "upload-error"));
        } catch (java.io.IOException e) {
            ui.access(() -> message(getTranslation("casepage.upload.interrupted", fileName), "upload-error"));
        }
    }

    private String smallPhotoWarning(Photo p) {
        return getTranslation("casepage.upload.small", p.width(), p.height(), Photo.USABLE_SHORT_SIDE);
    }

    private void message(String text, String kindOfMessage) {
        Span line = new Span(text);
        line.addClassName(kindOfMessage);
        messages.addComponentAsFirst(line);
        if (!"upload-ok".equals(kindOfMessage)) {
            Notification n = Notification.show(text, 8000, Notification.Position.BOTTOM_START);
            n.addThemeVariants("upload-error".equals(kindOfMessage) ? NotificationVariant.LUMO_ERROR
                    : NotificationVariant.LUMO_WARNING);
        }
    }

    /** File names are shown back to the uploader only; keep them short and printable. */
    private static String safeName(String name) {
        if (name == null || name.isBlank()) {
            return "file";
        }
        String clean = name.replaceAll("[^\\p{L}\\p{N}._ -]", "_");
        return clean.length() > 60 ? clean.substring(0, 60) + "…" : clean;
    }
}
