package com.ivpstudio.studio;

import com.ivpstudio.cases.PatientCase;
import com.ivpstudio.closeness.Words;
import com.ivpstudio.inference.GeneratedImage;
import com.ivpstudio.inference.ViewKind;
import com.ivpstudio.snapshots.SnapshotImage;
import com.ivpstudio.snapshots.SnapshotKind;
import com.ivpstudio.snapshots.SnapshotService;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/** A computed strip in the browser-side scrubber, with "save whole strip" and "save this step". */
class StripResult extends Div {

    private final SnapshotService snapshots;
    private final PatientCase patient;
    private final FrameScrubber scrubber = new FrameScrubber();
    private final Button saveStrip = new Button(getTranslation("studio.strip.save-strip"),
            VaadinIcon.BOOKMARK.create());
    private final Button saveStep = new Button(getTranslation("studio.strip.save-step"),
            VaadinIcon.BOOKMARK_O.create());
    private List<GeneratedImage> images = List.of();
    private List<String> labels = List.of();
    private String operation;
    private String titleBase;
    private Map<String, Object> params = Map.of();

    StripResult(SnapshotService snapshots, PatientCase patient, String idPrefix) {
        this.snapshots = snapshots;
        this.patient = patient;
        addClassName("strip-result");
        scrubber.setId(idPrefix + "-scrubber");
        saveStrip.setId(idPrefix + "-save-strip");
        saveStep.setId(idPrefix + "-save-step");
        saveStrip.setTooltipText(getTranslation("studio.strip.save-strip.help"));
        saveStep.setTooltipText(getTranslation("studio.strip.save-step.help"));
        saveStrip.addClickListener(e -> saveStrip());
        saveStep.addClickListener(e -> scrubber.currentIndex(this::saveStep));
        HorizontalLayout actions = new HorizontalLayout(saveStrip, saveStep);
        add(scrubber, actions);
        setVisible(false);
    }

    /** Shows a strip with one real photo in the centre for every step. */
    void show(List<GeneratedImage> images, List<String> stepLabels, int initial, String operation, String titleBase,
            Map<String, Object> params, RealPhoto front) {
        show(images, stepLabels, initial, operation, titleBase, params, step -> front);
    }

    /** Shows a strip whose centre photo depends on the step (an interpolation ends at another photo). */
    void show(List<GeneratedImage> images, List<String> stepLabels, int initial, String operation, String titleBase,
            Map<String, Object> params, IntFunction<RealPhoto> frontOfStep) {
        this.images = images;
        this.labels = stepLabels;
        this.operation = operation;
        this.titleBase = titleBase;
        this.params = params;
        scrubber.setFrames(StudioUi.frames(images, stepLabels, frontOfStep, this::getTranslation), initial);
        setVisible(true);
    }

    void mark(int index, String label) {
        scrubber.setMark(index, label);
    }

    void clear() {
        images = List.of();
        scrubber.setMark(-1, null);
        scrubber.clear();
        setVisible(false);
    }

    private void saveStrip() {
        List<SnapshotImage> out = snapshotImages(images, labels, 0, this::getTranslation);
        Map<String, Object> p = new LinkedHashMap<>(params);
        p.put("steps", labels);
        new SaveSnapshotDialog(snapshots, patient.id(), SnapshotKind.STRIP, operation,
                titleBase + " · " + labels.get(0) + " … " + labels.get(labels.size() - 1), out, p).open();
    }

    /**
     * The images to save, each labelled "step · view" with the view in the saver's language (the saved label is what
     * the snapshot shows later). {@code images} are in engine order, starting at step {@code firstStep}.
     */
    static List<SnapshotImage> snapshotImages(List<GeneratedImage> images, List<String> stepLabels, int firstStep,
            Words words) {
        int per = ViewKind.ALL.size();
        List<SnapshotImage> out = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            GeneratedImage g = images.get(i);
            out.add(SnapshotImage.generated(i, stepLabels.get(firstStep + i / per) + " · "
                    + StudioUi.viewLabel(g.view(), words), g));
        }
        return out;
    }

    private void saveStep(int index) {
        if (images.isEmpty()) {
            return;
        }
        int per = ViewKind.ALL.size();
        int i = Math.max(0, Math.min(labels.size() - 1, index));
        List<SnapshotImage> out = snapshotImages(images.subList(i * per, (i + 1) * per), labels, i,
                this::getTranslation);
        Map<String, Object> p = new LinkedHashMap<>(params);
        p.put("step", labels.get(i));
        new SaveSnapshotDialog(snapshots, patient.id(), SnapshotKind.VIEWS, operation,
                titleBase + " · " + labels.get(i), out, p).open();
    }
}
