package com.ivpstudio.admin;

import com.ivpstudio.inference.BundleInfo;
import com.ivpstudio.language.UserFormats;
import com.ivpstudio.models.ManifestMeasurements;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;

/**
 * The Models page's account of a bundle's unusual-photo check and of how much its seeds change the pictures, in
 * words a clinician can follow (the numbers come from the exporter's measurements in the manifest).
 */
class ModelMeasurementFacts extends Div {

    ModelMeasurementFacts(String manifestJson) {
        ManifestMeasurements m = ManifestMeasurements.of(manifestJson);
        setId("model-measurements");
        add(new H4(getTranslation("ood.models.check.title")));
        Paragraph check = new Paragraph(m.ood().map(this::checkText).orElseGet(() -> getTranslation("ood.models.check.off")));
        check.setId("model-ood-check");
        Paragraph variation = new Paragraph(variation(m));
        variation.setId("model-z-sensitivity");
        add(check, variation);
    }

    private String checkText(ManifestMeasurements.OodCheck o) {
        String text = getTranslation("ood.models.check.on", UserFormats.number(o.threshold(), 1, getLocale()),
                o.heldOutCount(), UserFormats.percent(o.falseAlarmRate(), getLocale()));
        if (o.pictureThreshold() != null) {
            text += " " + getTranslation("ood.models.check.picture", UserFormats.number(o.pictureThreshold(), 1,
                    getLocale()));
        }
        if (o.orientation() != null) {
            text += " " + getTranslation("ood.models.check.orientation", UserFormats.percent(
                    o.orientation().detectionRate(), getLocale()), UserFormats.percent(o.orientation().falseAlarmRate(),
                    getLocale()));
        }
        return text;
    }

    private String variation(ManifestMeasurements m) {
        if (m.zDim() == 0) {
            return getTranslation("ood.models.variation.none");
        }
        if (m.zSensitivity() == null) {
            return "";
        }
        String levels = UserFormats.number(m.zSensitivity(), 1, getLocale());
        return getTranslation(m.zSensitivity() < BundleInfo.VISIBLE_CHANGE ? "ood.models.variation.invisible"
                : "ood.models.variation.measured", levels);
    }
}
