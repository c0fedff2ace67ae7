package com.ivpstudio.images;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Limits for uploaded photos, bound from {@code ivp.photos.*}:
 * <ul>
 *   <li>{@code ivp.photos.max-bytes} – largest accepted upload in bytes (default 25 MB = 26214400)</li>
 *   <li>{@code ivp.photos.max-pixels} – largest accepted width × height (default 40000000)</li>
 *   <li>{@code ivp.photos.thumbnail-size} – long edge of the thumbnail in pixels (default 320)</li>
 * </ul>
 * Unset (or 0) values take the defaults; negative values fail at startup.
 */
@ConfigurationProperties(prefix = "ivp.photos")
public record PhotoLimits(long maxBytes, long maxPixels, int thumbnailSize) {

    public static final long DEFAULT_MAX_BYTES = 25L * 1024 * 1024;
    public static final long DEFAULT_MAX_PIXELS = 40_000_000L;
    public static final int DEFAULT_THUMBNAIL_SIZE = 320;

    public PhotoLimits {
        if (maxBytes < 0 || maxPixels < 0 || thumbnailSize < 0) {
            throw new IllegalArgumentException("ivp.photos.* limits must not be negative: max-bytes=" + maxBytes
                    + ", max-pixels=" + maxPixels + ", thumbnail-size=" + thumbnailSize);
        }
        if (maxBytes == 0) {
            maxBytes = DEFAULT_MAX_BYTES;
        }
        if (maxPixels == 0) {
            maxPixels = DEFAULT_MAX_PIXELS;
        }
        if (thumbnailSize == 0) {
            thumbnailSize = DEFAULT_THUMBNAIL_SIZE;
        }
    }

    /** All defaults: 25 MB, 40 megapixels, 320 px thumbnails. */
    public static PhotoLimits defaults() {
        return new PhotoLimits(0, 0, 0);
    }
}
