package com.ivpstudio.studio;

import com.ivpstudio.common.UserFacingException;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.NumberField;
import java.util.Locale;

/** α from / to / step, with the recommended range shown and a warning when α goes beyond it. */
class AlphaRange extends Div {

    static final double RECOMMENDED_MAX = 2.0;
    static final int MAX_STEPS = 41;

    private final NumberField from = field("α from", 0, "alpha-from");
    private final NumberField to = field("α to", 3, "alpha-to");
    private final NumberField step = field("step", 0.5, "alpha-step");
    private final Span hint = new Span();

    AlphaRange() {
        addClassName("alpha-range");
        step.setMin(0.05);
        hint.setId("alpha-hint");
        hint.addClassName("hint");
        HorizontalLayout row = new HorizontalLayout(from, to, step);
        row.setAlignItems(FlexComponent.Alignment.BASELINE);
        add(row, hint);
        from.addValueChangeListener(e -> update());
        to.addValueChangeListener(e -> update());
        step.addValueChangeListener(e -> update());
        update();
    }

    private static NumberField field(String label, double value, String id) {
        NumberField f = new NumberField(label);
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
            count = values().length + " steps × 4 views = " + values().length * 4 + " images. ";
        } catch (UserFacingException e) {
            count = e.getMessage() + " ";
        }
        String text = count + "Recommended α: 0 – " + StudioUi.number(RECOMMENDED_MAX)
                + " (α = 1 applies the whole before → after change once).";
        if (max > RECOMMENDED_MAX || Math.min(value(from), value(to)) < 0) {
            text += " ⚠ Beyond the recommended range the model extrapolates: results are unreliable.";
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
            throw new UserFacingException("Choose a step above 0.");
        }
        if (b < a) {
            throw new UserFacingException("“α to” must not be smaller than “α from”.");
        }
        int n = (int) Math.floor((b - a) / s + 1e-9) + 1;
        if (n > MAX_STEPS) {
            throw new UserFacingException("That is " + n + " steps; choose at most " + MAX_STEPS + " (a larger step).");
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = Math.round((a + i * s) * 1e6) / 1e6;
        }
        return out;
    }

    static String label(double alpha) {
        return "α = " + String.format(Locale.ROOT, "%.2f", alpha);
    }
}
