package com.ivpstudio.studio;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.UI;

/** Fired on the UI when a snapshot was saved, so the case page's list refreshes. */
class SnapshotSavedEvent extends ComponentEvent<UI> {

    private final long caseId;
    private final long snapshotId;

    SnapshotSavedEvent(UI source, long caseId, long snapshotId) {
        super(source, false);
        this.caseId = caseId;
        this.snapshotId = snapshotId;
    }

    long caseId() {
        return caseId;
    }

    long snapshotId() {
        return snapshotId;
    }
}
