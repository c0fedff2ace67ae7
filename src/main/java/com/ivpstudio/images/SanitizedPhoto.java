package com.ivpstudio.images;

import java.util.Arrays;
import java.util.Objects;

/**
 * A photo after {@link PhotoSanitizer}: freshly encoded pixels with no metadata, already upright (EXIF
 * orientation applied), plus a JPEG thumbnail.
 *
 * @param bytes           the re-encoded image (JPEG or PNG, no metadata)
 * @param format          format of {@code bytes}
 * @param width           width in pixels, after orientation
 * @param height          height in pixels, after orientation
 * @param sha256          lowercase hex SHA-256 of {@code bytes}
 * @param thumbnail       JPEG thumbnail (long edge = {@link PhotoLimits#thumbnailSize()}, never upscaled)
 * @param thumbnailWidth  thumbnail width in pixels
 * @param thumbnailHeight thumbnail height in pixels
 */
public record SanitizedPhoto(byte[] bytes, ImageFormat format, int width, int height, String sha256,
                             byte[] thumbnail, int thumbnailWidth, int thumbnailHeight) {

    public SanitizedPhoto {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(thumbnail, "thumbnail");
    }

    /** Size of the re-encoded image in bytes. */
    public long byteSize() {
        return bytes.length;
    }

    /** The thumbnail is always a JPEG. */
    public String thumbnailContentType() {
        return ImageFormat.JPEG.contentType();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SanitizedPhoto p && format == p.format && width == p.width && height == p.height
                && sha256.equals(p.sha256) && Arrays.equals(bytes, p.bytes) && Arrays.equals(thumbnail, p.thumbnail)
                && thumbnailWidth == p.thumbnailWidth && thumbnailHeight == p.thumbnailHeight;
    }

    @Override
    public int hashCode() {
        return sha256.hashCode();
    }

    @Override
    public String toString() {
        return "SanitizedPhoto[" + format + " " + width + "x" + height + ", " + bytes.length + " bytes, sha256="
                + sha256 + ", thumbnail " + thumbnailWidth + "x" + thumbnailHeight + "]";
    }
}
