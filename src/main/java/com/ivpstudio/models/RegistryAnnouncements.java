package com.ivpstudio.models;

import com.ivpstudio.database.notifications.NotificationBus;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells the other nodes that the registry changed (PostgreSQL NOTIFY on {@value #CHANNEL}) and wakes this node's
 * {@link RegistryFollower} when any node says so, or when the listening connection came back after an outage (a
 * notification may have been missed then). The payload says only what happened to which bundle id; the followers
 * read the rest from the database. Without the bus the periodic reconcile still catches up.
 */
@Component
class RegistryAnnouncements implements DisposableBean {

    static final String CHANNEL = "model_registry";
    private static final Logger log = LoggerFactory.getLogger(RegistryAnnouncements.class);

    private final ObjectProvider<NotificationBus> bus;
    private final RegistryFollower follower;
    private final List<AutoCloseable> subscriptions = new ArrayList<>();

    RegistryAnnouncements(ObjectProvider<NotificationBus> bus, RegistryFollower follower) {
        this.bus = bus;
        this.follower = follower;
    }

    @EventListener(ApplicationReadyEvent.class)
    void listen() {
        bus.ifAvailable(b -> {
            subscriptions.add(b.subscribe(CHANNEL, payload -> follower.wake()));
            subscriptions.add(b.onReconnect(follower::wake));
        });
    }

    /** The registry changed ({@code what}: e.g. "activated 12"); never fails the change itself. */
    void changed(String what) {
        try {
            bus.ifAvailable(b -> b.publish(CHANNEL, what));
        } catch (RuntimeException e) {
            log.warn("Could not announce a model registry change ({}); the other nodes catch up within their "
                    + "reconcile interval: {}", what, e.toString());
        }
    }

    @Override
    public void destroy() {
        for (AutoCloseable s : subscriptions) {
            try {
                s.close();
            } catch (Exception e) {
                log.debug("Closing a registry subscription: {}", e.toString());
            }
        }
    }
}
