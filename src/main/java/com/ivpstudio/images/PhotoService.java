package com.ivpstudio.images;

import com.ivpstudio.audit.AuditAction;
import com.ivpstudio.audit.AuditLog;
import com.ivpstudio.security.CurrentUser;
import com.ivpstudio.common.UserFacingException;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Photos of a case. An upload is sanitised first (no database work until the bytes are proven a safe JPEG/PNG),
 * then stored in one transaction: a refused or failed upload leaves nothing behind.
 */
@Service
public class PhotoService {

    private final PhotoRepository photos;
    private final PhotoSanitizer sanitizer;
    private final AuditLog audit;
    private final CurrentUser currentUser;
    private final TransactionTemplate transaction;

    PhotoService(PhotoRepository photos, PhotoSanitizer sanitizer, AuditLog audit, CurrentUser currentUser,
            TransactionTemplate transaction) {
        this.photos = photos;
        this.sanitizer = sanitizer;
        this.audit = audit;
        this.currentUser = currentUser;
        this.transaction = transaction;
    }

    /** Stores an uploaded photo for the given user; throws {@link UserFacingException} with the reason if refused. */
    public Photo upload(long caseId, PhotoDetails details, byte[] upload, String username) {
        SanitizedPhoto clean;
        try {
            clean = sanitizer.sanitize(upload);
        } catch (PhotoRejectedException e) {
            audit.recordAs(username, AuditAction.PHOTO_REFUSED, caseId, null, e.reason().name());
            throw new UserFacingException(e.getMessage(), e);
        }
        return store(caseId, details, clean, username);
    }

    /** Stores an image the application made itself (demo data); it still goes through the sanitiser. */
    public Photo store(long caseId, PhotoDetails details, SanitizedPhoto clean, String username) {
        try {
            return transaction.execute(status -> {
                if (photos.exists(caseId, clean.sha256())) {
                    throw new UserFacingException("This photo is already uploaded to this case.");
                }
                long id = photos.insert(caseId, details, clean, username);
                audit.recordAs(username, AuditAction.PHOTO_UPLOADED, caseId, Long.toString(id), details.kind().name());
                return photos.findById(id).orElseThrow();
            });
        } catch (DuplicateKeyException e) {
            throw new UserFacingException("This photo is already uploaded to this case.", e);
        }
    }

    public SanitizedPhoto sanitize(byte[] bytes) {
        return sanitizer.sanitize(bytes);
    }

    public List<Photo> photosOf(long caseId) {
        return photos.findByCase(caseId);
    }

    public Photo get(long photoId) {
        return photos.findById(photoId).orElseThrow(() -> new UserFacingException("This photo does not exist."));
    }

    /** The full image for viewing on screen (audited). */
    public byte[] view(long photoId) {
        Photo photo = get(photoId);
        audit.record(AuditAction.PHOTO_VIEWED, photo.caseId(), Long.toString(photoId), null);
        return imageBytes(photoId);
    }

    /** The full image as a download (audited). */
    public byte[] download(long photoId) {
        Photo photo = get(photoId);
        audit.record(AuditAction.PHOTO_DOWNLOADED, photo.caseId(), Long.toString(photoId), null);
        return imageBytes(photoId);
    }

    /** The image bytes for internal use (inference); not audited as a view. */
    public byte[] imageBytes(long photoId) {
        return photos.image(photoId).orElseThrow(() -> new UserFacingException("This photo does not exist."));
    }

    public byte[] thumbnail(long photoId) {
        return photos.thumbnail(photoId).orElseThrow(() -> new UserFacingException("This photo does not exist."));
    }

    public String currentUsername() {
        return currentUser.username();
    }
}
