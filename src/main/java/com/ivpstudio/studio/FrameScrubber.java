package com.ivpstudio.studio;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JavaScript;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import elemental.json.Json;
import elemental.json.JsonArray;
import elemental.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
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

    /**
     * Sends the frames as one JSON document that the element fetches once (one HTTP request, kept out of the
     * UI state and the push channel), then preloads.
     */
    void setFrames(JsonArray frames, int initialIndex) {
        byte[] json = frames.toJson().getBytes(StandardCharsets.UTF_8);
        getElement().setProperty("index", initialIndex);
        getElement().setAttribute("frames-url", DownloadHandler.fromInputStream(e -> new DownloadResponse(
                new ByteArrayInputStream(json), "frames.json", "application/json", json.length)).inline());
    }

    void setFront(RealPhoto front) {
        getElement().setPropertyJson("front", front.json());
    }

    /** A tick mark on the slider at a step, with its meaning. */
    void setMark(int index, String label) {
        JsonArray marks = Json.createArray();
        if (index >= 0) {
            JsonObject m = Json.createObject();
            m.put("index", index);
            m.put("label", label);
            marks.set(0, m);
        }
        getElement().setPropertyJson("marks", marks);
    }

    void clear() {
        getElement().removeAttribute("frames-url");
    }

    /** Asks the browser which step is showing (one round trip, only when the user saves). */
    void currentIndex(IntConsumer consumer) {
        getElement().executeJs("return this.index").then(Integer.class, consumer::accept);
    }
}
