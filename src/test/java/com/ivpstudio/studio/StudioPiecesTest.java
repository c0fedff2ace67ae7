package com.ivpstudio.studio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ivpstudio.phantom.Captions;
import com.ivpstudio.common.UserFacingException;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Small pure pieces of the studio. */
class StudioPiecesTest {

    @Test
    void theDefaultAlphaRangeIsTheRecommendedZeroToTwoInFiveSteps() {
        AlphaRange r = new AlphaRange();
        assertThat(r.values()).containsExactly(0, 0.5, 1, 1.5, 2);
        assertThat(r.values()[r.values().length - 1]).isEqualTo(AlphaRange.RECOMMENDED_MAX);
        assertThat(AlphaRange.label(1.5)).isEqualTo("α = 1.50");
    }

    @Test
    void suggestionsUseOnlyWordsTheModelKnows() {
        Set<String> vocab = new TreeSet<>(Captions.vocabulary());
        assertThat(PromptSuggestions.readable("moderate crowding of the lower incisors", vocab)).isTrue();
        assertThat(PromptSuggestions.readable("gummy smile with veneers", vocab)).isFalse();
        PromptSuggestions s = new PromptSuggestions();
        assertThat(s.prompts(null, 10)).isNotEmpty().allSatisfy(p -> assertThat(PromptSuggestions.readable(p, vocab)).isTrue());
        assertThat(s.directions(null)).isNotEmpty().allSatisfy(d -> assertThat(d.from()).isNotEqualTo(d.to()));
    }

    @Test
    void tooManyAlphaStepsAreRefused() {
        AlphaRange r = new AlphaRange();
        assertThatThrownBy(() -> {
            var f = AlphaRange.class.getDeclaredField("step");
            f.setAccessible(true);
            ((com.vaadin.flow.component.textfield.NumberField) f.get(r)).setValue(0.02);
            r.values();
        // no UI here, so the message is its translation key (visible on purpose when no translation is found)
        }).isInstanceOf(UserFacingException.class).hasMessageContaining("too.many");
    }
}
