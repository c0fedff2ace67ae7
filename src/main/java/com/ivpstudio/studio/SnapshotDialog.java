package com.ivpstudio.studio;

import com.ivpstudio.closeness.Words;
import com.ivpstudio.images.PhotoBadge;
import com.ivpstudio.cases.PatientCase;
import com.ivpstudio.images.PhotoService;
import com.ivpstudio.snapshots.Snapshot;
import com.ivpstudio.snapshots.SnapshotExports;
import com.ivpstudio.snapshots.SnapshotImage;
import com.ivpstudio.snapshots.SnapshotKind;
import com.ivpstudio.snapshots.SnapshotRegeneration;
import com.ivpstudio.snapshots.SnapshotService;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import elemental.json.Json;
import elemental.json.JsonArray;
import elemental.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import com.ivpstudio.common.UserFacingException;
import com.ivpstudio.inference.Provenance;
import com.ivpstudio.snapshots.SnapshotInputPhoto;
import com.ivpstudio.language.UserFormats;
import java.time.ZoneId;

/** A re-opened snapshot: the stored images exactly as saved, its provenance, exports. */
class SnapshotDialog extends Dialog {

    SnapshotDialog(SnapshotService snapshots, SnapshotExports exports, SnapshotRegeneration regeneration,
            PhotoService photoService, PatientCase patient, Snapshot s) {
        setHeaderTitle(patient.patientCode() + " · " + s.title());
        setId("snapshot-dialog");
        List<SnapshotImage> images = snapshots.images(s.id());
        Span info = new Span(getTranslation("studio.snapshot.info", s.kind().label(), s.operation(), s.bundleId(),
                s.bundleVersion(), s.bundleSha256().substring(0, 12), s.createdBy(),
                UserFormats.dateTime(s.createdAt(), ZoneId.systemDefault(), getLocale())));
        info.addClassName("hint");
        add(info);
        Optional<RealPhoto> front = front(snapshots, photoService, patient, s);
        if (front.isEmpty() && s.inputPhotoId().isPresent()) {
            Span missing = new Span(getTranslation("studiotools.snapshot.front.missing"));
            missing.setId("snapshot-front-missing");
            missing.addClassName("snapshot-front-missing");
            add(missing);
        }
        if (s.kind() == SnapshotKind.STRIP && images.size() % 4 == 0 && images.size() >= 8) {
            FrameScrubber scrubber = new FrameScrubber();
            scrubber.setId("snapshot-scrubber");
            front.ifPresent(scrubber::setFront);
            scrubber.setFrames(frames(images, this::getTranslation), 0);
            add(scrubber);
        } else {
            Div grid = new Div();
            boolean anatomical = images.size() == 4 && images.stream().allMatch(i -> i.view() != null
                    && List.of("upper", "left", "right", "lower").contains(i.view()));
            grid.addClassName(anatomical ? "view-grid" : "snapshot-images");
            grid.setId("snapshot-images");
            for (SnapshotImage i : images) {
                boolean generated = i.isGenerated();
                Image img = new Image(StudioUi.dataUrl(i.bytes(), i.contentType()),
                        getTranslation(generated ? "studiotools.snapshot.alt.simulated" : "studiotools.snapshot.alt.real",
                                i.label(), patient.patientCode()));
                img.addClassName("snapshot-img");
                img.getElement().setAttribute("data-position", Integer.toString(i.position()));
                Span label = new Span(i.label());
                Div cap = new Div(label);
                if (generated) {
                    cap.add(StudioUi.simulatedBadge(this::getTranslation));
                } else {
                    cap.add(new PhotoBadge(patient.synthetic()));
                }
                cap.addClassName("cell-caption");
                Div fig = new Div(img, cap);
                fig.addClassName("compare-figure");
                if (anatomical) {
                    fig.addClassNames("view-cell", "cell-" + i.view());
                }
                grid.add(fig);
            }
            if (anatomical && front.isPresent()) {
                Image img = new Image(front.get().src(), front.get().alt());
                img.addClassName("snapshot-img");
                img.setId("snapshot-front");
                Div cap = new Div(new Span(front.get().label()), new PhotoBadge(patient.synthetic()));
                cap.addClassName("cell-caption");
                Div fig = new Div(img, cap);
                fig.addClassNames("compare-figure", "view-cell", "cell-front");
                grid.add(fig);
            }
            add(grid);
        }
        Div regenerated = new Div();
        regenerated.setId("snapshot-regenerated");
        add(regenerated);
        Pre json = new Pre(s.provenanceJson());
        json.addClassName("provenance-json");
        Details prov = new Details(getTranslation("studiotools.snapshot.provenance"), json);
        prov.setId("snapshot-provenance");
        add(prov);
        if (regeneration.supports(s)) {
            Button again = new Button(getTranslation("studiotools.snapshot.regenerate"),
                    e -> showRegeneration(regeneration, s, patient, regenerated));
            again.setId("snapshot-regenerate");
            getFooter().add(again);
        }
        getFooter().add(SnapshotsPanel.export(s.id(), "PNG", id -> exports.png(id, this::getTranslation)),
                SnapshotsPanel.export(s.id(), "ZIP", exports::zip), new Button(getTranslation("studiotools.close"), e -> close()));
        setWidth("min(1200px, 96vw)");
    }

    /** The same request on the active model: byte-identical with the same model, else how far it moved. */
    private static void showRegeneration(SnapshotRegeneration regeneration, Snapshot s, PatientCase patient,
            Div target) {
        SnapshotRegeneration.Result r = regeneration.regenerate(s.id());
        target.removeAll();
        String model = r.model().id() + " " + r.model().version() + " (" + r.model().sha256().substring(0, 12) + ")";
        Span verdict = new Span(r.allIdentical()
                ? target.getTranslation("studio.snapshot.regenerated.identical", model, r.views().size())
                : target.getTranslation(r.sameModel() ? "studio.snapshot.regenerated.same-model-differs"
                        : "studio.snapshot.regenerated.other-model", model));
        verdict.setId("snapshot-regeneration-verdict");
        verdict.addClassName(r.allIdentical() ? "regeneration-ok" : "warning-text");
        target.add(verdict);
        verdict.scrollIntoView();
        if (r.allIdentical()) {
            return;
        }
        Div grid = new Div();
        grid.addClassName("snapshot-images");
        for (SnapshotRegeneration.ViewCheck v : r.views()) {
            Image img = new Image(StudioUi.dataUrl(v.regenerated().png(), "image/png"),
                    target.getTranslation("studio.snapshot.regenerated.alt", v.label(), patient.patientCode()));
            img.addClassName("snapshot-img");
            Span agreement = new Span(v.identical() ? target.getTranslation("studio.snapshot.regenerated.same")
                    : target.getTranslation("studio.snapshot.regenerated.agreement", v.comparison().ssim(),
                            v.comparison().psnr()));
            Div cap = new Div(new Span(v.label()), StudioUi.simulatedBadge(target::getTranslation), agreement);
            cap.addClassName("cell-caption");
            Div fig = new Div(img, cap);
            fig.addClassName("compare-figure");
            grid.add(fig);
        }
        target.add(grid);
    }

    /**
     * The real front photo for the centre: the copy kept with the snapshot; for a snapshot saved before snapshots
     * kept it, the case's photo it names, while that photo is still on the case; else none (the dialog says so).
     */
    private Optional<RealPhoto> front(SnapshotService snapshots, PhotoService photoService, PatientCase patient,
            Snapshot s) {
        Optional<SnapshotInputPhoto> kept = snapshots.inputPhoto(s.id());
        if (kept.isPresent()) {
            return Optional.of(new RealPhoto(StudioUi.dataUrl(kept.get().thumbnail(), "image/jpeg"),
                    getTranslation("studiotools.snapshot.front.alt", patient.patientCode()),
                    getTranslation("studiotools.snapshot.front.caption", kept.get().label())));
        }
        return s.inputPhotoId().flatMap(id -> {
            try {
                if (photoService.get(id).caseId() != patient.id()) {
                    return Optional.empty();
                }
                return Optional.of(new RealPhoto(StudioUi.dataUrl(photoService.thumbnail(id), "image/jpeg"),
                        getTranslation("studiotools.snapshot.front.alt", patient.patientCode()),
                        getTranslation("studiotools.snapshot.front.caption", StudioUi.photoLabel(photoService.get(id),
                                this::getTranslation, getLocale()))));
            } catch (UserFacingException gone) {
                return Optional.empty();
            }
        });
    }

    static JsonArray frames(List<SnapshotImage> images, Words words) {
        JsonArray steps = Json.createArray();
        List<SnapshotImage> sorted = new ArrayList<>(images);
        for (int s = 0; s * 4 < sorted.size(); s++) {
            JsonObject step = Json.createObject();
            String first = sorted.get(s * 4).label();
            int cut = first.indexOf(" · ");
            String stepLabel = cut > 0 ? first.substring(0, cut) : words.get("studiotools.strip.step", s + 1);
            step.put("label", stepLabel);
            JsonArray imgs = Json.createArray();
            for (int v = 0; v < 4; v++) {
                SnapshotImage i = sorted.get(s * 4 + v);
                JsonObject im = Json.createObject();
                im.put("view", i.view() == null ? "" : i.view());
                im.put("src", StudioUi.dataUrl(i.bytes(), i.contentType()));
                // whose image it is, as its own provenance (and mark) says: an interpolation changes patient midway
                String code = i.isGenerated() ? Provenance.fromJson(i.provenanceJson()).patientCode() : null;
                String view = StudioUi.viewLabel(i.view(), words);
                im.put("alt", StudioUi.alt(view, code, stepLabel, words));
                im.put("label", view + (code == null ? "" : " · " + code));
                imgs.set(v, im);
            }
            step.put("images", imgs);
            steps.set(s, step);
        }
        return steps;
    }
}
