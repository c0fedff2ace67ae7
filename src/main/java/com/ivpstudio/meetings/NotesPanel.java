package com.ivpstudio.meetings;

import com.ivpstudio.language.UserFormats;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import java.time.ZoneId;

/** The notes of the case on screen: its decision, the presenter's "discussed" mark and everyone's comments. */
class NotesPanel extends Div {

    private final MeetingNotesService notes;
    private final Div decisionLine = new Div();
    private final Div comments = new Div();
    private final Select<Decision> decision = new Select<>();
    private final TextField decisionNote = new TextField();
    private final Checkbox discussed = new Checkbox();
    private final TextArea comment = new TextArea();
    private AgendaItem item;
    private boolean presenter;
    private boolean updating;

    NotesPanel(MeetingNotesService notes) {
        this.notes = notes;
        setId("meeting-notes");
        addClassName("meeting-notes");
        H4 title = new H4(getTranslation("meetings.notes.title"));
        decisionLine.setId("decision-line");
        decision.setId("decision");
        decision.setLabel(getTranslation("meetings.notes.decision"));
        decision.setItems(Decision.values());
        decision.setItemLabelGenerator(d -> decisionName(d));
        decision.setHelperText(getTranslation("meetings.notes.decision.help"));
        decisionNote.setId("decision-note");
        decisionNote.setLabel(getTranslation("meetings.notes.decision-note"));
        decisionNote.setMaxLength(MeetingNotesService.MAX_DECISION_NOTE);
        Button record = new Button(getTranslation("meetings.notes.record-decision"), e -> recordDecision());
        record.setId("record-decision");
        record.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        discussed.setId("discussed");
        discussed.setLabel(getTranslation("meetings.notes.discussed"));
        discussed.setTooltipText(getTranslation("meetings.notes.discussed.help"));
        discussed.addValueChangeListener(e -> {
            if (!updating && e.isFromClient() && item != null) {
                MeetingUi.attempt(this, () -> notes.markDiscussed(item.id(), e.getValue()));
            }
        });
        comments.setId("comments");
        comments.addClassName("meeting-comments");
        comment.setId("comment");
        comment.setLabel(getTranslation("meetings.notes.comment"));
        comment.setMaxLength(MeetingNotesService.MAX_COMMENT);
        comment.setWidthFull();
        Button add = new Button(getTranslation("meetings.notes.add-comment"), e -> addComment());
        add.setId("add-comment");
        add(title, decisionLine, decision, decisionNote, record, discussed, comments, comment, add);
    }

    String decisionName(Decision d) {
        return getTranslation("meetings.decision." + d.name().toLowerCase(java.util.Locale.ROOT));
    }

    /** Shows the notes of {@code shown}; a move within the same case reads nothing (see {@link #reload}). */
    void show(AgendaItem shown, boolean byPresenter) {
        if (item == null || item.id() != shown.id() || presenter != byPresenter) {
            load(shown.id(), byPresenter);
        }
    }

    /** Someone changed the notes: read them again. */
    void reload() {
        if (item != null) {
            load(item.id(), presenter);
        }
    }

    private void load(long itemId, boolean byPresenter) {
        updating = true;
        try {
            item = notes.item(itemId);
            presenter = byPresenter;
            discussed.setValue(item.discussed());
            discussed.setEnabled(presenter);
            decisionLine.removeAll();
            if (item.decision() == null) {
                decisionLine.add(new Span(getTranslation("meetings.notes.no-decision")));
            } else {
                String what = decisionName(item.decision()) + (item.decisionNote() == null ? "" : ": " + item.decisionNote());
                decisionLine.add(new Span(getTranslation("meetings.notes.decided", what, item.decidedBy(),
                        UserFormats.dateTime(item.decidedAt(), ZoneId.systemDefault(), getLocale()))));
            }
            decisionLine.getElement().setAttribute("data-decision", item.decision() == null ? "" : item.decision().name());
            comments.removeAll();
            for (MeetingComment c : notes.comments(item.id())) {
                Paragraph p = new Paragraph();
                Span who = new Span(c.author() + " · " + UserFormats.dateTime(c.createdAt(), ZoneId.systemDefault(),
                        getLocale()));
                who.addClassName("comment-author");
                p.add(who, new Span(" "), new Span(c.body()));
                p.addClassName("meeting-comment");
                comments.add(p);
            }
        } finally {
            updating = false;
        }
    }

    private void recordDecision() {
        if (item != null && MeetingUi.attempt(this, () -> notes.decide(item.id(), decision.getValue(), decisionNote.getValue()))) {
            decisionNote.clear();
        }
    }

    private void addComment() {
        if (item != null && MeetingUi.attempt(this, () -> notes.comment(item.id(), comment.getValue()))) {
            comment.clear();
        }
    }
}
