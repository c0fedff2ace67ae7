package com.ivpstudio.studio;

import com.ivpstudio.common.UserFacingException;
import com.ivpstudio.language.UserFormats;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.NumberField;
import java.util.Locale;

/**
 * α from / to / step, explained in plain words, with the recommended range shown and a warning when α goes beyond
 * it. The default is the recommended range itself, so a first-time user starts without a warning.
 */
class AlphaRange extends Div {

    static final double RECOMMENDED_MAX = 2.0;
    static final int MAX_STEPS = 41;

    private final NumberField from = field("studiotools.alpha.from", 0, "alpha-from");
    private final NumberField to = field("studiotools.alpha.to", RECOMMENDED_MAX, "alpha-to");
    private final NumberField step = field("studiotools.alpha.step", 0.5, "alpha-step");
    private final Span hint = new Span();

    AlphaRange() {
        addClassName("alpha-range");
        step.setMin(0.05);
        Paragraph meaning = new Paragraph(getTranslation("studiotools.alpha.meaning"));
        meaning.setId("alpha-meaning");
        meaning.addClassName("hint");
        hint.setId("alpha-hint");
        hint.addClassName("hint");
        from.setTooltipText(getTranslation("studiotools.alpha.from.tooltip"));
        to.setTooltipText(getTranslation("studiotools.alpha.to.tooltip"));
        step.setTooltipText(getTranslation("studiotools.alpha.step.tooltip"));
        HorizontalLayout row = new HorizontalLayout(from, to, step);
        row.setAlignItems(FlexComponent.Alignment.BASELINE);
        add(meaning, row, hint);
        from.addValueChangeListener(e -> update());
        to.addValueChangeListener(e -> update());
        step.addValueChangeListener(e -> update());
        update();
    }

    private NumberField field(String labelKey, double value, String id) {
        NumberField f = new NumberField(getTranslation(labelKey));
        f.setValue(value);
        f.setStep(0.05);
        f.setMin(-5);
        f.setMax(10);
        f.setStepButtonsVisible(true);
        f.setWidth("8.5em");
        f.setId(id);
        return f;
    }

    private void update() {
        double max = Math.max(value(from), value(to));
        String count;
        try {
            int n = values().length;
            count = getTranslation("studiotools.alpha.count", n, n * 4) + " ";
        } catch (UserFacingException e) {
            count = e.getMessage() + " ";
        }
        String text = count + getTranslation("studiotools.alpha.recommended",
                UserFormats.number(RECOMMENDED_MAX, 0, getLocale()));
        if (max > RECOMMENDED_MAX || Math.min(value(from), value(to)) < 0) {
            text += " " + getTranslation("studiotools.alpha.beyond");
            hint.addClassName("warning-text");
        } else {
            hint.removeClassName("warning-text");
        }
        hint.setText(text);
    }

    private static double value(NumberField f) {
        return f.getValue() == null ? 0 : f.getValue();
    }

    double[] values() {
        double a = value(from);
        double b = value(to);
        double s = step.getValue() == null ? 0 : step.getValue();
        if (s <= 0) {
            throw new UserFacingException(getTranslation("studiotools.alpha.step.positive"));
        }
        if (b < a) {
            throw new UserFacingException(getTranslation("studiotools.alpha.order"));
        }
        int n = (int) Math.floor((b - a) / s + 1e-9) + 1;
        if (n > MAX_STEPS) {
            throw new UserFacingException(getTranslation("studiotools.alpha.too.many", n, MAX_STEPS));
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = Math.round((a + i * s) * 1e6) / 1e6;
        }
        return out;
    }

    /** The step label of a frame; also the first part of a saved image's label (kept locale-neutral). */
    static String label(double alpha) {
        return "α = " + String.format(Locale.ROOT, "%.2f", alpha);
    }
}
