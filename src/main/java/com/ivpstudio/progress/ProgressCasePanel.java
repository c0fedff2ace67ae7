package com.ivpstudio.progress;

import com.ivpstudio.cases.PatientCase;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.RouterLink;

/** The case page's pointer to the progress timeline, shown when the case has photos from more than one visit. */
class ProgressCasePanel extends Div {

    ProgressCasePanel(PatientCase patient, boolean hasProgress) {
        addClassName("studio-panel");
        setId("progress-panel");
        setWidthFull();
        setVisible(hasProgress);
        if (!hasProgress) {
            return;
        }
        RouterLink open = new RouterLink(getTranslation("progress.panel.open"), ProgressView.class,
                ProgressView.parameters(patient.id()));
        open.setId("open-progress");
        add(new H3(getTranslation("progress.title")), new Paragraph(getTranslation("progress.panel.text")), open);
    }
}
