package com.ivpstudio.images;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;

/**
 * Fired on the UI whenever a case's photos change (uploaded, deleted, replaced), so that every panel of the case
 * page shows the new state without a reload, whichever component made the change.
 */
public class CasePhotosChangedEvent extends ComponentEvent<UI> {

    private final long caseId;

    public CasePhotosChangedEvent(UI source, long caseId) {
        super(source, false);
        this.caseId = caseId;
    }

    public long caseId() {
        return caseId;
    }

    public static void fire(UI ui, long caseId) {
        ComponentUtil.fireEvent(ui, new CasePhotosChangedEvent(ui, caseId));
    }
}
