package com.ivpstudio.meetings;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.select.Select;

/** The presenter (or an administrator during the meeting) hands the presenter role to another participant. */
class HandOverControl extends Div {

    private final MeetingStageService stageService;

    HandOverControl(MeetingStageService stageService) {
        this.stageService = stageService;
        addClassName("hand-over");
    }

    void show(Meeting meeting, boolean allowed) {
        removeAll();
        if (!allowed) {
            return;
        }
        Select<String> to = new Select<>();
        to.setId("hand-over-to");
        to.setLabel(getTranslation("meetings.hand-over"));
        to.setHelperText(getTranslation("meetings.hand-over.help"));
        to.setItems(meeting.participants().stream().filter(p -> !meeting.isPresenter(p)).toList());
        Button give = new Button(getTranslation("meetings.hand-over.button"), e -> {
            if (to.getValue() != null) {
                MeetingUi.attempt(this, () -> stageService.handOver(meeting.id(), to.getValue()));
            }
        });
        give.setId("hand-over");
        add(to, give);
    }
}
