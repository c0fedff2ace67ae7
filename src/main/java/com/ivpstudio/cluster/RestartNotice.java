package com.ivpstudio.cluster;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Knows the open screens of this node and, when the node begins to stop, tells each of them (over Push) that the
 * server restarts and that they will be reconnected: the load balancer then sends the next request to another node.
 */
@Component
class RestartNotice implements VaadinServiceInitListener {

    private final Set<UI> open = ConcurrentHashMap.newKeySet();

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(init -> {
            UI ui = init.getUI();
            open.add(ui);
            ui.addDetachListener(detach -> open.remove(ui));
        });
    }

    @EventListener
    void onStopping(NodeStopping stopping) {
        for (UI ui : open) {
            try {
                ui.access(() -> {
                    Notification n = new Notification(ui.getTranslation("cluster.shutdown.notice"), 15_000,
                            Notification.Position.TOP_CENTER);
                    n.setId("restart-notice");
                    n.addThemeVariants(NotificationVariant.LUMO_CONTRAST);
                    n.open();
                });
            } catch (RuntimeException closed) {
                // the screen went away meanwhile: nobody to tell
                open.remove(ui);
            }
        }
    }

    /** How many screens are open on this node now. */
    int openScreens() {
        return open.size();
    }
}
