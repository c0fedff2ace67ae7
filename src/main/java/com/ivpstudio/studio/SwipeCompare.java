package com.ivpstudio.studio;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JavaScript;
import elemental.json.Json;
import elemental.json.JsonObject;

/** Predicted (left of the line) against real photo (right), revealed with a keyboard-accessible slider. */
@Tag("ivp-swipe")
@JavaScript("context://scripts/ivp-swipe.js")
class SwipeCompare extends Component {

    SwipeCompare(String beforeSrc, String beforeAlt, String beforeLabel, String afterSrc, String afterAlt,
            String afterLabel) {
        addClassName("swipe-compare");
        getElement().setAttribute("label", getTranslation("studiotools.swipe.label"));
        getElement().setPropertyJson("before", image(beforeSrc, beforeAlt, beforeLabel));
        getElement().setPropertyJson("after", image(afterSrc, afterAlt, afterLabel));
    }

    private static JsonObject image(String src, String alt, String label) {
        JsonObject o = Json.createObject();
        o.put("src", src);
        o.put("alt", alt);
        o.put("label", label);
        return o;
    }
}
