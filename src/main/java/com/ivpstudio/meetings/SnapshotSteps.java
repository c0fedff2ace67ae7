package com.ivpstudio.meetings;

import com.ivpstudio.snapshots.SnapshotImage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A snapshot's images as steps: a strip (nudge, interpolation) stores its images step by step (α values), each step
 * one image per view; a view set is one step. The step's label is what the studio wrote before " · " (e.g. "α = 0.5").
 */
public record SnapshotSteps(List<Step> steps, List<String> views) {

    public record Step(int index, String label, List<SnapshotImage> images) {
    }

    public static SnapshotSteps of(List<SnapshotImage> images) {
        Set<String> views = new LinkedHashSet<>();
        images.forEach(i -> views.add(Objects.requireNonNullElse(i.view(), "image")));
        int per = Math.max(1, views.size());
        List<Step> steps = new ArrayList<>();
        for (int from = 0; from < images.size(); from += per) {
            List<SnapshotImage> group = images.subList(from, Math.min(images.size(), from + per));
            String label = group.get(0).label();
            int dot = label.indexOf(" · ");
            steps.add(new Step(steps.size(), dot > 0 ? label.substring(0, dot) : "", List.copyOf(group)));
        }
        return new SnapshotSteps(List.copyOf(steps), List.copyOf(views));
    }

    public Step step(int index) {
        return steps.get(Math.max(0, Math.min(steps.size() - 1, index)));
    }

    /** The images of a step in one view ("all": every view). */
    public List<SnapshotImage> shown(int index, String view) {
        if (steps.isEmpty()) {
            return List.of();
        }
        List<SnapshotImage> images = step(index).images();
        if (view == null || StageState.ALL_VIEWS.equals(view)) {
            return images;
        }
        List<SnapshotImage> inView = images.stream().filter(i -> view.equals(i.view())).toList();
        return inView.isEmpty() ? images : inView;
    }
}
