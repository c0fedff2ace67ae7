package com.ivpstudio.meetings;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * The agenda beside the stage: each case with its "discussed" mark and decision, the one on screen highlighted.
 * Rows are clickable for whoever may move this screen. A move only moves the highlight; the rows are drawn again
 * only when the agenda or the right to move changed.
 */
class AgendaList extends Div {

    private final Function<Decision, String> decisionName;
    private final IntConsumer moveTo;
    private List<AgendaItem> drawn;
    private boolean drawnMovable;

    AgendaList(Function<Decision, String> decisionName, IntConsumer moveTo) {
        this.decisionName = decisionName;
        this.moveTo = moveTo;
        setId("agenda");
        addClassName("meeting-agenda");
    }

    void show(List<AgendaItem> items, int current, boolean movable) {
        if (!items.equals(drawn) || movable != drawnMovable) {
            draw(items, movable);
        }
        getChildren().forEach(row -> row.getElement().getClassList()
                .set("current", Integer.toString(current).equals(row.getElement().getAttribute("data-position"))));
    }

    private void draw(List<AgendaItem> items, boolean movable) {
        removeAll();
        for (AgendaItem item : items) {
            Div row = new Div();
            row.addClassName("agenda-row");
            row.getElement().setAttribute("data-case", item.patientCode());
            row.getElement().setAttribute("data-position", Integer.toString(item.position()));
            row.add(new Span((item.position() + 1) + ". " + item.patientCode()));
            if (item.discussed()) {
                row.add(MeetingUi.badge(this, "meetings.agenda.discussed", "agenda-discussed"));
            }
            if (item.decision() != null) {
                Span d = new Span(decisionName.apply(item.decision()));
                d.addClassName("agenda-decision");
                row.add(d);
            }
            if (movable) {
                row.getElement().setAttribute("role", "button");
                row.getElement().setAttribute("tabindex", "0");
                row.addClickListener(e -> moveTo.accept(item.position()));
            }
            add(row);
        }
        drawn = items;
        drawnMovable = movable;
    }
}
