package com.ivpstudio.meetings;

import static com.ivpstudio.meetings.MeetingFixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ivpstudio.IntegrationTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** Planning, ordering, access and the presenter's moves, through the services on real PostgreSQL. */
@IntegrationTest
class MeetingServiceIT {

    @Autowired
    ApplicationContext app;
    @Autowired
    MeetingService meetings;
    @Autowired
    MeetingStageService stage;
    @Autowired
    MeetingNotesService notes;
    @Autowired
    MeetingEvents events;

    private Meeting plan(String title, List<String> participants, String... codes) {
        Map<String, List<Long>> agenda = new LinkedHashMap<>();
        for (String code : codes) {
            agenda.put(code, List.of());
        }
        return new MeetingFixtures(app).meeting("clinician", title, participants, agenda);
    }

    @Test
    void theAgendaKeepsTheChosenOrderAndCanBeReorderedWithoutLosingNotes() {
        Meeting m = plan("Ordering", List.of(), "DEMO-03", "DEMO-01", "DEMO-02");
        assertThat(as("clinician", false, () -> meetings.agenda(m.id())).stream().map(AgendaItem::patientCode))
                .containsExactly("DEMO-03", "DEMO-01", "DEMO-02");
        AgendaItem first = as("clinician", false, () -> meetings.agenda(m.id())).get(0);
        as("clinician", false, () -> {
            notes.comment(first.id(), "Keep this comment");
            return null;
        });
        MeetingFixtures fixtures = new MeetingFixtures(app);
        List<Long> reordered = List.of(fixtures.caseId("DEMO-02"), fixtures.caseId("DEMO-03"));
        as("clinician", false, () -> meetings.update(m.id(), new MeetingDraft("Ordering, again", m.scheduledAt(),
                List.of(), reordered)));
        List<AgendaItem> after = as("clinician", false, () -> meetings.agenda(m.id()));
        assertThat(after.stream().map(AgendaItem::patientCode)).containsExactly("DEMO-02", "DEMO-03");
        assertThat(after.get(1).id()).isEqualTo(first.id());
        assertThat(as("clinician", false, () -> notes.comments(first.id()))).extracting(MeetingComment::body)
                .containsExactly("Keep this comment");
    }

    @Test
    void badInputIsRefusedWithAClearReasonAndChangesNothing() {
        Meeting m = plan("Stays as it is", List.of(), "DEMO-01");
        assertThatThrownBy(() -> as("clinician", false, () -> meetings.update(m.id(),
                new MeetingDraft("  ", m.scheduledAt(), List.of(), List.of()))))
                .isInstanceOf(MeetingProblem.class).hasMessage("meetings.error.title-missing");
        assertThatThrownBy(() -> as("clinician", false, () -> meetings.update(m.id(),
                new MeetingDraft("x".repeat(121), m.scheduledAt(), List.of(), List.of()))))
                .hasMessage("meetings.error.title-long");
        assertThatThrownBy(() -> as("clinician", false, () -> meetings.update(m.id(),
                new MeetingDraft("New", m.scheduledAt(), List.of("nobody-of-that-name"), List.of()))))
                .hasMessage("meetings.error.unknown-user");
        assertThatThrownBy(() -> as("clinician", false, () -> meetings.start(plan("Empty", List.of()).id())))
                .hasMessage("meetings.error.empty-agenda");
        Meeting same = as("clinician", false, () -> meetings.open(m.id()));
        assertThat(same.title()).isEqualTo("Stays as it is");
        assertThat(as("clinician", false, () -> meetings.agenda(m.id()))).hasSize(1);
    }

    @Test
    void onlyParticipantsAndAdminsOpenAMeetingAndTheListShowsOnlyTheirs() {
        String[] member = new MeetingFixtures(app).newClinician("member");
        String[] outsider = new MeetingFixtures(app).newClinician("outsider");
        Meeting m = plan("Members only", List.of(member[0]), "DEMO-01");
        assertThat(as(member[0], false, () -> meetings.open(m.id())).title()).isEqualTo("Members only");
        assertThat(as("admin", true, () -> meetings.open(m.id())).id()).isEqualTo(m.id());
        assertThatThrownBy(() -> as(outsider[0], false, () -> meetings.open(m.id()))).isInstanceOf(MeetingRefused.class);
        assertThatThrownBy(() -> as(outsider[0], false, () -> stage.stage(m.id()))).isInstanceOf(MeetingRefused.class);
        assertThat(as(outsider[0], false, () -> meetings.myMeetings())).noneMatch(x -> x.id() == m.id());
        assertThat(as(member[0], false, () -> meetings.myMeetings())).anyMatch(x -> x.id() == m.id());
    }

    @Test
    void aMeetingGoesFromUpcomingToRunningToPastAndOnlyThePresenterMovesTheStage() throws Exception {
        String[] member = new MeetingFixtures(app).newClinician("member");
        Meeting m = plan("Lifecycle", List.of(member[0]), "DEMO-01", "DEMO-02");
        assertThat(m.status()).isEqualTo(MeetingStatus.PLANNED);
        BlockingQueue<MeetingEvent> heard = new LinkedBlockingQueue<>();
        try (AutoCloseable l = events.listen(m.id(), heard::add)) {
            as("clinician", false, () -> meetings.start(m.id()));
            StageState moved = as("clinician", false, () -> stage.present(stage.stage(m.id()).at(1)));
            assertThat(moved.position()).isEqualTo(1);
            MeetingEvent event;
            do {
                event = heard.poll(5, TimeUnit.SECONDS);
                assertThat(event).isNotNull();
            } while (event.kind() != MeetingEvent.Kind.STAGE);
            assertThat(event.stage().orElseThrow().position()).isEqualTo(1);
            assertThat(event.stage().orElseThrow().version()).isEqualTo(moved.version());
        }
        assertThatThrownBy(() -> as(member[0], false, () -> stage.present(stage.stage(m.id()).at(0))))
                .hasMessage("meetings.error.not-presenter");
        assertThatThrownBy(() -> as("clinician", false, () -> stage.present(stage.stage(m.id()).at(7))))
                .hasMessage("meetings.error.no-item");
        as("clinician", false, () -> meetings.end(m.id()));
        assertThat(as("clinician", false, () -> meetings.open(m.id())).status()).isEqualTo(MeetingStatus.ENDED);
        assertThatThrownBy(() -> as("clinician", false, () -> meetings.update(m.id(),
                new MeetingDraft("Too late", Instant.now().plus(1, ChronoUnit.DAYS), List.of(), List.of()))))
                .hasMessage("meetings.error.ended");
    }
}
