package com.ivpstudio.studio;

import elemental.json.Json;
import elemental.json.JsonObject;

/** A real photo shown beside simulated images (the centre of the anatomical layout): where from, alt text, caption. */
record RealPhoto(String src, String alt, String label) {

    JsonObject json() {
        JsonObject f = Json.createObject();
        f.put("src", src);
        f.put("alt", alt);
        f.put("label", label);
        return f;
    }
}
