package com.ivpstudio.studio;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Span;

/** A predicted image enlarged, like a real photo in the photo viewer, and always marked as a simulation. */
class PredictedViewDialog extends Dialog {

    PredictedViewDialog(String title, String src, String alt) {
        addClassName("photo-viewer");
        setId("predicted-viewer");
        setHeaderTitle(title);
        Image image = new Image(src, alt);
        image.addClassNames("viewer-img", "predicted-viewer-img");
        Span note = new Span(getTranslation("casepage.predicted.viewer.note"));
        note.addClassName("viewer-info");
        Div facts = new Div(StudioUi.simulatedBadge(this::getTranslation), note);
        facts.addClassName("viewer-facts");
        add(image, facts);
        Button close = new Button(getTranslation("casepage.close"), e -> close());
        close.setId("predicted-viewer-close");
        getFooter().add(close);
        setWidth("min(1100px, 96vw)");
    }

    /** Makes {@code img} open this viewer on a click, or on Enter or Space when it has the keyboard focus. */
    static void enlargeOnActivate(Image img, String title) {
        img.getElement().setAttribute("tabindex", "0");
        img.getElement().setAttribute("role", "button");
        img.setTitle(img.getTranslation("casepage.predicted.enlarge"));
        img.addClassName("enlargeable");
        img.getElement().addEventListener("click", e -> open(img, title));
        img.getElement().addEventListener("keydown", e -> open(img, title))
                .setFilter("event.key === 'Enter' || event.key === ' '").preventDefault();
    }

    private static void open(Image img, String title) {
        new PredictedViewDialog(title, img.getSrc(), img.getAlt().orElse(title)).open();
    }
}
