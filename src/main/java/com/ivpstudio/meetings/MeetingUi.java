package com.ivpstudio.meetings;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import java.io.ByteArrayInputStream;
import java.util.function.Supplier;
import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;
import org.springframework.security.core.context.SecurityContext;

/** Small shared pieces of the meeting screens (also the blind round's). */
public final class MeetingUi {

    private MeetingUi() {
    }

    /** An image the browser fetches by URL (not inlined), so a move pushes only a few bytes to every follower. */
    static Image image(Supplier<byte[]> bytes, String fileName, String contentType, String alt) {
        return new Image(DownloadHandler.fromInputStream(e -> {
            byte[] b = bytes.get();
            return new DownloadResponse(new ByteArrayInputStream(b), fileName, contentType, b.length);
        }), alt);
    }

    static Span badge(Component owner, String key, String className) {
        Span s = new Span(owner.getTranslation(key));
        s.addClassName(className);
        return s;
    }

    /** Runs a refusal-aware action: a {@link MeetingProblem} becomes a notification in the user's language. */
    public static boolean attempt(Component owner, Runnable action) {
        try {
            action.run();
            return true;
        } catch (MeetingProblem p) {
            Notification n = Notification.show(owner.getTranslation(p.key(), p.params()), 5000,
                    Notification.Position.TOP_CENTER);
            n.addThemeVariants(NotificationVariant.LUMO_ERROR);
            n.setId("meeting-problem");
            return false;
        }
    }

    /**
     * Runs {@code update} in the screen's UI from a notification thread, as the screen's user (services check who
     * asks). Does nothing when the screen has gone.
     */
    static void pushTo(UI ui, SecurityContext user, Runnable update) {
        if (ui != null && ui.isAttached()) {
            ui.access(() -> new DelegatingSecurityContextRunnable(update, user).run());
        }
    }
}
