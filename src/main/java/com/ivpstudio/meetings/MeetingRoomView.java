package com.ivpstudio.meetings;

import com.ivpstudio.images.PhotoService;
import com.ivpstudio.language.UserFormats;
import com.ivpstudio.meetings.blind.BlindRoundPanel;
import com.ivpstudio.meetings.blind.BlindReviewService;
import com.ivpstudio.meetings.minutes.MinutesView;
import com.ivpstudio.security.CurrentUser;
import com.ivpstudio.snapshots.SnapshotService;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.ShortcutRegistration;
import com.vaadin.flow.component.Shortcuts;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import jakarta.annotation.security.PermitAll;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * One meeting. The presenter moves through the agenda (buttons or keyboard: Page Down / Page Up for the next /
 * previous case, Shift + Page Down / Up for the next / previous snapshot, which is what presentation clickers send);
 * followers' screens follow through {@link MeetingEvents}. A follower can detach to look around and re-attach to
 * jump back to what the presenter shows.
 */
@Route("meetings/:meetingId(\\d+)")
@PermitAll
public class MeetingRoomView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final MeetingService meetingService;
    private final MeetingStageService stageService;
    private final MeetingEvents events;
    private final CurrentUser currentUser;
    private final MeetingStage stage;
    private final StageControls controls;
    private final NotesPanel notes;
    private final BlindRoundPanel blind;
    private final Div header = new Div();
    private final Div agendaList = new Div();
    private final Div followBar = new Div();
    private final Div presenceList = new Div();
    private final Div handOver = new Div();

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
            SnapshotService snapshots) {
        this.meetingService = meetingService;
        this.stageService = stageService;
        this.events = events;
        this.currentUser = currentUser;
        this.stage = new MeetingStage(photos, snapshots);
        this.controls = new StageControls(snapshots, this::apply, stage);
        this.notes = new NotesPanel(notesService);
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
        header.setId("meeting-header");
        header.addClassName("meeting-header");
        agendaList.setId("agenda");
        agendaList.addClassName("meeting-agenda");
        followBar.setId("follow-bar");
        followBar.addClassName("follow-bar");
        presenceList.setId("presence");
        presenceList.addClassName("meeting-presence");
        handOver.addClassName("hand-over");

        Div side = new Div(new H4(getTranslation("meetings.agenda")), agendaList, new H4(getTranslation("meetings.present")),
                presenceList, handOver);
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

    private void renderAll() {
        renderHeader();
        renderAgenda();
        renderFollowBar();
        renderHandOver();
        renderStage();
        showRound();
    }

    private void renderHeader() {
        header.removeAll();
        H2 title = new H2(meeting.title());
        Span status = new Span(getTranslation("meetings.status." + meeting.status().name().toLowerCase(java.util.Locale.ROOT)));
        status.setId("meeting-status");
        status.getElement().getThemeList().add("badge");
        Span when = new Span(UserFormats.dateTime(meeting.scheduledAt(), ZoneId.systemDefault(), getLocale()));
        Span presenter = new Span(getTranslation("meetings.presenter", meeting.presenter()));
        presenter.setId("meeting-presenter");
        Div facts = new Div(status, when, presenter);
        facts.addClassName("meeting-facts");
        Div actions = new Div();
        actions.addClassName("meeting-actions");
        if (meetingService.mayOrganise(meeting) && meeting.status() != MeetingStatus.ENDED) {
            Button edit = new Button(getTranslation("meetings.edit"), VaadinIcon.EDIT.create(),
                    e -> new MeetingEditorDialog(meetingService, meeting, items, saved -> reload()).open());
            edit.setId("edit-meeting");
            actions.add(edit);
        }
        if (meetingService.mayOrganise(meeting) && meeting.status() == MeetingStatus.PLANNED) {
            Button start = new Button(getTranslation("meetings.start"), VaadinIcon.PLAY.create(),
                    e -> MeetingUi.attempt(this, () -> {
                        meeting = meetingService.start(meeting.id());
                        reload();
                    }));
            start.setId("start-meeting");
            start.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            actions.add(start);
        }
        if (meetingService.mayOrganise(meeting) && meeting.status() == MeetingStatus.RUNNING) {
            Button end = new Button(getTranslation("meetings.end"), VaadinIcon.STOP.create(),
                    e -> MeetingUi.attempt(this, () -> {
                        meeting = meetingService.end(meeting.id());
                        reload();
                    }));
            end.setId("end-meeting");
            actions.add(end);
        }
        RouterLink minutes = new RouterLink(getTranslation("meetings.minutes"), MinutesView.class,
                new RouteParameters("meetingId", Long.toString(meeting.id())));
        minutes.setId("open-minutes");
        actions.add(minutes);
        header.add(title, facts, actions);
        if (amPresenter()) {
            Paragraph keys = new Paragraph(getTranslation("meetings.keyboard.help"));
            keys.addClassName("meeting-keys");
            header.add(keys);
        }
    }

    private void renderAgenda() {
        agendaList.removeAll();
        for (AgendaItem item : items) {
            Div row = new Div();
            row.addClassName("agenda-row");
            if (item.position() == shown.position()) {
                row.addClassName("current");
            }
            row.getElement().setAttribute("data-case", item.patientCode());
            Span code = new Span((item.position() + 1) + ". " + item.patientCode());
            row.add(code);
            if (item.discussed()) {
                row.add(MeetingUi.badge(this, "meetings.agenda.discussed", "agenda-discussed"));
            }
            if (item.decision() != null) {
                Span d = new Span(notes.decisionName(item.decision()));
                d.addClassName("agenda-decision");
                row.add(d);
            }
            boolean canMove = amPresenter() || !following || meeting.status() != MeetingStatus.RUNNING;
            if (canMove) {
                row.getElement().setAttribute("role", "button");
                row.getElement().setAttribute("tabindex", "0");
                row.addClickListener(e -> apply(shown.at(item.position())));
            }
            agendaList.add(row);
        }
    }

    private void renderFollowBar() {
        followBar.removeAll();
        if (meeting.status() != MeetingStatus.RUNNING) {
            followBar.add(new Span(getTranslation(meeting.status() == MeetingStatus.PLANNED
                    ? "meetings.follow.not-started" : "meetings.follow.ended")));
            controls.setVisible(true);
            return;
        }
        if (amPresenter()) {
            Span you = new Span(getTranslation("meetings.follow.you-present"));
            you.setId("you-present");
            followBar.add(you);
            controls.setVisible(true);
            return;
        }
        Span state = new Span(getTranslation(following ? "meetings.follow.following" : "meetings.follow.detached",
                meeting.presenter()));
        state.setId("follow-state");
        followBar.getElement().setAttribute("data-following", Boolean.toString(following));
        Button toggle = new Button(getTranslation(following ? "meetings.follow.detach" : "meetings.follow.attach"),
                e -> setFollowing(!following));
        toggle.setId(following ? "detach" : "attach");
        toggle.setTooltipText(getTranslation(following ? "meetings.follow.detach.help" : "meetings.follow.attach.help"));
        followBar.add(state, toggle);
        controls.setVisible(!following);
    }

    private void renderHandOver() {
        handOver.removeAll();
        if (!amPresenter() && !(currentUser.isAdmin() && meeting.status() == MeetingStatus.RUNNING)) {
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
        handOver.add(to, give);
    }

    private void renderStage() {
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
                renderAgenda();
                renderStage();
                showRound();
            });
        } else if (!following || meeting.status() != MeetingStatus.RUNNING) {
            shown = next;
            renderAgenda();
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
        renderFollowBar();
        renderAgenda();
        renderStage();
    }

    private void reload() {
        meeting = meetingService.open(meeting.id());
        items = meetingService.agenda(meeting.id());
        live = stageService.stage(meeting.id());
        if (following || amPresenter()) {
            shown = live;
        }
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
                    renderAgenda();
                    renderStage();
                    showRound();
                }
            }
            case MEETING -> reload();
            case PRESENCE -> refreshPresence();
            case NOTES -> {
                items = meetingService.agenda(meeting.id());
                renderAgenda();
                if (!items.isEmpty()) {
                    notes.show(items.get(Math.min(items.size() - 1, shown.position())), amPresenter());
                }
            }
            case ROUND -> showRound();
        }
    }

    /** While a blind round runs, the case's photos stay hidden: they would give the answers away. */
    private void showRound() {
        stage.setVisible(!blind.show(meeting, items, shown, amPresenter()));
    }

    private void refreshPresence() {
        presenceList.removeAll();
        for (Presence p : stageService.present(meeting.id())) {
            Span who = new Span(p.username());
            who.addClassName("presence-name");
            who.getElement().setAttribute("data-user", p.username());
            who.getElement().setAttribute("data-following", Boolean.toString(p.following()));
            if (meeting.isPresenter(p.username())) {
                who.add(new Span(" · " + getTranslation("meetings.presence.presenting")));
            } else if (!p.following()) {
                who.add(new Span(" · " + getTranslation("meetings.presence.looking-around")));
            }
            presenceList.add(new Div(who));
        }
    }
}
