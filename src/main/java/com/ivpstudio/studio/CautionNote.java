package com.ivpstudio.studio;

import com.ivpstudio.closeness.Words;
import com.ivpstudio.inference.BundleInfo;
import com.ivpstudio.inference.NudgeMeasurement;
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
     * The caution next to a treatment direction and its results: plain words, and under a closed "how this was
     * measured" what the active model's exporter measured on new patients (each model its own numbers), or that it
     * measured nothing.
     */
    public static CautionNote nudge(String id, Words words, BundleInfo bundle) {
        return nudge(id, words, bundle.name(), bundle.version(), bundle.nudgeMeasured());
    }

    /** The same for a model named by its name and version (one that drew a result, perhaps no longer active). */
    public static CautionNote nudge(String id, Words words, String modelName, String modelVersion,
            NudgeMeasurement measuredOnNewPatients) {
        CautionNote note = new CautionNote(id, words.get("studio.nudge.caution"));
        Details measured = new Details(words.get("studio.nudge.caution.details"),
                new Paragraph(measuredSentence(words, modelName, modelVersion, measuredOnNewPatients)));
        measured.setId(id + "-measured");
        note.body.add(measured);
        return note;
    }

    static String measuredSentence(Words words, String name, String version, NudgeMeasurement m) {
        if (m == null) {
            return words.get("studio.nudge.caution.not-measured", name, version);
        }
        return words.get("studio.nudge.caution.measured", name + " " + version, m.patients(),
                change(words, m.pixelsCloser()), change(words, m.featuresCloser()));
    }

    private static String change(Words words, double closer) {
        return words.get(closer >= 0 ? "studio.nudge.caution.closer" : "studio.nudge.caution.farther",
                100 * Math.abs(closer));
    }
}
