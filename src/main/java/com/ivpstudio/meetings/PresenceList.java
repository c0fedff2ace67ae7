package com.ivpstudio.meetings;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import java.util.List;

/** "Present now": who has the meeting open, who presents and who looks around on their own. */
class PresenceList extends Div {

    PresenceList() {
        setId("presence");
        addClassName("meeting-presence");
    }

    void show(List<Presence> present, Meeting meeting) {
        removeAll();
        for (Presence p : present) {
            Span who = new Span(p.username());
            who.addClassName("presence-name");
            who.getElement().setAttribute("data-user", p.username());
            who.getElement().setAttribute("data-following", Boolean.toString(p.following()));
            if (meeting.isPresenter(p.username())) {
                who.add(new Span(" · " + getTranslation("meetings.presence.presenting")));
            } else if (!p.following()) {
                who.add(new Span(" · " + getTranslation("meetings.presence.looking-around")));
            }
            add(new Div(who));
        }
    }
}
