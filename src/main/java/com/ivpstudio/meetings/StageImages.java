package com.ivpstudio.meetings;

import com.vaadin.flow.component.html.Image;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One screen's stage images, one component per image for as long as the screen is open: an image shown again keeps
 * its URL, so the browser takes it from its memory instead of fetching it again on every move of the presenter.
 */
class StageImages {

    private final Map<String, Image> images = new HashMap<>();

    /** The component for {@code key} (e.g. "photo-12"), made by {@code create} the first time. */
    Image get(String key, Supplier<Image> create) {
        return images.computeIfAbsent(key, k -> create.get());
    }
}
