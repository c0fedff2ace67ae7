package com.ivpstudio.images;

import com.ivpstudio.audit.AuditAction;
import com.ivpstudio.audit.AuditLog;
import com.ivpstudio.security.CurrentUser;
import com.ivpstudio.common.UserFacingException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Photos of a case. An upload is sanitised first (no database work until the bytes are proven a safe JPEG/PNG),
 * then stored in one transaction: a refused or failed upload leaves nothing behind. Every refusal is audited with
 * its reason code.
 */
@Service
public class PhotoService {

    /** The reason code of a refused duplicate (the sanitiser's reasons are about the file itself). */
    static final String DUPLICATE = "DUPLICATE";

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

    /**
     * Reads an upload as it streams in, never more than the byte limit plus one byte, and stores it; throws
     * {@link UserFacingException} with the reason if refused (a file over the limit is refused without reading it all).
     */
    public Photo upload(long caseId, PhotoDetails details, InputStream upload, String username) throws IOException {
        return upload(caseId, details, readLimited(caseId, username, upload), username);
    }

    /** Never more than the byte limit plus one byte is read: a file over the limit is refused without reading it all. */
    private byte[] readLimited(long caseId, String username, InputStream upload) throws IOException {
        long max = sanitizer.limits().maxBytes();
        byte[] bytes = upload.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        if (bytes.length > max) {
            throw refused(caseId, username, PhotoRejectedException.overLimit(max));
        }
        return bytes;
    }

    /** Stores an uploaded photo for the given user; throws {@link UserFacingException} with the reason if refused. */
    public Photo upload(long caseId, PhotoDetails details, byte[] upload, String username) {
        SanitizedPhoto clean;
        try {
            clean = sanitizer.sanitize(upload);
        } catch (PhotoRejectedException e) {
            throw refused(caseId, username, e);
        }
        return store(caseId, details, clean, username);
    }

    /** Stores an image the application made itself (demo data); it still goes through the sanitiser. */
    public Photo store(long caseId, PhotoDetails details, SanitizedPhoto clean, String username) {
        try {
            return transaction.execute(status -> {
                if (photos.exists(caseId, clean.sha256())) {
                    throw new DuplicateKeyException("The photo is already in the case");
                }
                long id = photos.insert(caseId, details, clean, username);
                audit.recordAs(username, AuditAction.PHOTO_UPLOADED, caseId, Long.toString(id), details.kind().name());
                return photos.findById(id).orElseThrow();
            });
        } catch (DuplicateKeyException e) {
            // Audited here, after the transaction has rolled back, so that the refusal itself is kept.
            throw refused(caseId, username, DUPLICATE, e, "casepage.upload.refused.duplicate");
        }
    }

    /**
     * Deletes a wrongly uploaded photo and its bytes (audited). Saved snapshots are left as they are: they hold
     * their own copies of what was shown, so a snapshot made from this photo still opens byte-identical; only
     * "regenerate" says that the photo it was predicted from is gone.
     */
    public void delete(long photoId) {
        Photo photo = get(photoId);
        transaction.executeWithoutResult(status -> {
            if (photos.delete(photoId)) {
                audit.record(AuditAction.PHOTO_DELETED, photo.caseId(), Long.toString(photoId), photo.kind().name());
            }
        });
    }

    /**
     * Replaces a photo with another file in one step: the new file goes through the same sanitiser and keeps the
     * old photo's view, label and date; the old photo is deleted only when the new one is stored. Audited as a
     * replacement naming both photos.
     */
    public Photo replace(long photoId, InputStream upload) throws IOException {
        Photo old = get(photoId);
        String username = currentUser.username();
        byte[] bytes = readLimited(old.caseId(), username, upload);
        SanitizedPhoto clean;
        try {
            clean = sanitizer.sanitize(bytes);
        } catch (PhotoRejectedException e) {
            throw refused(old.caseId(), username, e);
        }
        if (clean.sha256().equals(old.sha256())) {
            throw UserFacingException.withKey("casepage.replace.same-file");
        }
        PhotoDetails details = new PhotoDetails(old.kind(), old.label(), old.capturedOn(), old.synthetic());
        try {
            return transaction.execute(status -> {
                if (photos.exists(old.caseId(), clean.sha256())) {
                    throw new DuplicateKeyException("The photo is already in the case");
                }
                long id = photos.insert(old.caseId(), details, clean, username);
                photos.delete(photoId);
                audit.recordAs(username, AuditAction.PHOTO_REPLACED, old.caseId(), Long.toString(id),
                        "replaces " + photoId);
                return photos.findById(id).orElseThrow();
            });
        } catch (DuplicateKeyException e) {
            throw refused(old.caseId(), username, DUPLICATE, e, "casepage.upload.refused.duplicate");
        }
    }

    /**
     * Turns a photo by quarter turns clockwise in one step (a front that the unusual-photo check read as turned):
     * the turned pixels take its place through {@link #replace}, keeping its view, label and date, audited as a
     * replacement (no turn at all is refused as the same file).
     */
    public Photo turnClockwise(long photoId, int quarterTurns) {
        try {
            return replace(photoId, new ByteArrayInputStream(QuarterTurns.clockwise(imageBytes(photoId), quarterTurns)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private UserFacingException refused(long caseId, String username, PhotoRejectedException e) {
        return refused(caseId, username, e.reason().name(), e, e.messageKey(), e.params());
    }

    /** Audits the refusal; the text for the user is a translation key, turned into words at the screen. */
    private UserFacingException refused(long caseId, String username, String reason, Throwable cause, String key,
            Object... params) {
        audit.recordAs(username, AuditAction.PHOTO_REFUSED, caseId, null, reason);
        return UserFacingException.withKey(cause, key, params);
    }

    public SanitizedPhoto sanitize(byte[] bytes) {
        return sanitizer.sanitize(bytes);
    }

    public List<Photo> photosOf(long caseId) {
        return photos.findByCase(caseId);
    }

    public Photo get(long photoId) {
        return photos.findById(photoId).orElseThrow(() -> UserFacingException.withKey("casepage.photo.missing"));
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
        return photos.image(photoId).orElseThrow(() -> UserFacingException.withKey("casepage.photo.missing"));
    }

    public byte[] thumbnail(long photoId) {
        return photos.thumbnail(photoId).orElseThrow(() -> UserFacingException.withKey("casepage.photo.missing"));
    }

    public String currentUsername() {
        return currentUser.username();
    }
}
