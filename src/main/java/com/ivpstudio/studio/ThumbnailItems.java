package com.ivpstudio.studio;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import java.io.ByteArrayInputStream;
import java.util.function.Supplier;

/**
 * Picker entries that show what is picked: a small picture (or a before → after pair) beside the text, so a
 * clinician chooses photos by sight, not by label. Pictures load only when the list is opened.
 */
final class ThumbnailItems {

    private ThumbnailItems() {
    }

    static Image image(Supplier<byte[]> bytes, String alt) {
        Image img = new Image(DownloadHandler.fromInputStream(e -> {
            byte[] b = bytes.get();
            return new DownloadResponse(new ByteArrayInputStream(b), "thumbnail", contentType(b), b.length);
        }), alt);
        img.addClassName("picker-thumb");
        return img;
    }

    /** Stored pictures are sanitised PNG or JPEG; the first bytes say which. */
    static String contentType(byte[] b) {
        return b.length > 3 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G' ? "image/png"
                : "image/jpeg";
    }

    static Component row(String text, Image... images) {
        Div pictures = new Div(images);
        pictures.addClassName("picker-thumbs");
        Span label = new Span(text);
        label.addClassName("picker-text");
        Div row = new Div(pictures, label);
        row.addClassName("picker-item");
        return row;
    }
}
