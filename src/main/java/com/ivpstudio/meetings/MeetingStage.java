package com.ivpstudio.meetings;

import com.ivpstudio.images.Photo;
import com.ivpstudio.images.PhotoBadge;
import com.ivpstudio.images.PhotoService;
import com.ivpstudio.language.UserFormats;
import com.ivpstudio.snapshots.Snapshot;
import com.ivpstudio.snapshots.SnapshotImage;
import com.ivpstudio.snapshots.SnapshotService;
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

/**
 * What everyone looks at: the agenda case (its real photos) and, when the presenter shows one, a snapshot's images
 * in the chosen view and step, marked "Simulated" with their provenance. The same component for presenter and
 * followers, so they see the same thing; its data attributes name the state for tests and assistive tools.
 */
class MeetingStage extends Div {

    private final PhotoService photos;
    private final SnapshotService snapshots;

    MeetingStage(PhotoService photos, SnapshotService snapshots) {
        this.photos = photos;
        this.snapshots = snapshots;
        setId("meeting-stage");
        addClassName("meeting-stage");
    }

    void show(StageState state, List<AgendaItem> items) {
        removeAll();
        getElement().setAttribute("data-version", Long.toString(state.version()));
        getElement().setAttribute("data-position", Integer.toString(state.position()));
        if (items.isEmpty()) {
            add(new Paragraph(getTranslation("meetings.stage.empty")));
            return;
        }
        AgendaItem item = items.get(Math.max(0, Math.min(items.size() - 1, state.position())));
        getElement().setAttribute("data-case", item.patientCode());
        getElement().setAttribute("data-snapshot", state.snapshotId() == null ? "" : state.snapshotId().toString());
        getElement().setAttribute("data-view", state.view());
        getElement().setAttribute("data-step", Integer.toString(state.step()));

        H3 title = new H3(getTranslation("meetings.stage.case", item.position() + 1, items.size(), item.patientCode()));
        title.setId("stage-case");
        add(title);
        add(realPhotos(item));
        if (state.snapshotId() != null) {
            add(snapshot(state, item));
        }
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
            Image img = MeetingUi.image(() -> photos.thumbnail(p.id()), "photo-" + p.id() + ".jpg", "image/jpeg",
                    getTranslation("meetings.stage.photo-alt", viewName(p.kind().name()), item.patientCode()));
            img.addClassName("stage-photo");
            Span caption = new Span(viewName(p.kind().name()) + " · " + UserFormats.date(p.capturedOn(), getLocale()));
            Div card = new Div(img, caption, new PhotoBadge(p));
            card.addClassName("stage-photo-card");
            row.add(card);
        }
        return row;
    }

    private Div snapshot(StageState state, AgendaItem item) {
        Snapshot s = snapshots.get(state.snapshotId());
        SnapshotSteps steps = SnapshotSteps.of(snapshots.images(s.id()));
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
            Image img = MeetingUi.image(() -> image.bytes(), "snapshot-" + s.id() + "-" + image.position() + "."
                    + image.fileExtension(), image.contentType(), getTranslation("meetings.stage.image-alt",
                    viewName(image.view()), item.patientCode()));
            img.addClassName("stage-image");
            img.getElement().setAttribute("data-view", image.view() == null ? "" : image.view());
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
