package com.ivpstudio.cases;

import com.vaadin.flow.component.Component;

/**
 * Lets other features (the studio's predicted views, snapshots) add a panel to the case page without the case
 * feature knowing them.
 */
public interface CasePanelProvider {

    Component panelFor(PatientCase patientCase);
}
