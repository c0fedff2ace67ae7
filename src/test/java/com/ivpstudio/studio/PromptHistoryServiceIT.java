package com.ivpstudio.studio;

import static org.assertj.core.api.Assertions.assertThat;

import com.ivpstudio.IntegrationTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/** The text studio's prompt history: per user, most recent first, the same prompt once. */
@IntegrationTest
class PromptHistoryServiceIT {

    @Autowired
    PromptHistoryService prompts;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    private static void signIn(String user) {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                user, "n/a", List.of(new SimpleGrantedAuthority("ROLE_CLINICIAN"))));
    }

    @Test
    void promptHistoryIsPerUserMostRecentFirst() {
        // users of their own, so prompts typed by other tests (or this one, run again) do not count
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        signIn("prompter-" + suffix);
        prompts.remember(PromptHistoryService.Kind.VIEWS, "crowded   lower incisors");
        prompts.remember(PromptHistoryService.Kind.VIEWS, "midline diastema");
        prompts.remember(PromptHistoryService.Kind.VIEWS, "crowded lower incisors");
        assertThat(prompts.recent(PromptHistoryService.Kind.VIEWS, 2))
                .containsExactly("crowded lower incisors", "midline diastema");
        signIn("someone-else-" + suffix);
        assertThat(prompts.recent(PromptHistoryService.Kind.VIEWS, 5)).isEmpty();
    }
}
