package com.ivpstudio.inference.bundle;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The bundle's tokenizer.json through DJL's HuggingFaceTokenizer with the options of docs/model-bundle.md:
 * special tokens added ([SOS] … [EOS]), truncation, padding to exactly {@code context_length}.
 */
public final class BundleTokenizer implements AutoCloseable {

    private final HuggingFaceTokenizer tokenizer;
    private final int contextLength;

    public BundleTokenizer(Path tokenizerJson, int contextLength) throws IOException {
        this.contextLength = contextLength;
        this.tokenizer = HuggingFaceTokenizer.newInstance(tokenizerJson, Map.of(
                "addSpecialTokens", "true",
                "padding", "max_length",
                "maxLength", Integer.toString(contextLength),
                "truncation", "true"));
    }

    public int contextLength() {
        return contextLength;
    }

    /** Token ids, exactly {@code context_length} long. */
    public synchronized long[] encode(String text) {
        Encoding e = tokenizer.encode(text);
        long[] ids = e.getIds();
        if (ids.length != contextLength) {
            long[] fixed = new long[contextLength];
            System.arraycopy(ids, 0, fixed, 0, Math.min(ids.length, contextLength));
            return fixed;
        }
        return ids;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
