package com.ivpstudio.images;

import com.ivpstudio.common.UserFacingException;
import com.ivpstudio.language.UserFormats;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import com.vaadin.flow.server.streams.UploadEvent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Full-size view of one photo, always labelled with the patient code. On a case that takes photos it also deletes
 * or replaces a wrongly uploaded photo (confirmed first, audited by {@link PhotoService}).
 */
public class PhotoViewerDialog extends Dialog {

    private final Photo photo;
    private final PhotoService photos;

    public PhotoViewerDialog(Photo photo, String patientCode, PhotoService photos, boolean editable) {
        this.photo = photo;
        this.photos = photos;
        addClassName("photo-viewer");
        setHeaderTitle(patientCode + " · " + getTranslation(photo.kind().translationKey()) + " · " + photo.label()
                + " · " + UserFormats.date(photo.capturedOn(), getLocale()));
        byte[] bytes = photos.view(photo.id());
        Image image = new Image(DownloadHandler.fromInputStream(e -> new DownloadResponse(
                new ByteArrayInputStream(bytes), "photo." + photo.fileExtension(), photo.contentType(), bytes.length)),
                getTranslation("casepage.viewer.alt", getTranslation(photo.kind().translationKey()), patientCode));
        image.addClassName("viewer-img");
        Span info = new Span(getTranslation("casepage.viewer.info", photo.width(), photo.height(),
                photo.byteSize() / 1024));
        info.addClassName("viewer-info");
        Div facts = new Div(new PhotoBadge(photo), info);
        facts.addClassName("viewer-facts");
        add(image, facts);
        if (photo.isSmall()) {
            Span small = new Span(getTranslation("casepage.upload.small", photo.width(), photo.height(),
                    Photo.USABLE_SHORT_SIDE));
            small.addClassName("upload-warning");
            small.setId("small-photo-warning");
            add(small);
        }

        String fileName = patientCode + "-" + photo.kind().name().toLowerCase() + "-" + photo.capturedOn() + "." + photo.fileExtension();
        Anchor download = new Anchor(DownloadHandler.fromInputStream(e -> {
            byte[] data = photos.download(photo.id());
            return new DownloadResponse(new ByteArrayInputStream(data), fileName, photo.contentType(), data.length);
        }).inline(), "");
        download.getElement().setAttribute("download", true);
        download.add(new Button(getTranslation("casepage.viewer.download"), VaadinIcon.DOWNLOAD.create()));
        Button close = new Button(getTranslation("casepage.close"), e -> close());
        close.setId("viewer-close");
        if (editable) {
            getFooter().add(replaceUpload(), deleteButton());
        }
        getFooter().add(download, close);
        setWidth("min(1100px, 96vw)");
    }

    private Button deleteButton() {
        Button delete = new Button(getTranslation("casepage.viewer.delete"), VaadinIcon.TRASH.create(),
                e -> confirmDelete());
        delete.setId("delete-photo");
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        return delete;
    }

    private void confirmDelete() {
        ConfirmDialog confirm = new ConfirmDialog(getTranslation("casepage.viewer.delete.title"),
                getTranslation("casepage.viewer.delete.text"), getTranslation("casepage.viewer.delete.confirm"),
                e -> {
                    UI ui = UI.getCurrent();
                    photos.delete(photo.id());
                    close();
                    Notification.show(getTranslation("casepage.viewer.deleted"), 4000, Notification.Position.BOTTOM_START);
                    CasePhotosChangedEvent.fire(ui, photo.caseId());
                });
        confirm.setConfirmButtonTheme("error primary");
        confirm.setCancelable(true);
        confirm.setCancelText(getTranslation("casepage.cancel"));
        confirm.setId("confirm-delete-photo");
        confirm.open();
    }

    /** Choosing a file is the confirmation: the new file takes this photo's place, view, label and date. */
    private Upload replaceUpload() {
        Upload replace = new Upload((UploadEvent event) -> {
            UI ui = event.getUI();
            try (InputStream in = event.getInputStream()) {
                Photo stored = photos.replace(photo.id(), in);
                ui.access(() -> {
                    close();
                    Notification.show(getTranslation("casepage.viewer.replaced", stored.width(), stored.height()),
                            4000, Notification.Position.BOTTOM_START);
                    CasePhotosChangedEvent.fire(ui, photo.caseId());
                });
            } catch (UserFacingException e) {
                ui.access(() -> Notification.show(e.text(this::getTranslation), 6000, Notification.Position.BOTTOM_START)
                        .addThemeVariants(NotificationVariant.LUMO_ERROR));
            } catch (IOException e) {
                ui.access(() -> Notification.show(getTranslation("casepage.upload.interrupted", ""), 6000,
                        Notification.Position.BOTTOM_START).addThemeVariants(NotificationVariant.LUMO_ERROR));
            }
        });
        replace.setAcceptedFileTypes("image/jpeg", "image/png", ".jpg", ".jpeg", ".png");
        replace.setMaxFiles(1);
        replace.setDropAllowed(false);
        replace.setId("replace-photo");
        replace.addClassName("replace-upload");
        Button pick = new Button(getTranslation("casepage.viewer.replace"), VaadinIcon.REFRESH.create());
        pick.setTooltipText(getTranslation("casepage.viewer.replace.help"));
        replace.setUploadButton(pick);
        return replace;
    }
}
