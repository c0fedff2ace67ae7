package com.ivpstudio.shell;

import com.ivpstudio.common.LogSafeErrors;
import com.ivpstudio.common.UserFacingException;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.server.ErrorEvent;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One handler for every unexpected error in the UI: the user gets a clear notification with a reference, the log
 * gets the stack trace under the same reference, the browser never sees a stack trace.
 */
@Component
class ErrorNotifications implements VaadinServiceInitListener {

    private static final Logger log = LoggerFactory.getLogger(ErrorNotifications.class);

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addSessionInitListener(init -> init.getSession().setErrorHandler(ErrorNotifications::handle));
    }

    static void handle(ErrorEvent event) {
        Throwable error = event.getThrowable();
        UserFacingException userFacing = UserFacingException.find(error);
        String reference = null;
        if (userFacing == null) {
            reference = ErrorReference.next();
            // The type and reference only: exception messages can quote user input.
            log.error("Unexpected error, reference {}: {}", reference, error.getClass().getName(), LogSafeErrors.withoutMessages(error));
        }
        String unexpected = reference;
        UI ui = UI.getCurrent();
        if (ui != null) {
            ui.access(() -> show(userFacing != null ? userFacing.text((key, params) -> ui.getTranslation(key, params))
                    : ui.getTranslation("shell.error.unexpected", unexpected)));
        }
    }

    static void show(String message) {
        Notification n = Notification.show(message, 6000, Notification.Position.TOP_CENTER);
        n.addThemeVariants(NotificationVariant.LUMO_ERROR);
    }
}
