package com.ivpstudio.inference.embeddings;

import com.ivpstudio.inference.Embedding;
import com.ivpstudio.inference.EmbeddingSource;
import com.ivpstudio.inference.Hashing;
import com.ivpstudio.inference.ModelChangedException;
import com.ivpstudio.inference.PhotoOrientation;
import com.ivpstudio.inference.PhotoReference;
import com.ivpstudio.inference.bundle.LoadedBundle;
import com.ivpstudio.inference.embeddings.EmbeddingRepository.Kind;
import com.ivpstudio.inference.pixels.ImageEncoderInput;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * The embedding κ of an operation's input under the bundle the operation holds: a photo or prompt is looked up in
 * the {@link EmbeddingStore} or encoded by that bundle; an embedding computed earlier must come from that same bundle.
 */
public final class Embedder {

    private final EmbeddingStore store;

    public Embedder(EmbeddingStore store) {
        this.store = store;
    }

    /**
     * κ of a photo and, when the bundle has the picture or orientation check, what they read from it (the photo is
     * decoded at most once for all).
     */
    public Embedding photo(LoadedBundle b, PhotoReference photo) {
        Supplier<ImageEncoderInput.Planes> planes = decodedOnce(photo);
        float[] v = store.photo(b.sha256(), b.manifest().embeddingDim(), photo.sha256(),
                () -> ImageEncoderInput.embed(b, planes.get()));
        float[] pictures = b.checksPictures() ? store.photoReading(Kind.PICTURE, b.sha256(),
                b.pictureStatisticsDim(), photo.sha256(), () -> ImageEncoderInput.pictureStatistics(b, planes.get()))
                : null;
        float[] orientation = b.checksOrientation() ? store.photoReading(Kind.ORIENTATION, b.sha256(),
                PhotoOrientation.values().length, photo.sha256(), () -> ImageEncoderInput.orientation(b, planes.get()))
                : null;
        return new Embedding(b.sha256(), "photo:sha256:" + photo.sha256(), v, pictures, orientation);
    }

    private static Supplier<ImageEncoderInput.Planes> decodedOnce(PhotoReference photo) {
        ImageEncoderInput.Planes[] decoded = new ImageEncoderInput.Planes[1];
        return () -> {
            if (decoded[0] == null) {
                decoded[0] = ImageEncoderInput.planes(photo.bytes().get());
            }
            return decoded[0];
        };
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
