package com.ivpstudio.images;

/**
 * The only image formats IVP Studio stores. Decided from the file's magic bytes, never from its name or the
 * MIME type the browser sent.
 */
public enum ImageFormat {

    JPEG("image/jpeg", "jpg"),
    PNG("image/png", "png");

    private final String contentType;
    private final String extension;

    ImageFormat(String contentType, String extension) {
        this.contentType = contentType;
        this.extension = extension;
    }

    /** The MIME type to serve the stored bytes with, e.g. {@code image/jpeg}. */
    public String contentType() {
        return contentType;
    }

    /** The file name extension without a dot, e.g. {@code jpg}. */
    public String extension() {
        return extension;
    }
}
