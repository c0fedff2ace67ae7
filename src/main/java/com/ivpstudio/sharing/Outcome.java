package com.ivpstudio.sharing;

import com.ivpstudio.common.UserFacingException;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;

/** Runs a staff action on links or settings and says how it went: what was done, or why it was refused. */
final class Outcome {

    private Outcome() {
    }

    /** @param done the success message (already in the user's language), or null when the action tells its own */
    static void show(Runnable action, String done) {
        try {
            action.run();
            if (done != null) {
                Notification.show(done, 3000, Notification.Position.BOTTOM_START)
                        .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            }
        } catch (UserFacingException ex) {
            com.vaadin.flow.component.UI ui = com.vaadin.flow.component.UI.getCurrent();
            Notification.show(ex.text((key, params) -> ui.getTranslation(key, params)), 5000,
                            Notification.Position.MIDDLE)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
    }
}
