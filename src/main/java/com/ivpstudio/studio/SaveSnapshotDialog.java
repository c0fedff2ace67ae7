package com.ivpstudio.studio;

import com.ivpstudio.common.UserFacingException;
import com.ivpstudio.snapshots.Snapshot;
import com.ivpstudio.snapshots.SnapshotImage;
import com.ivpstudio.snapshots.SnapshotKind;
import com.ivpstudio.snapshots.SnapshotService;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.textfield.TextField;
import java.util.List;
import java.util.Map;

/** Asks for a title and saves a result as a snapshot on the case (with its full provenance). */
class SaveSnapshotDialog extends Dialog {

    SaveSnapshotDialog(SnapshotService snapshots, long caseId, SnapshotKind kind, String operation, String suggestedTitle,
            List<SnapshotImage> images, Map<String, ?> parameters) {
        setHeaderTitle(getTranslation("studiotools.save.title"));
        setId("save-snapshot-dialog");
        TextField title = new TextField(getTranslation("studiotools.save.name"));
        title.setId("snapshot-title");
        title.setValue(suggestedTitle);
        title.setMaxLength(SnapshotService.MAX_TITLE);
        title.setWidthFull();
        title.setHelperText(getTranslation("studiotools.save.name.helper"));
        Paragraph what = new Paragraph(getTranslation("studiotools.save.what", images.size()));
        what.addClassName("hint");
        add(title, what);
        Button save = new Button(getTranslation("studiotools.save.button"), e -> {
            try {
                Snapshot s = snapshots.save(caseId, title.getValue(), kind, operation, images, parameters);
                close();
                Notification n = Notification.show(getTranslation("studiotools.save.done", s.title()), 3000,
                        Notification.Position.BOTTOM_START);
                n.addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                UI ui = UI.getCurrent();
                if (ui != null) {
                    ComponentUtil.fireEvent(ui, new SnapshotSavedEvent(ui, caseId, s.id()));
                }
            } catch (UserFacingException ex) {
                title.setInvalid(true);
                title.setErrorMessage(ex.getMessage());
            }
        });
        save.setId("snapshot-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickShortcut(Key.ENTER);
        getFooter().add(new Button(getTranslation("studiotools.cancel"), e -> close()), save);
        setWidth("min(520px, 96vw)");
        addOpenedChangeListener(e -> title.focus());
    }
}
