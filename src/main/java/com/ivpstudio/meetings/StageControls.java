package com.ivpstudio.meetings;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.select.Select;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Previous / next case, the snapshot to show, its view and step (α). The presenter's moves go to everyone; a
 * follower who looks around uses the same controls for their own screen only ({@code apply} decides).
 */
class StageControls extends Div {

    private static final long PHOTOS_ONLY = -1;

    private final MeetingSnapshots snapshots;
    private final Consumer<StageState> apply;
    private final Button previous = new Button(VaadinIcon.ARROW_LEFT.create());
    private final Button next = new Button(VaadinIcon.ARROW_RIGHT.create());
    private final Select<Long> snapshot = new Select<>();
    private final Select<String> view = new Select<>();
    private final Select<Integer> step = new Select<>();
    private StageState state;
    private List<AgendaItem> items = List.of();
    private SnapshotSteps steps;
    /** The case and snapshot whose choices are listed: a move within them only changes the chosen values. */
    private List<Long> listedSnapshots;
    private Long listedSteps;
    private boolean updating;

    StageControls(MeetingSnapshots snapshots, Consumer<StageState> apply, MeetingStage names) {
        this.snapshots = snapshots;
        this.apply = apply;
        addClassName("stage-controls");
        previous.setId("previous-case");
        previous.setText(getTranslation("meetings.controls.previous"));
        previous.setTooltipText(getTranslation("meetings.controls.previous.help"));
        next.setId("next-case");
        next.setText(getTranslation("meetings.controls.next"));
        next.setTooltipText(getTranslation("meetings.controls.next.help"));
        snapshot.setId("stage-snapshot");
        snapshot.setLabel(getTranslation("meetings.controls.snapshot"));
        snapshot.setHelperText(getTranslation("meetings.controls.snapshot.help"));
        view.setId("stage-view");
        view.setLabel(getTranslation("meetings.controls.view"));
        view.setItems(StageState.ALL_VIEWS, "upper", "left", "right", "lower");
        view.setItemLabelGenerator(names::viewName);
        step.setId("stage-alpha");
        step.setLabel(getTranslation("meetings.controls.step"));
        step.setHelperText(getTranslation("meetings.controls.step.help"));
        add(previous, next, snapshot, view, step);

        previous.addClickListener(e -> moveCase(-1));
        next.addClickListener(e -> moveCase(+1));
        snapshot.addValueChangeListener(e -> {
            if (!updating && e.getValue() != null) {
                apply.accept(state.showing(e.getValue() == PHOTOS_ONLY ? null : e.getValue()));
            }
        });
        view.addValueChangeListener(e -> {
            if (!updating && e.getValue() != null) {
                apply.accept(state.inView(e.getValue()));
            }
        });
        step.addValueChangeListener(e -> {
            if (!updating && e.getValue() != null) {
                apply.accept(state.atStep(e.getValue()));
            }
        });
    }

    /** Shows the controls for {@code shown} without sending anything. */
    void show(StageState shown, List<AgendaItem> agenda) {
        updating = true;
        try {
            this.state = shown;
            this.items = agenda;
            previous.setEnabled(shown.position() > 0);
            next.setEnabled(shown.position() < agenda.size() - 1);
            AgendaItem item = agenda.isEmpty() ? null : agenda.get(Math.min(agenda.size() - 1, shown.position()));
            List<Long> choices = new ArrayList<>();
            choices.add(PHOTOS_ONLY);
            if (item != null) {
                choices.addAll(item.snapshotIds());
            }
            if (!choices.equals(listedSnapshots)) {
                snapshot.setItems(choices);
                snapshot.setItemLabelGenerator(id -> id == PHOTOS_ONLY
                        ? getTranslation("meetings.controls.photos-only") : snapshots.get(id).title());
                listedSnapshots = choices;
            }
            snapshot.setValue(shown.snapshotId() == null ? PHOTOS_ONLY : shown.snapshotId());
            view.setValue(shown.view());
            view.setEnabled(shown.snapshotId() != null);
            steps = shown.snapshotId() == null ? null : snapshots.steps(shown.snapshotId());
            boolean strip = steps != null && steps.steps().size() > 1;
            step.setVisible(strip);
            if (strip) {
                if (!shown.snapshotId().equals(listedSteps)) {
                    List<Integer> indexes = steps.steps().stream().map(SnapshotSteps.Step::index).toList();
                    SnapshotSteps labelled = steps;
                    step.setItems(indexes);
                    step.setItemLabelGenerator(i -> labelled.step(i).label());
                    listedSteps = shown.snapshotId();
                }
                step.setValue(steps.step(shown.step()).index());
            }
        } finally {
            updating = false;
        }
    }

    /** Keyboard: next / previous case. */
    void moveCase(int delta) {
        int to = state.position() + delta;
        if (to >= 0 && to < items.size()) {
            apply.accept(state.at(to));
        }
    }

    /** Keyboard: next / previous snapshot of the case (photos only before the first). */
    void moveSnapshot(int delta) {
        AgendaItem item = items.get(Math.min(items.size() - 1, state.position()));
        List<Long> order = new ArrayList<>();
        order.add(null);
        order.addAll(item.snapshotIds());
        int at = order.indexOf(state.snapshotId());
        int to = at + delta;
        if (to >= 0 && to < order.size()) {
            apply.accept(state.showing(order.get(to)));
        }
    }
}
