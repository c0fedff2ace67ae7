package com.ivpstudio.studio;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How much of a prompt the model can read: its words split and lower-cased as the bundle's tokenizer does
 * (Lowercase + Whitespace pre-tokenizer: runs of word characters; punctuation is not a word), each looked up in the
 * tokenizer's vocabulary. A word not in it becomes the unknown token, which carries no meaning.
 *
 * <p>The rule: no known word at all → the prompt matched nothing known and is refused (the image would show the
 * model's average mouth, unrelated to the text); more than half of the words unknown → drawn, with a warning naming
 * the ignored words; otherwise drawn, ignored words listed.
 */
record PromptCoverage(List<String> known, List<String> unknown) {

    private static final Pattern WORD = Pattern.compile("\\w+", Pattern.UNICODE_CHARACTER_CLASS);

    /** Above this share of unknown words the result mostly reflects what was not understood. */
    static final double MOSTLY_UNKNOWN = 0.5;

    static PromptCoverage of(String prompt, Set<String> vocabulary) {
        List<String> known = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        Matcher m = WORD.matcher(prompt == null ? "" : prompt.toLowerCase(Locale.ROOT));
        while (m.find()) {
            (vocabulary.contains(m.group()) ? known : unknown).add(m.group());
        }
        return new PromptCoverage(List.copyOf(known), List.copyOf(unknown));
    }

    int words() {
        return known.size() + unknown.size();
    }

    double unknownShare() {
        return words() == 0 ? 1.0 : (double) unknown.size() / words();
    }

    boolean matchedNothing() {
        return known.isEmpty();
    }

    boolean mostlyUnknown() {
        return unknownShare() > MOSTLY_UNKNOWN;
    }
}
