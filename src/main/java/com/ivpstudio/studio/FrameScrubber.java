package com.ivpstudio.studio;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JavaScript;
import elemental.json.Json;
import elemental.json.JsonArray;
import elemental.json.JsonObject;
import java.util.function.IntConsumer;

/**
 * The browser-side preview: all frames of a strip are sent once; the vanilla {@code <ivp-scrubber>} element then
 * scrubs, plays and swipes through them without any server round trip.
 */
@Tag("ivp-scrubber")
@JavaScript("context://scripts/ivp-scrubber.js")
class FrameScrubber extends Component {

    FrameScrubber() {
        addClassName("frame-scrubber");
    }

    void setFrames(JsonArray frames, int initialIndex) {
        getElement().setPropertyJson("frames", frames);
        getElement().setProperty("index", initialIndex);
    }

    void setFront(String src, String alt, String label) {
        JsonObject f = Json.createObject();
        f.put("src", src);
        f.put("alt", alt);
        f.put("label", label);
        getElement().setPropertyJson("front", f);
    }

    void clear() {
        getElement().setPropertyJson("frames", Json.createArray());
    }

    /** Asks the browser which step is showing (one round trip, only when the user saves). */
    void currentIndex(IntConsumer consumer) {
        getElement().executeJs("return this.index").then(Integer.class, consumer::accept);
    }
}
