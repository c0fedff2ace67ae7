package com.ivpstudio.studio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ivpstudio.audit.AuditAction;
import com.ivpstudio.audit.AuditLog;
import com.ivpstudio.cases.CaseService;
import com.ivpstudio.cases.PatientCase;
import com.ivpstudio.inference.GeneratedImage;
import com.ivpstudio.inference.Hashing;
import com.ivpstudio.inference.Provenance;
import com.ivpstudio.security.CurrentUser;
import com.ivpstudio.common.UserFacingException;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Saves studio results to a case with their full provenance, lists and re-opens them (the stored bytes, so a
 * re-opened snapshot is byte-identical to what was saved) and exports them as PNG or ZIP (+ provenance.json).
 */
@Service
public class SnapshotService {

    static final String FORMAT = "ivp-snapshot-1";
    static final int MAX_TITLE = 120;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final SnapshotRepository snapshots;
    private final CaseService cases;
    private final AuditLog audit;
    private final CurrentUser currentUser;
    private final Clock clock;

    SnapshotService(SnapshotRepository snapshots, CaseService cases, AuditLog audit, CurrentUser currentUser) {
        this.snapshots = snapshots;
        this.cases = cases;
        this.audit = audit;
        this.currentUser = currentUser;
        this.clock = Clock.systemUTC();
    }

    /** A generated image as a snapshot image (its engine provenance kept verbatim). */
    public static SnapshotImage image(int position, String label, GeneratedImage g) {
        return new SnapshotImage(position, label, g.view() == null ? null : g.view().manifestName(), "image/png",
                g.png(), g.provenance().toJson());
    }

    /** A real photo shown next to generated ones (comparisons). */
    public static SnapshotImage photo(int position, String label, String view, long photoId, String photoSha256,
            String contentType, byte[] bytes) {
        ObjectNode p = JSON.createObjectNode();
        p.put("source", "photo");
        p.put("photo_id", photoId);
        p.put("sha256", photoSha256);
        return new SnapshotImage(position, label, view, contentType, bytes, p.toString());
    }

    /**
     * Saves a snapshot. At least one image must be generated (it names the model). {@code parameters} are the
     * operation's settings as the user chose them (seed, ψ, α list, k list, steps, mode, metrics …).
     */
    @Transactional
    public Snapshot save(long caseId, String title, SnapshotKind kind, String operation, List<SnapshotImage> images,
            Map<String, ?> parameters) {
        PatientCase c = cases.get(caseId);
        String cleanTitle = title == null ? "" : title.strip();
        if (cleanTitle.isEmpty()) {
            throw new UserFacingException("Give the snapshot a title.");
        }
        if (cleanTitle.length() > MAX_TITLE) {
            throw new UserFacingException("The title is too long (at most " + MAX_TITLE + " characters).");
        }
        if (images == null || images.isEmpty()) {
            throw new UserFacingException("There is nothing to save yet.");
        }
        Provenance model = images.stream().filter(i -> i.provenanceJson().contains("\"bundleSha256\""))
                .map(i -> Provenance.fromJson(i.provenanceJson())).findFirst()
                .orElseThrow(() -> new UserFacingException("Only generated results can be saved as snapshots."));
        String user = currentUser.name().orElse("system");
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);

        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("title", cleanTitle);
        root.put("kind", kind.name().toLowerCase(Locale.ROOT));
        root.put("operation", operation);
        ObjectNode caseNode = root.putObject("case");
        caseNode.put("id", c.id());
        caseNode.put("patient_code", c.patientCode());
        ObjectNode modelNode = root.putObject("model");
        modelNode.put("id", model.bundleId());
        modelNode.put("version", model.bundleVersion());
        modelNode.put("sha256", model.bundleSha256());
        ObjectNode params = root.putObject("parameters");
        Set<String> inputs = new LinkedHashSet<>();
        Set<Long> seeds = new LinkedHashSet<>();
        Set<Double> psis = new LinkedHashSet<>();
        List<Provenance> provs = new ArrayList<>();
        for (SnapshotImage i : images) {
            if (i.provenanceJson().contains("\"bundleSha256\"")) {
                Provenance p = Provenance.fromJson(i.provenanceJson());
                if (!p.bundleSha256().equals(model.bundleSha256())) {
                    throw new UserFacingException("These images come from different models and cannot be saved together.");
                }
                provs.add(p);
                inputs.addAll(p.inputs());
                if (p.seed() != null) {
                    seeds.add(p.seed());
                }
                seeds.addAll(p.seeds());
                psis.add(p.psi());
            }
        }
        params.set("inputs", JSON.valueToTree(inputs));
        if (seeds.size() == 1) {
            params.put("seed", seeds.iterator().next());
        } else {
            params.set("seeds", JSON.valueToTree(seeds));
        }
        if (psis.size() == 1) {
            params.put("psi", psis.iterator().next());
        }
        if (parameters != null) {
            parameters.forEach((k, v) -> params.set(k, JSON.valueToTree(v)));
        }
        root.put("created_by", user);
        root.put("created_at", now.toString());
        ArrayNode list = root.putArray("images");
        List<String> imageShas = images.stream().map(i -> Hashing.sha256(i.bytes())).toList();
        for (int at = 0; at < images.size(); at++) {
            SnapshotImage i = images.get(at);
            ObjectNode n = list.addObject();
            n.put("position", i.position());
            n.put("label", i.label());
            n.put("view", i.view());
            n.put("content_type", i.contentType());
            n.put("sha256", imageShas.get(at));
            n.set("provenance", readTree(i.provenanceJson()));
        }
        String provenance = write(root);
        long id = snapshots.insert(caseId, cleanTitle, kind, operation, model.bundleId(), model.bundleVersion(),
                model.bundleSha256(), provenance, images.size(), user, now);
        for (int at = 0; at < images.size(); at++) {
            snapshots.insertImage(id, images.get(at), imageShas.get(at));
        }
        audit.record(AuditAction.SNAPSHOT_CREATED, caseId, Long.toString(id), operation + " · " + images.size()
                + " images · model " + model.bundleId() + " " + model.bundleSha256().substring(0, 12));
        return get(id);
    }

    public List<Snapshot> snapshotsOf(long caseId) {
        return snapshots.findByCase(caseId);
    }

    public Snapshot get(long id) {
        return snapshots.findById(id).orElseThrow(() -> new UserFacingException("This snapshot does not exist."));
    }

    /** The stored images, byte for byte as saved. */
    public List<SnapshotImage> images(long snapshotId) {
        return snapshots.images(snapshotId);
    }

    /** How many snapshots refer to a model bundle (the registry refuses to delete a referenced bundle). */
    public long countByBundle(String bundleSha256) {
        return snapshots.countByBundle(bundleSha256);
    }

    /** The snapshot as a ZIP: every image under its label, plus provenance.json (audited). */
    public Export exportZip(long id) {
        Snapshot s = get(id);
        List<SnapshotImage> images = images(id);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long time = s.createdAt().toEpochMilli();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
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

    /** The snapshot as one PNG: the image itself when there is one, else a labelled contact sheet (audited). */
    public Export exportPng(long id) {
        Snapshot s = get(id);
        List<SnapshotImage> images = images(id);
        byte[] png = images.size() == 1 && images.get(0).contentType().equals("image/png") ? images.get(0).bytes()
                : contactSheet(s, images);
        audit.record(AuditAction.SNAPSHOT_EXPORTED, s.caseId(), Long.toString(id), "png");
        return new Export(fileBase(s) + ".png", "image/png", png);
    }

    /** A file to download. */
    public record Export(String fileName, String contentType, byte[] bytes) {
    }

    static byte[] contactSheet(Snapshot s, List<SnapshotImage> images) {
        int cols = Math.min(4, images.size());
        int rows = (images.size() + cols - 1) / cols;
        int cellW = 320;
        int cellH = 192;
        int labelH = 22;
        int headerH = 36;
        BufferedImage sheet = new BufferedImage(cols * cellW, headerH + rows * (cellH + labelH), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            g.drawString(s.title() + " · SIMULATED · model " + s.bundleId() + " " + s.bundleSha256().substring(0, 12),
                    8, 22);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            for (int i = 0; i < images.size(); i++) {
                int x = (i % cols) * cellW;
                int y = headerH + (i / cols) * (cellH + labelH);
                BufferedImage img = ImageIO.read(new ByteArrayInputStream(images.get(i).bytes()));
                if (img != null) {
                    double scale = Math.min((double) (cellW - 8) / img.getWidth(), (double) cellH / img.getHeight());
                    int w = (int) Math.round(img.getWidth() * scale);
                    int h = (int) Math.round(img.getHeight() * scale);
                    g.drawImage(img, x + (cellW - w) / 2, y + (cellH - h) / 2, w, h, null);
                }
                g.setColor(Color.DARK_GRAY);
                g.drawString(images.get(i).label(), x + 6, y + cellH + 15);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(sheet, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
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


    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("provenance is not JSON", e);
        }
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
