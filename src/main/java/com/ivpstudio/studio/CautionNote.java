package com.ivpstudio.studio;

import com.ivpstudio.closeness.Words;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;

/**
 * A caution next to a control whose pictures are easily read as more than they are: text prompts (zero-shot) and a
 * treatment direction borrowed from another patient (nudge). One look for both, so a reader learns it once.
 */
public class CautionNote extends Div {

    private final Div body;

    public CautionNote(String id, String text) {
        addClassName("caution-note");
        setId(id);
        body = new Div(new Paragraph(text));
        add(new Span(VaadinIcon.WARNING.create()), body);
    }

    /**
     * The caution next to a treatment direction and its results: plain words, and what was measured under a closed
     * "how this was measured".
     */
    public static CautionNote nudge(String id, Words words) {
        CautionNote note = new CautionNote(id, words.get("studio.nudge.caution"));
        Details measured = new Details(words.get("studio.nudge.caution.details"),
                new Paragraph(words.get("studio.nudge.caution.measured")));
        measured.setId(id + "-measured");
        note.body.add(measured);
        return note;
    }
}
