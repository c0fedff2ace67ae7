package com.ivpstudio.phantom;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The JSON the phantom writes (patient parameters, index.jsonl lines, export.json), built in one place. The
 * phantom stays plain Java for the training export, so it carries this small writer rather than a JSON library;
 * entries keep their insertion order and decimals have three places, so the bytes stay stable for the training
 * code that reads them.
 */
final class JsonWriter {

    private final String open;
    private final String entrySeparator;
    private final String keySeparator;
    private final String close;
    private final List<String> entries = new ArrayList<>();

    private JsonWriter(String open, String entrySeparator, String keySeparator, String close) {
        this.open = open;
        this.entrySeparator = entrySeparator;
        this.keySeparator = keySeparator;
        this.close = close;
    }

    /** {@code {"a":1,"b":"x"}} — one index line, patient parameters. */
    static JsonWriter compact() {
        return new JsonWriter("{", ",", ":", "}");
    }

    /** {@code {"a": 1, "b": "x"}} — a small object inside a document. */
    static JsonWriter inline() {
        return new JsonWriter("{", ", ", ": ", "}");
    }

    /** One entry per line, indented by two spaces, with a final newline (export.json). */
    static JsonWriter document() {
        return new JsonWriter("{\n  ", ",\n  ", ": ", "\n}\n");
    }

    JsonWriter string(String key, String value) {
        return raw(key, quote(value));
    }

    /** A decimal with three places ({@code 0.500}). */
    JsonWriter decimal(String key, double value) {
        return raw(key, String.format(Locale.ROOT, "%.3f", value));
    }

    JsonWriter integer(String key, long value) {
        return raw(key, Long.toString(value));
    }

    JsonWriter bool(String key, boolean value) {
        return raw(key, Boolean.toString(value));
    }

    /** A value that is JSON already (a nested object or array). */
    JsonWriter raw(String key, String json) {
        entries.add(quote(key) + keySeparator + json);
        return this;
    }

    @Override
    public String toString() {
        return open + String.join(entrySeparator, entries) + close;
    }

    /** {@code ["a", "b"]} (with {@code separator} ", ") or {@code [1,2]} (with ","): items that are JSON already. */
    static String array(List<String> jsonItems, String separator) {
        return "[" + String.join(separator, jsonItems) + "]";
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
