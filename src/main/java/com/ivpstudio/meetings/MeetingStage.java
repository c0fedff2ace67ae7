package com.ivpstudio.meetings;

import com.ivpstudio.images.Photo;
import com.ivpstudio.images.PhotoBadge;
import com.ivpstudio.images.PhotoService;
import com.ivpstudio.language.UserFormats;
import com.ivpstudio.snapshots.Snapshot;
import com.ivpstudio.snapshots.SnapshotImage;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What everyone looks at: the agenda case (its real photos) and, when the presenter shows one, a snapshot's images
 * in the chosen view and step, marked "Simulated" with their provenance. The same component for presenter and
 * followers, so they see the same thing; its data attributes name the state for tests and assistive tools.
 */
class MeetingStage extends Div {

    private final PhotoService photos;
    private final MeetingSnapshots snapshots;
    private final StageImages images = new StageImages();
    /** What is drawn now: a move rebuilds only the part that changed (same case: photos and title stay). */
    private Long drawnCase;
    private String drawnTitle;
    private StageState drawnSnapshot;
    private Div snapshotBox;

    MeetingStage(PhotoService photos, MeetingSnapshots snapshots) {
        this.photos = photos;
        this.snapshots = snapshots;
        setId("meeting-stage");
        addClassName("meeting-stage");
    }

    void show(StageState state, List<AgendaItem> items) {
        getElement().setAttribute("data-version", Long.toString(state.version()));
        getElement().setAttribute("data-position", Integer.toString(state.position()));
        if (items.isEmpty()) {
            forget();
            removeAll();
            add(new Paragraph(getTranslation("meetings.stage.empty")));
            return;
        }
        AgendaItem item = items.get(Math.max(0, Math.min(items.size() - 1, state.position())));
        getElement().setAttribute("data-case", item.patientCode());
        getElement().setAttribute("data-snapshot", state.snapshotId() == null ? "" : state.snapshotId().toString());
        getElement().setAttribute("data-view", state.view());
        getElement().setAttribute("data-step", Integer.toString(state.step()));

        String title = getTranslation("meetings.stage.case", item.position() + 1, items.size(), item.patientCode());
        if (drawnCase == null || drawnCase != item.caseId() || !title.equals(drawnTitle)) {
            forget();
            removeAll();
            H3 heading = new H3(title);
            heading.setId("stage-case");
            add(heading);
            add(realPhotos(item));
            drawnCase = item.caseId();
            drawnTitle = title;
        }
        if (!sameSnapshotPicture(state, drawnSnapshot)) {
            if (snapshotBox != null) {
                remove(snapshotBox);
                snapshotBox = null;
            }
            if (state.snapshotId() != null) {
                snapshotBox = snapshot(state, item);
                add(snapshotBox);
            }
            drawnSnapshot = state;
        }
    }

    /** The next {@link #show} draws everything again (the agenda or the case's photos may have changed). */
    void forget() {
        drawnCase = null;
        drawnTitle = null;
        drawnSnapshot = null;
        snapshotBox = null;
    }

    private static boolean sameSnapshotPicture(StageState a, StageState b) {
        return b != null && Objects.equals(a.snapshotId(), b.snapshotId())
                && (a.snapshotId() == null || a.view().equals(b.view()) && a.step() == b.step());
    }

    private Div realPhotos(AgendaItem item) {
        Div row = new Div();
        row.addClassName("stage-photos");
        List<Photo> all = photos.photosOf(item.caseId()).stream()
                .sorted(Comparator.comparing(Photo::capturedOn).reversed().thenComparing(Photo::kind)).limit(5).toList();
        if (all.isEmpty()) {
            row.add(new Paragraph(getTranslation("meetings.stage.no-photos")));
        }
        for (Photo p : all) {
            Image img = images.get("photo-" + p.id(), () -> {
                Image made = MeetingUi.image(() -> photos.thumbnail(p.id()), "photo-" + p.id() + ".jpg", "image/jpeg",
                        getTranslation("meetings.stage.photo-alt", viewName(p.kind().name()), item.patientCode()));
                made.addClassName("stage-photo");
                return made;
            });
            Span caption = new Span(viewName(p.kind().name()) + " · " + UserFormats.date(p.capturedOn(), getLocale()));
            Div card = new Div(img, caption, new PhotoBadge(p));
            card.addClassName("stage-photo-card");
            row.add(card);
        }
        return row;
    }

    private Div snapshot(StageState state, AgendaItem item) {
        Snapshot s = snapshots.get(state.snapshotId());
        SnapshotSteps steps = snapshots.steps(s.id());
        Div box = new Div();
        box.addClassName("stage-snapshot");
        H4 head = new H4(s.title());
        head.setId("stage-snapshot-title");
        Div headRow = new Div(head, MeetingUi.badge(this, "meetings.stage.simulated", "simulated-badge"));
        headRow.addClassName("stage-snapshot-head");
        box.add(headRow);
        if (steps.steps().size() > 1) {
            Span step = new Span(getTranslation("meetings.stage.step", steps.step(state.step()).label()));
            step.setId("stage-step");
            box.add(step);
        }
        Div grid = new Div();
        grid.addClassName("stage-images");
        for (SnapshotImage image : steps.shown(state.step(), state.view())) {
            Image img = stageImage(s.id(), image, item);
            Div cell = new Div(img, new Span(image.label()));
            cell.addClassName("stage-image-cell");
            if (image.isGenerated()) {
                cell.add(MeetingUi.badge(this, "meetings.stage.simulated", "simulated-badge"));
            }
            grid.add(cell);
        }
        box.add(grid);
        Paragraph provenance = new Paragraph(getTranslation("meetings.stage.provenance", s.bundleId(), s.bundleVersion(),
                s.bundleSha256().substring(0, 12), s.createdBy(),
                UserFormats.dateTime(s.createdAt(), ZoneId.systemDefault(), getLocale())));
        provenance.addClassName("stage-provenance");
        box.add(provenance);
        return box;
    }

    /** The screen's component for one snapshot image; it fetches the bytes when the browser asks, not before. */
    private Image stageImage(long snapshotId, SnapshotImage image, AgendaItem item) {
        int position = image.position();
        String fileName = "snapshot-" + snapshotId + "-" + position + "." + image.fileExtension();
        String contentType = image.contentType();
        String view = image.view() == null ? "" : image.view();
        String alt = getTranslation("meetings.stage.image-alt", viewName(image.view()), item.patientCode());
        return images.get("snapshot-" + snapshotId + "-" + position, () -> {
            Image made = MeetingUi.image(() -> snapshots.imageBytes(snapshotId, position), fileName, contentType, alt);
            made.addClassName("stage-image");
            made.getElement().setAttribute("data-view", view);
            return made;
        });
    }

    /** A view's name in the user's language ("left" → "Left buccal"). */
    String viewName(String view) {
        if (view == null) {
            return getTranslation("meetings.view.image");
        }
        String v = view.toLowerCase(Locale.ROOT);
        return switch (v) {
            case "front", "left", "right", "upper", "lower", "all" -> getTranslation("meetings.view." + v);
            default -> view;
        };
    }
}
