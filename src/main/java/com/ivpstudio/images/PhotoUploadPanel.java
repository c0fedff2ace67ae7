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
import java.util.function.Consumer;

/**
 * Drag-and-drop upload of one or more photos into a case. The byte limit is enforced on the server while reading
 * (the browser's limit is only a courtesy); everything else is the sanitiser's job.
 */
public class PhotoUploadPanel extends Div {

    private final Select<PhotoKind> kind = new Select<>();
    private final TextField label = new TextField("Label");
    private final DatePicker capturedOn = new DatePicker("Capture date");
    private final Div messages = new Div();

    public PhotoUploadPanel(long caseId, PhotoService photos, PhotoLimits limits, Consumer<Photo> onStored) {
        addClassName("photo-upload-panel");
        String username = photos.currentUsername();

        kind.setLabel("View");
        kind.setItems(PhotoKind.values());
        kind.setItemLabelGenerator(PhotoKind::label);
        kind.setValue(PhotoKind.FRONT);
        kind.setId("upload-kind");
        label.setValue("initial");
        label.setMaxLength(60);
        label.setId("upload-label");
        label.setHelperText("e.g. initial, month 3");
        capturedOn.setValue(LocalDate.now());
        capturedOn.setMax(LocalDate.now());
        capturedOn.setId("upload-date");

        Upload upload = new Upload((UploadEvent event) -> receive(event, caseId, photos, username, onStored));
        upload.setAcceptedFileTypes("image/jpeg", "image/png", ".jpg", ".jpeg", ".png");
        upload.setMaxFileSize((int) Math.min(Integer.MAX_VALUE, limits.maxBytes()));
        upload.setMaxFiles(20);
        upload.setDropAllowed(true);
        upload.setId("photo-upload");
        upload.addFileRejectedListener(e -> message(e.getErrorMessage(), true));
        upload.addAllFinishedListener(e -> upload.clearFileList());

        HorizontalLayout fields = new HorizontalLayout(kind, label, capturedOn);
        fields.setAlignItems(FlexComponent.Alignment.BASELINE);
        fields.setWrap(true);
        messages.addClassName("upload-messages");
        messages.setId("upload-messages");
        Span hint = new Span("JPEG or PNG, up to " + limits.maxBytes() / (1024 * 1024) + " MB. Metadata (GPS, camera, comments) is removed.");
        hint.addClassName("hint");
        add(fields, upload, hint, messages);
    }

    private void receive(UploadEvent event, long caseId, PhotoService photos, String username,
            Consumer<Photo> onStored) {
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
                message(fileName + ": uploaded as " + stored.kind().label() + " (" + stored.width() + " × " + stored.height() + ")", false);
                onStored.accept(stored);
            });
        } catch (UserFacingException e) {
            ui.access(() -> message(fileName + ": " + e.getMessage(), true));
        } catch (java.io.IOException e) {
            ui.access(() -> message(fileName + ": the upload was interrupted. Nothing was stored.", true));
        }
    }

    private void message(String text, boolean error) {
        Span line = new Span(text);
        line.addClassName(error ? "upload-error" : "upload-ok");
        messages.addComponentAsFirst(line);
        if (error) {
            Notification n = Notification.show(text, 5000, Notification.Position.BOTTOM_START);
            n.addThemeVariants(NotificationVariant.LUMO_ERROR);
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
