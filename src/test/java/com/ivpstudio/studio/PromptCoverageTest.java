package com.ivpstudio.studio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PromptCoverageTest {

    private static final Set<String> VOCAB = Set.of("moderate", "crowding", "of", "the", "lower", "incisors");

    @Test
    void gibberishMatchesNothingKnown() {
        PromptCoverage c = PromptCoverage.of("xqzt blorf vuvu!!", VOCAB);
        assertThat(c.matchedNothing()).isTrue();
        assertThat(c.unknown()).containsExactly("xqzt", "blorf", "vuvu");
        assertThat(c.unknownShare()).isEqualTo(1.0);
    }

    @Test
    void wordsAreLowerCasedAndPunctuationIsNoWordAsTheTokenizerSplitsThem() {
        PromptCoverage c = PromptCoverage.of("Moderate CROWDING, of the lower incisors.", VOCAB);
        assertThat(c.unknown()).isEmpty();
        assertThat(c.words()).isEqualTo(6);
        assertThat(c.matchedNothing()).isFalse();
    }

    @Test
    void mostlyUnknownAboveHalfTheWords() {
        assertThat(PromptCoverage.of("crowding of Anna Müller's teeth", VOCAB).mostlyUnknown()).isTrue();
        assertThat(PromptCoverage.of("crowding of the teeth", VOCAB).mostlyUnknown()).isFalse();
    }

    @Test
    void anEmptyPromptMatchesNothing() {
        assertThat(PromptCoverage.of("  ", VOCAB).matchedNothing()).isTrue();
        assertThat(PromptCoverage.of(null, VOCAB).words()).isZero();
    }

    @Test
    void theAuditKeepsCountsNeverTheWords() {
        String detail = TextStudioView.promptAudit(PromptCoverage.of("crowding of Anna Müller", VOCAB));
        assertThat(detail).isEqualTo("4 words, 2 known").doesNotContain("Anna");
    }
}
