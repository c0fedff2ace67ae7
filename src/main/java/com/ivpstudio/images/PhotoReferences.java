package com.ivpstudio.images;

import com.ivpstudio.inference.PhotoReference;

/**
 * A stored photo as the inference engine takes it: the sha256 recorded at upload (so a cached embedding costs no
 * read of the image) and its bytes read from the database only when the embedding has to be computed (not audited
 * as a view: the engine reads it, no person sees it).
 */
public final class PhotoReferences {

    private PhotoReferences() {
    }

    public static PhotoReference of(PhotoService photos, Photo photo) {
        long id = photo.id();
        return new PhotoReference(photo.sha256(), () -> photos.imageBytes(id));
    }

    /** The photo with this id; "This photo does not exist." when it is gone. */
    public static PhotoReference of(PhotoService photos, long photoId) {
        return of(photos, photos.get(photoId));
    }
}
