package com.ivpstudio.meetings;

import com.ivpstudio.language.UserFormats;
import com.ivpstudio.meetings.minutes.MinutesView;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/**
 * The meeting's title, status, time and presenter, and what the organiser may do with it (edit, start, end), the
 * link to the minutes and, for the presenter, the keyboard help.
 */
class MeetingHeader extends Div {

    private final MeetingService meetingService;
    private final Runnable changed;

    /** {@code changed} runs after the meeting was edited, started or ended here. */
    MeetingHeader(MeetingService meetingService, Runnable changed) {
        this.meetingService = meetingService;
        this.changed = changed;
        setId("meeting-header");
        addClassName("meeting-header");
    }

    void show(Meeting meeting, List<AgendaItem> items, boolean presenter) {
        removeAll();
        Span status = new Span(getTranslation("meetings.status." + meeting.status().name().toLowerCase(Locale.ROOT)));
        status.setId("meeting-status");
        status.getElement().getThemeList().add("badge");
        Span when = new Span(UserFormats.dateTime(meeting.scheduledAt(), ZoneId.systemDefault(), getLocale()));
        Span presenterName = new Span(getTranslation("meetings.presenter", meeting.presenter()));
        presenterName.setId("meeting-presenter");
        Div facts = new Div(status, when, presenterName);
        facts.addClassName("meeting-facts");
        add(new H2(meeting.title()), facts, actions(meeting, items));
        if (presenter) {
            Paragraph keys = new Paragraph(getTranslation("meetings.keyboard.help"));
            keys.addClassName("meeting-keys");
            add(keys);
        }
    }

    private Div actions(Meeting meeting, List<AgendaItem> items) {
        Div actions = new Div();
        actions.addClassName("meeting-actions");
        boolean organiser = meetingService.mayOrganise(meeting);
        if (organiser && meeting.status() != MeetingStatus.ENDED) {
            Button edit = new Button(getTranslation("meetings.edit"), VaadinIcon.EDIT.create(),
                    e -> new MeetingEditorDialog(meetingService, meeting, items, saved -> changed.run()).open());
            edit.setId("edit-meeting");
            actions.add(edit);
        }
        if (organiser && meeting.status() == MeetingStatus.PLANNED) {
            Button start = lifecycle("meetings.start", VaadinIcon.PLAY, "start-meeting",
                    () -> meetingService.start(meeting.id()));
            start.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            actions.add(start);
        }
        if (organiser && meeting.status() == MeetingStatus.RUNNING) {
            actions.add(lifecycle("meetings.end", VaadinIcon.STOP, "end-meeting", () -> meetingService.end(meeting.id())));
        }
        RouterLink minutes = new RouterLink(getTranslation("meetings.minutes"), MinutesView.class,
                new RouteParameters("meetingId", Long.toString(meeting.id())));
        minutes.setId("open-minutes");
        actions.add(minutes);
        return actions;
    }

    /** Start or end: the change, then the screen reads the meeting again. */
    private Button lifecycle(String key, VaadinIcon icon, String id, Runnable change) {
        Button button = new Button(getTranslation(key), icon.create(), e -> MeetingUi.attempt(this, () -> {
            change.run();
            changed.run();
        }));
        button.setId(id);
        return button;
    }
}
