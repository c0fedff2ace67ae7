package com.ivpstudio.meetings;

import com.ivpstudio.database.notifications.NotificationBus;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Meeting events across app nodes: published through PostgreSQL NOTIFY (payload "meetingId:KIND", ids only) and
 * fanned out on each node to the screens that have that meeting open. One bus subscription per node, however many
 * screens; a STAGE event reads the presenter's state once per node and hands it to every screen.
 */
@Component
public class MeetingEvents {

    /** The NOTIFY channel owned by the meetings feature. */
    public static final String CHANNEL = "meeting_events";

    private static final Logger log = LoggerFactory.getLogger(MeetingEvents.class);

    private final NotificationBus bus;
    private final MeetingRepository meetings;
    private final Map<Long, Set<Consumer<MeetingEvent>>> listeners = new ConcurrentHashMap<>();
    private volatile NotificationBus.Subscription subscription;

    MeetingEvents(NotificationBus bus, MeetingRepository meetings) {
        this.bus = bus;
        this.meetings = meetings;
    }

    /** Tells every node (inside a transaction: at commit). */
    public void publish(long meetingId, MeetingEvent.Kind kind) {
        bus.publish(CHANNEL, meetingId + ":" + kind.name());
    }

    /** Calls {@code listener} (on the notification thread: hand UI work to {@code ui.access}) until closed. */
    public AutoCloseable listen(long meetingId, Consumer<MeetingEvent> listener) {
        ensureSubscribed();
        listeners.computeIfAbsent(meetingId, id -> ConcurrentHashMap.newKeySet()).add(listener);
        return () -> listeners.computeIfPresent(meetingId, (id, set) -> {
            set.remove(listener);
            return set.isEmpty() ? null : set;
        });
    }

    private synchronized void ensureSubscribed() {
        if (subscription == null) {
            subscription = bus.subscribe(CHANNEL, this::deliver);
            // Events sent while this node was cut off are lost: every open screen re-reads its meeting.
            bus.onReconnect(() -> listeners.keySet().forEach(id -> deliver(id + ":" + MeetingEvent.Kind.STAGE.name())));
        }
    }

    private void deliver(String payload) {
        int colon = payload.indexOf(':');
        if (colon < 0) {
            return;
        }
        long meetingId;
        MeetingEvent.Kind kind;
        try {
            meetingId = Long.parseLong(payload.substring(0, colon));
            kind = MeetingEvent.Kind.valueOf(payload.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            log.warn("Ignored a malformed meeting event");
            return;
        }
        Set<Consumer<MeetingEvent>> screens = listeners.get(meetingId);
        if (screens == null || screens.isEmpty()) {
            return;
        }
        Optional<StageState> stage = kind == MeetingEvent.Kind.STAGE || kind == MeetingEvent.Kind.MEETING
                ? Optional.of(meetings.stage(meetingId)) : Optional.empty();
        MeetingEvent event = new MeetingEvent(meetingId, kind, stage);
        for (Consumer<MeetingEvent> screen : screens) {
            try {
                screen.accept(event);
            } catch (RuntimeException e) {
                log.warn("A meeting screen failed to take an event", e);
            }
        }
    }
}
