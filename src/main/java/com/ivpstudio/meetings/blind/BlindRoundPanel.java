package com.ivpstudio.meetings.blind;

import com.ivpstudio.meetings.AgendaItem;
import com.ivpstudio.meetings.Meeting;
import com.ivpstudio.meetings.MeetingStatus;
import com.ivpstudio.meetings.MeetingUi;
import com.ivpstudio.meetings.StageState;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Optional;

/**
 * The blind review round inside a meeting: the presenter starts it on the case on screen and moves from image to
 * image; everyone sees the same unlabelled image and votes "real" or "simulated".
 */
public class BlindRoundPanel extends Div {

    private final BlindReviewService blind;

    public BlindRoundPanel(BlindReviewService blind) {
        this.blind = blind;
        setId("blind-round");
        addClassName("blind-round");
    }

    /** Shows the round's state; returns whether a round is open (the case's photos must then be hidden). */
    public boolean show(Meeting meeting, List<AgendaItem> items, StageState shown, boolean presenter) {
        removeAll();
        if (meeting.status() != MeetingStatus.RUNNING || items.isEmpty()) {
            return false;
        }
        Optional<BlindRound> open = blind.openRound(meeting.id());
        if (open.isEmpty()) {
            if (presenter) {
                AgendaItem item = items.get(Math.min(items.size() - 1, shown.position()));
                List<String> views = blind.comparableViews(item);
                Button start = new Button(getTranslation("meetings.blind.start"),
                        e -> MeetingUi.attempt(this, () -> blind.start(meeting.id(), item.id())));
                start.setId("start-blind-round");
                start.setEnabled(!views.isEmpty());
                start.setTooltipText(getTranslation(views.isEmpty() ? "meetings.blind.start.impossible"
                        : "meetings.blind.start.help"));
                add(start);
            }
            return false;
        }
        BlindRound round = open.get();
        getElement().setAttribute("data-round", Long.toString(round.id()));
        getElement().setAttribute("data-index", Integer.toString(round.currentIndex()));
        add(new H4(getTranslation("meetings.blind.title", round.currentIndex() + 1, round.imageCount())));
        Paragraph how = new Paragraph(getTranslation("meetings.blind.help"));
        how.addClassName("blind-help");
        add(how);
        long roundId = round.id();
        int index = round.currentIndex();
        Image image = new Image(DownloadHandler.fromInputStream(e -> {
            byte[] bytes = blind.currentImage(round);
            return new DownloadResponse(new ByteArrayInputStream(bytes), "blind-" + roundId + "-" + index + ".png",
                    "image/png", bytes.length);
        }), getTranslation("meetings.blind.image-alt", index + 1));
        image.setId("blind-image");
        image.addClassName("blind-image");
        add(image);

        Checkbox plausible = new Checkbox(getTranslation("meetings.blind.plausible"));
        plausible.setId("blind-plausible");
        plausible.setTooltipText(getTranslation("meetings.blind.plausible.help"));
        Button real = new Button(getTranslation("meetings.blind.real"),
                e -> MeetingUi.attempt(this, () -> blind.vote(roundId, true, plausible.getValue())));
        real.setId("vote-real");
        Button simulated = new Button(getTranslation("meetings.blind.simulated"),
                e -> MeetingUi.attempt(this, () -> blind.vote(roundId, false, plausible.getValue())));
        simulated.setId("vote-simulated");
        Optional<Boolean> mine = blind.myVoteOnCurrent(round);
        mine.ifPresent(saysReal -> (saysReal ? real : simulated).addThemeVariants(ButtonVariant.LUMO_PRIMARY));
        Span votes = new Span(getTranslation("meetings.blind.votes", blind.votesOnCurrent(round)));
        votes.setId("blind-votes");
        Div actions = new Div(real, simulated, plausible, votes);
        actions.addClassName("blind-actions");
        add(actions);
        if (presenter) {
            Button next = new Button(getTranslation("meetings.blind.next"),
                    e -> MeetingUi.attempt(this, () -> blind.next(roundId)));
            next.setId("blind-next");
            next.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            Button close = new Button(getTranslation("meetings.blind.close"),
                    e -> MeetingUi.attempt(this, () -> blind.close(roundId)));
            close.setId("blind-close");
            add(new Div(next, close));
        }
        return true;
    }
}
