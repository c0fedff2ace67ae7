package com.ivpstudio.snapshots;

/**
 * The real front photo a snapshot was made from, as it was when saved: the full sanitised image (for exports; its
 * sha256 is the {@code photo:sha256:…} input of the images' provenance) and its thumbnail (for the screen).
 */
public record SnapshotInputPhoto(long photoId, String label, String contentType, byte[] image, String imageSha256,
        byte[] thumbnail) {

    public String fileExtension() {
        return "image/png".equals(contentType) ? "png" : "jpg";
    }
}
