package com.ivpstudio.phantom;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The phantom's JSON: escaped strings, three decimals, entries in order, in the three layouts it writes. */
class JsonWriterTest {

    @Test
    void stringsAreEscapedAndDecimalsHaveThreePlaces() {
        String line = JsonWriter.compact().string("caption", "a \"b\" \\ c\n").decimal("x", -0.0004).decimal("y", 2.5)
                .integer("n", 7).bool("ok", true).raw("list", JsonWriter.array(List.of("1", "2"), ",")).toString();
        assertThat(line).isEqualTo("{\"caption\":\"a \\\"b\\\" \\\\ c\\u000a\",\"x\":-0.000,\"y\":2.500,\"n\":7,"
                + "\"ok\":true,\"list\":[1,2]}");
    }

    @Test
    void aDocumentHasOneIndentedEntryPerLineAndInlineObjectsInside() {
        String doc = JsonWriter.document().string("command", "export")
                .raw("counts", JsonWriter.inline().integer("a", 1).integer("b", 2).toString())
                .raw("args", JsonWriter.array(List.of(JsonWriter.quote("--out")), ", ")).toString();
        assertThat(doc).isEqualTo("{\n  \"command\": \"export\",\n  \"counts\": {\"a\": 1, \"b\": 2},\n"
                + "  \"args\": [\"--out\"]\n}\n");
        assertThat(JsonWriter.inline().toString()).isEqualTo("{}");
    }
}
