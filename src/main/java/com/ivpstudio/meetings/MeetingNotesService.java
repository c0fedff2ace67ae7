package com.ivpstudio.meetings;

import com.ivpstudio.audit.AuditAction;
import com.ivpstudio.audit.AuditLog;
import com.ivpstudio.security.CurrentUser;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Per agenda case: comments by any participant, the team's decision, and the presenter's "discussed" mark. */
@Service
public class MeetingNotesService {

    public static final int MAX_COMMENT = 2000;
    public static final int MAX_DECISION_NOTE = 500;

    private final MeetingService meetingService;
    private final AgendaRepository agenda;
    private final MeetingEvents events;
    private final AuditLog audit;
    private final CurrentUser currentUser;
    private final Clock clock = Clock.systemUTC();

    MeetingNotesService(MeetingService meetingService, AgendaRepository agenda, MeetingEvents events, AuditLog audit,
            CurrentUser currentUser) {
        this.meetingService = meetingService;
        this.agenda = agenda;
        this.events = events;
        this.audit = audit;
        this.currentUser = currentUser;
    }

    @Transactional
    public void comment(long itemId, String text) {
        AgendaItem item = openItem(itemId);
        String body = text == null ? "" : text.strip();
        if (body.isEmpty()) {
            throw new MeetingProblem("meetings.error.comment-empty");
        }
        if (body.length() > MAX_COMMENT) {
            throw new MeetingProblem("meetings.error.comment-long", MAX_COMMENT);
        }
        agenda.addComment(itemId, currentUser.username(), body, clock.instant());
        // The text itself stays out of the audit trail: it may describe the patient.
        audit.record(AuditAction.MEETING_COMMENTED, item.caseId(), Long.toString(item.meetingId()), null);
        events.publish(item.meetingId(), MeetingEvent.Kind.NOTES);
    }

    @Transactional
    public void decide(long itemId, Decision decision, String customNote) {
        AgendaItem item = openItem(itemId);
        if (decision == null) {
            throw new MeetingProblem("meetings.error.decision-missing");
        }
        String note = customNote == null ? "" : customNote.strip();
        if (decision == Decision.CUSTOM && note.isEmpty()) {
            throw new MeetingProblem("meetings.error.decision-note-missing");
        }
        if (note.length() > MAX_DECISION_NOTE) {
            throw new MeetingProblem("meetings.error.decision-note-long", MAX_DECISION_NOTE);
        }
        agenda.decide(itemId, decision, note.isEmpty() ? null : note, currentUser.username(), clock.instant());
        audit.record(AuditAction.MEETING_DECISION, item.caseId(), Long.toString(item.meetingId()), decision.name());
        events.publish(item.meetingId(), MeetingEvent.Kind.NOTES);
    }

    /** Only the presenter marks a case discussed. */
    @Transactional
    public void markDiscussed(long itemId, boolean discussed) {
        AgendaItem item = agenda.item(itemId).orElseThrow(() -> new MeetingProblem("meetings.error.no-item"));
        Meeting meeting = meetingService.open(item.meetingId());
        if (!meeting.isPresenter(currentUser.username())) {
            throw new MeetingProblem("meetings.error.not-presenter");
        }
        agenda.setDiscussed(itemId, discussed);
        audit.record(AuditAction.MEETING_CASE_DISCUSSED, item.caseId(), Long.toString(item.meetingId()),
                discussed ? "discussed" : "not discussed");
        events.publish(item.meetingId(), MeetingEvent.Kind.NOTES);
    }

    public List<MeetingComment> comments(long itemId) {
        openItem(itemId);
        return agenda.comments(itemId);
    }

    /** The item as stored now (its decision and mark), for a participant's screen. */
    public AgendaItem item(long itemId) {
        return openItem(itemId);
    }

    private AgendaItem openItem(long itemId) {
        AgendaItem item = agenda.item(itemId).orElseThrow(() -> new MeetingProblem("meetings.error.no-item"));
        meetingService.open(item.meetingId());
        return item;
    }
}
