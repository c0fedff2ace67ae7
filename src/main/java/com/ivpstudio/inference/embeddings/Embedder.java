package com.ivpstudio.inference.embeddings;

import com.ivpstudio.inference.Embedding;
import com.ivpstudio.inference.EmbeddingSource;
import com.ivpstudio.inference.Hashing;
import com.ivpstudio.inference.ModelChangedException;
import com.ivpstudio.inference.PhotoReference;
import com.ivpstudio.inference.bundle.LoadedBundle;
import com.ivpstudio.inference.pixels.ImageEncoderInput;
import java.nio.charset.StandardCharsets;

/**
 * The embedding κ of an operation's input under the bundle the operation holds: a photo or prompt is looked up in
 * the {@link EmbeddingStore} or encoded by that bundle; an embedding computed earlier must come from that same bundle.
 */
public final class Embedder {

    private final EmbeddingStore store;

    public Embedder(EmbeddingStore store) {
        this.store = store;
    }

    public Embedding photo(LoadedBundle b, PhotoReference photo) {
        float[] v = store.photo(b.sha256(), b.manifest().embeddingDim(), photo.sha256(),
                () -> ImageEncoderInput.embed(b, photo.bytes().get()));
        return new Embedding(b.sha256(), "photo:sha256:" + photo.sha256(), v);
    }

    public Embedding text(LoadedBundle b, String prompt) {
        String norm = PromptNormaliser.normalise(prompt);
        String key = Hashing.sha256(norm.getBytes(StandardCharsets.UTF_8));
        float[] v = store.text(b.sha256(), b.manifest().embeddingDim(), key, norm,
                () -> b.encodeTexts(b.tokenizer().encode(norm), 1)[0]);
        return new Embedding(b.sha256(), "text:" + norm, v);
    }

    /** The source's κ under {@code b}; {@link ModelChangedException} for an embedding made by another bundle. */
    public Embedding resolve(LoadedBundle b, EmbeddingSource source) {
        return source instanceof PhotoReference photo ? photo(b, photo) : requireSame(b, (Embedding) source);
    }

    private static Embedding requireSame(LoadedBundle b, Embedding e) {
        if (!b.sha256().equals(e.bundleSha256()) || e.dimension() != b.manifest().embeddingDim()) {
            throw new ModelChangedException();
        }
        return e;
    }
}
