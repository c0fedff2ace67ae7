package com.ivpstudio.meetings;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import java.util.function.Consumer;

/**
 * Above the stage: whether this screen follows the presenter, with the button to look around on one's own or to
 * follow again; "You are presenting" for the presenter; a line saying the meeting has not started or has ended.
 */
class FollowBar extends Div {

    private final Consumer<Boolean> setFollowing;

    FollowBar(Consumer<Boolean> setFollowing) {
        this.setFollowing = setFollowing;
        setId("follow-bar");
        addClassName("follow-bar");
    }

    void show(Meeting meeting, boolean presenter, boolean following) {
        removeAll();
        if (meeting.status() != MeetingStatus.RUNNING) {
            add(new Span(getTranslation(meeting.status() == MeetingStatus.PLANNED
                    ? "meetings.follow.not-started" : "meetings.follow.ended")));
            return;
        }
        if (presenter) {
            Span you = new Span(getTranslation("meetings.follow.you-present"));
            you.setId("you-present");
            add(you);
            return;
        }
        Span state = new Span(getTranslation(following ? "meetings.follow.following" : "meetings.follow.detached",
                meeting.presenter()));
        state.setId("follow-state");
        getElement().setAttribute("data-following", Boolean.toString(following));
        Button toggle = new Button(getTranslation(following ? "meetings.follow.detach" : "meetings.follow.attach"),
                e -> setFollowing.accept(!following));
        toggle.setId(following ? "detach" : "attach");
        toggle.setTooltipText(getTranslation(following ? "meetings.follow.detach.help" : "meetings.follow.attach.help"));
        add(state, toggle);
    }
}
