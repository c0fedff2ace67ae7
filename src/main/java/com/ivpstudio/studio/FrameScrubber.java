package com.ivpstudio.studio;

import com.ivpstudio.closeness.Words;
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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * The browser-side preview: all frames of a strip are sent once; the vanilla {@code <ivp-scrubber>} element then
 * scrubs, plays and swipes through them without any server round trip.
 */
@Tag("ivp-scrubber")
@JavaScript("context://scripts/ivp-scrubber.js")
class FrameScrubber extends Component {

    /** The element's own texts: its name for each (as the script knows them) and the translation key. */
    static final Map<String, String> LABELS = labels();

    FrameScrubber() {
        addClassName("frame-scrubber");
        getElement().setAttribute("labels", labelsJson(this::getTranslation));
    }

    /** The element's texts in one language, as the JSON its {@code labels} attribute takes ("{0}" stays a slot). */
    static String labelsJson(Words words) {
        JsonObject json = Json.createObject();
        LABELS.forEach((name, key) -> json.put(name, words.get(key)));
        return json.toJson();
    }

    private static Map<String, String> labels() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String name : List.of("play", "playAria", "pause", "pauseAria", "step", "swipeAria", "swipe",
                "swipeBetween", "fetching", "fetchFailed", "loading", "loaded", "tick", "simulated", "realPhoto",
                "front", "frontAlt")) {
            m.put(name, "studiotools.scrubber." + name.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT));
        }
        return Collections.unmodifiableMap(m);
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
