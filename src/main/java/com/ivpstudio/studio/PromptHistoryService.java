package com.ivpstudio.studio;

import com.ivpstudio.security.CurrentUser;
import java.util.List;
import org.springframework.stereotype.Service;

/** Each user's own recent text prompts (never shared between users; never audited: free text). */
@Service
public class PromptHistoryService {

    /** Which box a prompt was typed into. */
    public enum Kind {
        VIEWS, FROM, TO
    }

    static final int MAX_PROMPT = 2000;

    private final PromptHistoryRepository history;
    private final CurrentUser currentUser;

    PromptHistoryService(PromptHistoryRepository history, CurrentUser currentUser) {
        this.history = history;
        this.currentUser = currentUser;
    }

    public void remember(Kind kind, String prompt) {
        String p = prompt == null ? "" : prompt.strip().replaceAll("\\s+", " ");
        if (p.isEmpty() || p.length() > MAX_PROMPT) {
            return;
        }
        currentUser.name().ifPresent(u -> history.remember(u, kind.name(), p));
    }

    public List<String> recent(Kind kind, int limit) {
        return currentUser.name().map(u -> history.recent(u, kind.name(), limit)).orElse(List.of());
    }
}
