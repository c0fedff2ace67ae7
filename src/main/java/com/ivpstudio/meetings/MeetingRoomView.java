package com.ivpstudio.meetings;

import com.ivpstudio.images.PhotoService;
import com.ivpstudio.meetings.blind.BlindRoundPanel;
import com.ivpstudio.meetings.blind.BlindReviewService;
import com.ivpstudio.security.CurrentUser;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.ShortcutRegistration;
import com.vaadin.flow.component.Shortcuts;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import jakarta.annotation.security.PermitAll;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * One meeting. The presenter moves through the agenda (buttons or keyboard: Page Down / Page Up for the next /
 * previous case, Shift + Page Down / Up for the next / previous snapshot, which is what presentation clickers send);
 * followers' screens follow through {@link MeetingEvents}. A follower can detach to look around and re-attach to
 * jump back to what the presenter shows. This view holds the screen's state (what the presenter shows, what this
 * screen shows, following or not) and hands each part of the screen what it needs.
 */
@Route("meetings/:meetingId(\\d+)")
@PermitAll
public class MeetingRoomView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final MeetingService meetingService;
    private final MeetingStageService stageService;
    private final MeetingEvents events;
    private final CurrentUser currentUser;
    private final MeetingHeader header;
    private final AgendaList agenda;
    private final PresenceList presence = new PresenceList();
    private final HandOverControl handOver;
    private final FollowBar followBar;
    private final StageControls controls;
    private final MeetingStage stage;
    private final BlindRoundPanel blind;
    private final NotesPanel notes;

    private Meeting meeting;
    private List<AgendaItem> items = List.of();
    private StageState live;
    private StageState shown;
    private boolean following = true;
    private String clientId;
    private String me;
    private AutoCloseable listening;
    private final List<ShortcutRegistration> shortcuts = new ArrayList<>();

    public MeetingRoomView(MeetingService meetingService, MeetingStageService stageService, MeetingNotesService notesService,
            BlindReviewService blindReview, MeetingEvents events, CurrentUser currentUser, PhotoService photos,
            MeetingSnapshots snapshots) {
        this.meetingService = meetingService;
        this.stageService = stageService;
        this.events = events;
        this.currentUser = currentUser;
        this.header = new MeetingHeader(meetingService, this::reload);
        this.notes = new NotesPanel(notesService);
        this.agenda = new AgendaList(notes::decisionName, position -> apply(shown.at(position)));
        this.handOver = new HandOverControl(stageService);
        this.followBar = new FollowBar(this::setFollowing);
        this.stage = new MeetingStage(photos, snapshots);
        this.controls = new StageControls(snapshots, this::apply, stage);
        this.blind = new BlindRoundPanel(blindReview);
        addClassName("meeting-room");
        setWidthFull();
    }

    @Override
    public String getPageTitle() {
        return meeting == null ? getTranslation("meetings.title") : meeting.title();
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        long id = event.getRouteParameters().getLong("meetingId").orElse(-1L);
        try {
            meeting = meetingService.open(id);
        } catch (MeetingProblem refused) {
            removeAll();
            Paragraph p = new Paragraph(getTranslation(refused.key(), refused.params()));
            p.setId("meeting-refused");
            p.addClassName("meeting-refused");
            add(new H2(getTranslation("meetings.title")), p, new RouterLink(getTranslation("meetings.back"), MeetingsView.class));
            meeting = null;
            return;
        }
        me = currentUser.username();
        build();
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        if (meeting == null) {
            return;
        }
        clientId = stageService.join(meeting.id());
        UI ui = attachEvent.getUI();
        SecurityContext user = SecurityContextHolder.getContext();
        listening = events.listen(meeting.id(), e -> MeetingUi.pushTo(ui, user, () -> onEvent(e)));
        shortcuts.add(Shortcuts.addShortcutListener(this, () -> controls.moveCase(+1), Key.PAGE_DOWN));
        shortcuts.add(Shortcuts.addShortcutListener(this, () -> controls.moveCase(-1), Key.PAGE_UP));
        shortcuts.add(Shortcuts.addShortcutListener(this, () -> controls.moveSnapshot(+1), Key.PAGE_DOWN, KeyModifier.SHIFT));
        shortcuts.add(Shortcuts.addShortcutListener(this, () -> controls.moveSnapshot(-1), Key.PAGE_UP, KeyModifier.SHIFT));
        refreshPresence();
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        shortcuts.forEach(ShortcutRegistration::remove);
        shortcuts.clear();
        if (listening != null) {
            try {
                listening.close();
            } catch (Exception ignored) {
                // closing a listener registration cannot fail
            }
            listening = null;
        }
        if (clientId != null) {
            stageService.leave(meeting.id(), clientId, me);
            clientId = null;
        }
        super.onDetach(detachEvent);
    }

    private void build() {
        removeAll();
        items = meetingService.agenda(meeting.id());
        live = stageService.stage(meeting.id());
        shown = live;
        Div side = new Div(new H4(getTranslation("meetings.agenda")), agenda, new H4(getTranslation("meetings.present")),
                presence, handOver);
        side.addClassName("meeting-side");
        Div center = new Div(followBar, controls, stage, blind);
        center.addClassName("meeting-center");
        Div right = new Div(notes);
        right.addClassName("meeting-right");
        Div body = new Div(side, center, right);
        body.addClassName("meeting-body");
        add(header, body);
        renderAll();
    }

    private boolean amPresenter() {
        return meeting.status() == MeetingStatus.RUNNING && meeting.isPresenter(me);
    }

    /** Whether this screen's own controls move it: the presenter's, a detached follower's, or outside the meeting. */
    private boolean movesItself() {
        return amPresenter() || !following || meeting.status() != MeetingStatus.RUNNING;
    }

    private void renderAll() {
        header.show(meeting, items, amPresenter());
        renderFollowing();
        handOver.show(meeting, amPresenter() || currentUser.isAdmin() && meeting.status() == MeetingStatus.RUNNING);
        renderStage();
        showRound();
    }

    private void renderFollowing() {
        followBar.show(meeting, amPresenter(), following);
        controls.setVisible(movesItself());
    }

    /** The agenda highlight, the stage, its controls and the case's notes for {@link #shown}. */
    private void renderStage() {
        agenda.show(items, shown.position(), movesItself());
        stage.show(shown, items);
        controls.show(shown, items);
        if (!items.isEmpty()) {
            notes.show(items.get(Math.min(items.size() - 1, shown.position())), amPresenter());
        }
    }

    /** A move from the controls, the agenda or the keyboard. */
    private void apply(StageState next) {
        if (amPresenter()) {
            MeetingUi.attempt(this, () -> {
                live = stageService.present(next);
                shown = live;
                renderStage();
                showRound();
            });
        } else if (movesItself()) {
            shown = next;
            renderStage();
        }
    }

    private void setFollowing(boolean follow) {
        following = follow;
        stageService.follow(meeting.id(), clientId, follow);
        if (follow) {
            live = stageService.stage(meeting.id());
            shown = live;
        }
        renderFollowing();
        renderStage();
    }

    private void reload() {
        meeting = meetingService.open(meeting.id());
        items = meetingService.agenda(meeting.id());
        live = stageService.stage(meeting.id());
        if (following || amPresenter()) {
            shown = live;
        }
        stage.forget();
        renderAll();
    }

    private void onEvent(MeetingEvent event) {
        switch (event.kind()) {
            case STAGE -> {
                StageState next = event.stage().orElseGet(() -> stageService.stage(meeting.id()));
                if (!next.presenter().equalsIgnoreCase(meeting.presenter())) {
                    reload();
                    return;
                }
                if (next.version() <= live.version()) {
                    return;
                }
                live = next;
                if (following && !amPresenter()) {
                    shown = live;
                    renderStage();
                    showRound();
                }
            }
            case MEETING -> reload();
            case PRESENCE -> refreshPresence();
            case NOTES -> {
                items = meetingService.agenda(meeting.id());
                agenda.show(items, shown.position(), movesItself());
                notes.reload();
            }
            case ROUND -> showRound();
        }
    }

    /** While a blind round runs, the case's photos stay hidden: they would give the answers away. */
    private void showRound() {
        stage.setVisible(!blind.show(meeting, items, shown, amPresenter()));
    }

    private void refreshPresence() {
        presence.show(stageService.present(meeting.id()), meeting);
    }
}
