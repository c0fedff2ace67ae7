package com.ivpstudio.meetings;

import com.ivpstudio.cases.PatientCase;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Div;

/** Adds a case to the agenda by its patient code. */
class CasePicker extends Div {

    interface Added {
        void add(long caseId, String patientCode);
    }

    CasePicker(MeetingService meetings, Added added) {
        ComboBox<PatientCase> box = new ComboBox<>(getTranslation("meetings.editor.add-case"));
        box.setId("agenda-add-case");
        box.setHelperText(getTranslation("meetings.editor.add-case.help"));
        box.setItems(q -> meetings.findCases(q.getFilter().orElse(null), q.getOffset(), q.getLimit()).stream());
        box.setItemLabelGenerator(PatientCase::patientCode);
        box.setWidth("20em");
        box.addValueChangeListener(e -> {
            if (e.getValue() != null) {
                added.add(e.getValue().id(), e.getValue().patientCode());
                box.clear();
            }
        });
        add(box);
    }
}
