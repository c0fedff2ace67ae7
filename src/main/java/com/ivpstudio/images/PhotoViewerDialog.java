package com.ivpstudio.images;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import java.io.ByteArrayInputStream;

/** Full-size view of one photo, always labelled with the patient code. */
public class PhotoViewerDialog extends Dialog {

    public PhotoViewerDialog(Photo photo, String patientCode, PhotoService photos) {
        addClassName("photo-viewer");
        setHeaderTitle(patientCode + " · " + photo.kind().label() + " · " + photo.label() + " · " + photo.capturedOn());
        byte[] bytes = photos.view(photo.id());
        Image image = new Image(DownloadHandler.fromInputStream(e -> new DownloadResponse(
                new ByteArrayInputStream(bytes), "photo." + photo.fileExtension(), photo.contentType(), bytes.length)),
                photo.kind().label() + " photo of " + patientCode);
        image.addClassName("viewer-img");
        Span info = new Span(photo.width() + " × " + photo.height() + " px · " + photo.byteSize() / 1024 + " KB"
                + (photo.synthetic() ? " · synthetic demo image" : ""));
        info.addClassName("viewer-info");
        add(image, info);

        String fileName = patientCode + "-" + photo.kind().name().toLowerCase() + "-" + photo.capturedOn() + "." + photo.fileExtension();
        Anchor download = new Anchor(DownloadHandler.fromInputStream(e -> {
            byte[] data = photos.download(photo.id());
            return new DownloadResponse(new ByteArrayInputStream(data), fileName, photo.contentType(), data.length);
        }).inline(), "");
        download.getElement().setAttribute("download", true);
        download.add(new Button("Download", VaadinIcon.DOWNLOAD.create()));
        getFooter().add(download, new Button("Close", e -> close()));
        setWidth("min(1100px, 96vw)");
    }
}
