package com.ivpstudio.inference;

/**
 * What an operation's embedding κ comes from: an {@link Embedding} computed earlier (it must come from the model the
 * operation runs on, else {@link ModelChangedException}), or a {@link PhotoReference}, embedded under the
 * operation's own hold on the active model — so a photo's views need the model once and cannot meet a model switch
 * between the embedding and the views.
 */
public sealed interface EmbeddingSource permits Embedding, PhotoReference {
}
