package com.ivpstudio.inference.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.ivpstudio.inference.engine.Tensors;
import com.ivpstudio.inference.engine.TorchModule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Java outputs for the golden inputs vs the Python exporter's outputs (max abs diff < 1e-4), every module, b1 and b4. */
final class ParityCheck {

    private ParityCheck() {
    }

    static void assertParity(Path bundleDir) throws Exception {
        BundleLoader.Result r = new BundleLoader(ManifestValidator.standard(), BundleLoader.Settings.defaults()).load(bundleDir);
        assertThat(r.bundle()).as(r.report().summary()).isNotNull();
        LoadedBundle b = r.bundle();
        try {
            Path golden = b.root().resolve("golden");
            JsonNode index = Json.tree(golden.resolve("index.json"));
            Map<String, TorchModule> mods = b.modulesByFile();
            List<String> seen = new ArrayList<>();
            for (JsonNode c : index.get("cases")) {
                List<Tensors> ins = new ArrayList<>();
                for (JsonNode in : c.get("inputs")) {
                    ins.add(BundleSelfTest.readBin(golden.resolve(in.get("file").asText()), in.get("dtype").asText(), shape(in)));
                }
                JsonNode o = c.get("outputs").get(0);
                Tensors want = BundleSelfTest.readBin(golden.resolve(o.get("file").asText()), o.get("dtype").asText(), shape(o));
                Tensors got = mods.get(c.get("module").asText()).run(ins.toArray(Tensors[]::new));
                assertThat(got.shape()).isEqualTo(want.shape());
                double diff = BundleSelfTest.maxAbsDiff(got.floats(), want.floats());
                assertThat(diff).as("%s b%d", c.get("module").asText(), c.get("batch").asInt()).isLessThan(1e-4);
                seen.add(c.get("module").asText() + " b" + c.get("batch").asInt());
            }
            assertThat(seen).contains("image_encoder.pt b1", "image_encoder.pt b4", "text_encoder.pt b1",
                    "text_encoder.pt b4", "mapping.pt b1", "mapping.pt b4", "synthesis.pt b1", "synthesis.pt b4");
        } finally {
            b.release();
        }
    }

    static void assertTokenizer(Path bundleDir) throws Exception {
        JsonNode manifest = Json.tree(bundleDir.resolve("manifest.json"));
        int ctx = manifest.get("text").get("context_length").asInt();
        JsonNode tv = Json.tree(bundleDir.resolve("golden/tokenizer_vectors.json"));
        assertThat(tv.get("vectors").size()).isGreaterThan(5);
        assertTokenizerVectors(bundleDir.resolve(manifest.get("text").get("tokenizer_file").asText()), ctx, tv.get("vectors"));
    }

    /** DJL on {@code tokenizerJson} gives each vector's ids ({@code [{"text", "ids"}]}). */
    static void assertTokenizerVectors(Path tokenizerJson, int contextLength, JsonNode vectors) throws Exception {
        try (BundleTokenizer tok = new BundleTokenizer(tokenizerJson, contextLength)) {
            for (JsonNode v : vectors) {
                long[] want = new long[v.get("ids").size()];
                for (int i = 0; i < want.length; i++) {
                    want[i] = v.get("ids").get(i).asLong();
                }
                assertThat(tok.encode(v.get("text").asText())).as(v.get("text").asText()).isEqualTo(want);
            }
        }
    }

    private static long[] shape(JsonNode spec) {
        long[] s = new long[spec.get("shape").size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = spec.get("shape").get(i).asLong();
        }
        return s;
    }
}
