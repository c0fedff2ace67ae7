package com.ivpstudio.inference.embeddings;

import com.ivpstudio.common.UserFacingException;
import java.util.Locale;

/**
 * The form of a prompt that is embedded, cached and shown in provenance: whitespace runs collapse to one space, ends
 * trimmed, ASCII text lower-cased (the tokenizer does both, so the embedding is the same and the cache hits).
 */
public final class PromptNormaliser {

    public static final int MAX_PROMPT_CHARS = 2000;

    private PromptNormaliser() {
    }

    public static String normalise(String prompt) {
        if (prompt == null) {
            prompt = "";
        }
        if (prompt.length() > MAX_PROMPT_CHARS) {
            throw new UserFacingException("The text is too long (at most " + MAX_PROMPT_CHARS + " characters).");
        }
        String s = prompt.strip().replaceAll("\\s+", " ");
        boolean ascii = s.chars().allMatch(c -> c < 128);
        return ascii ? s.toLowerCase(Locale.ROOT) : s;
    }
}
