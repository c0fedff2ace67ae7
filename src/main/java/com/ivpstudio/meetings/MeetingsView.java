package com.ivpstudio.meetings;

import com.ivpstudio.language.UserFormats;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import jakarta.annotation.security.PermitAll;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** The user's review meetings: running now, upcoming, past; and a new one. */
@Route("meetings")
@PermitAll
public class MeetingsView extends VerticalLayout implements HasDynamicTitle {

    private final MeetingService meetings;
    private final Div lists = new Div();

    public MeetingsView(MeetingService meetings) {
        this.meetings = meetings;
        addClassName("meetings-view");
        Button create = new Button(getTranslation("meetings.new"), VaadinIcon.PLUS.create(),
                e -> new MeetingEditorDialog(meetings, null, List.of(), saved -> getUI().ifPresent(ui ->
                        ui.navigate(MeetingRoomView.class, new RouteParameters("meetingId", Long.toString(saved.id())))))
                        .open());
        create.setId("new-meeting");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Paragraph intro = new Paragraph(getTranslation("meetings.intro"));
        add(new H2(getTranslation("meetings.title")), intro, create, lists);
        render();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("meetings.title");
    }

    private void render() {
        lists.removeAll();
        List<Meeting> all = meetings.myMeetings();
        for (MeetingStatus status : List.of(MeetingStatus.RUNNING, MeetingStatus.PLANNED, MeetingStatus.ENDED)) {
            String name = status.name().toLowerCase(Locale.ROOT);
            Div section = new Div(new H3(getTranslation("meetings.list." + name)));
            section.setId("meetings-" + name);
            section.addClassName("meetings-section");
            List<Meeting> these = new ArrayList<>(all.stream().filter(m -> m.status() == status).toList());
            if (status == MeetingStatus.ENDED) {
                Collections.reverse(these);
            }
            if (these.isEmpty()) {
                section.add(new Paragraph(getTranslation("meetings.list.none")));
            }
            for (Meeting m : these) {
                RouterLink link = new RouterLink(m.title(), MeetingRoomView.class,
                        new RouteParameters("meetingId", Long.toString(m.id())));
                link.addClassName("meeting-link");
                Span facts = new Span(UserFormats.dateTime(m.scheduledAt(), ZoneId.systemDefault(), getLocale()) + " · "
                        + getTranslation("meetings.list.people", m.participants().size()) + " · "
                        + getTranslation("meetings.presenter", m.presenter()));
                facts.addClassName("meeting-row-facts");
                Div row = new Div(link, facts);
                row.addClassName("meeting-row");
                section.add(row);
            }
            lists.add(section);
        }
    }
}
