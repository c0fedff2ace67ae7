package com.ivpstudio.snapshots;

import com.ivpstudio.audit.AuditAction;
import com.ivpstudio.audit.AuditLog;
import com.ivpstudio.cases.CaseService;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.Optional;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.springframework.stereotype.Service;

/** A snapshot as a file to download: PNG or ZIP (+ provenance.json), named by patient code and title; audited. */
@Service
public class SnapshotExports {

    /** A file to download. */
    public record Export(String fileName, String contentType, byte[] bytes) {
    }


    private final SnapshotService snapshots;
    private final CaseService cases;
    private final AuditLog audit;

    SnapshotExports(SnapshotService snapshots, CaseService cases, AuditLog audit) {
        this.snapshots = snapshots;
        this.cases = cases;
        this.audit = audit;
    }

    /** The snapshot as a ZIP: every image under its label, plus provenance.json. Same snapshot, same bytes. */
    public Export zip(long id) {
        Snapshot s = snapshots.get(id);
        List<SnapshotImage> images = snapshots.images(id);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long time = s.createdAt().toEpochMilli();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            Optional<SnapshotInputPhoto> front = snapshots.inputPhoto(id);
            if (front.isPresent()) {
                ZipEntry e = new ZipEntry("00-front-photo-input-real." + front.get().fileExtension());
                e.setTime(time);
                zip.putNextEntry(e);
                zip.write(front.get().image());
                zip.closeEntry();
            }
            for (SnapshotImage i : images) {
                ZipEntry e = new ZipEntry(String.format(Locale.ROOT, "%02d-%s.%s", i.position() + 1, slug(i.label()),
                        i.fileExtension()));
                e.setTime(time);
                zip.putNextEntry(e);
                zip.write(i.bytes());
                zip.closeEntry();
            }
            ZipEntry p = new ZipEntry("provenance.json");
            p.setTime(time);
            zip.putNextEntry(p);
            zip.write(s.provenanceJson().getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        audit.record(AuditAction.SNAPSHOT_EXPORTED, s.caseId(), Long.toString(id), "zip");
        return new Export(fileBase(s) + ".zip", "application/zip", bytes.toByteArray());
    }

    /**
     * The snapshot as one PNG: the image itself when there is one and no input photo, else a labelled contact sheet
     * that starts with the real front photo the images were made from.
     *
     * @param words the reader's language (a translation key and its parameters to text): the sheet's own labels
     */
    public Export png(long id, BiFunction<String, Object[], String> words) {
        Snapshot s = snapshots.get(id);
        List<SnapshotImage> images = new ArrayList<>();
        snapshots.inputPhoto(id).ifPresent(f -> images.add(SnapshotImage.photo(-1,
                words.apply("studiotools.sheet.front", new Object[0]), "front", f.photoId(), f.imageSha256(),
                f.contentType(), f.image())));
        images.addAll(snapshots.images(id));
        byte[] png = images.size() == 1 && images.get(0).contentType().equals("image/png") ? images.get(0).bytes()
                : ContactSheet.png(header(s, words), images);
        audit.record(AuditAction.SNAPSHOT_EXPORTED, s.caseId(), Long.toString(id), "png");
        return new Export(fileBase(s) + ".png", "image/png", png);
    }

    /** The sheet's heading: title, SIMULATED and the model, in the reader's language. */
    static String header(Snapshot s, BiFunction<String, Object[], String> words) {
        return words.apply("studiotools.sheet.header",
                new Object[] {s.title(), s.bundleId(), s.bundleSha256().substring(0, 12)});
    }

    private String fileBase(Snapshot s) {
        String code = cases.get(s.caseId()).patientCode();
        return slug(code) + "-snapshot-" + s.id() + "-" + slug(s.title());
    }

    static String slug(String s) {
        String out = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (out.length() > 50) {
            out = out.substring(0, 50);
        }
        return out.isEmpty() ? "image" : out;
    }
}
