package com.ivpstudio.meetings;

import com.ivpstudio.audit.AuditAction;
import com.ivpstudio.audit.AuditLog;
import com.ivpstudio.cases.CaseFilter;
import com.ivpstudio.cases.CaseService;
import com.ivpstudio.cases.CaseSort;
import com.ivpstudio.cases.CaseStatus;
import com.ivpstudio.cases.PatientCase;
import com.ivpstudio.security.CurrentUser;
import com.ivpstudio.security.StaffDirectory;
import com.ivpstudio.snapshots.Snapshot;
import com.ivpstudio.snapshots.SnapshotService;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Review meetings: plan (title, time, participants, agenda), start, end, and who may open one. Only participants and
 * admins see a meeting; the organiser, the presenter and admins may change it.
 */
@Service
public class MeetingService {

    public static final int MAX_TITLE = 120;

    private final MeetingRepository meetings;
    private final AgendaRepository agenda;
    private final PresenceRepository presence;
    private final CaseService cases;
    private final SnapshotService snapshots;
    private final StaffDirectory staff;
    private final MeetingEvents events;
    private final AuditLog audit;
    private final CurrentUser currentUser;
    private final Clock clock = Clock.systemUTC();

    MeetingService(MeetingRepository meetings, AgendaRepository agenda, PresenceRepository presence, CaseService cases, SnapshotService snapshots,
            StaffDirectory staff, MeetingEvents events, AuditLog audit, CurrentUser currentUser) {
        this.meetings = meetings;
        this.agenda = agenda;
        this.presence = presence;
        this.cases = cases;
        this.snapshots = snapshots;
        this.staff = staff;
        this.events = events;
        this.audit = audit;
        this.currentUser = currentUser;
    }

    /** Plans a meeting; the organiser takes part and presents first. */
    @Transactional
    public Meeting create(MeetingDraft draft) {
        String me = currentUser.username();
        Checked checked = check(draft, me);
        long id = meetings.insert(checked.title, draft.scheduledAt(), me, me);
        meetings.replaceParticipants(id, checked.participants);
        agenda.replaceAgenda(id, checked.caseIds);
        audit.record(AuditAction.MEETING_CREATED, null, Long.toString(id),
                checked.participants.size() + " participants · " + checked.caseIds.size() + " cases");
        return meetings.find(id).orElseThrow();
    }

    /** Changes title, time, participants and agenda (order included) of a meeting that has not ended. */
    @Transactional
    public Meeting update(long meetingId, MeetingDraft draft) {
        Meeting meeting = requireOrganiser(meetingId);
        if (meeting.status() == MeetingStatus.ENDED) {
            throw new MeetingProblem("meetings.error.ended");
        }
        Checked checked = check(draft, meeting.createdBy());
        if (!checked.participants.stream().anyMatch(p -> p.equalsIgnoreCase(meeting.presenter()))) {
            checked.participants.add(meeting.presenter());
        }
        meetings.update(meetingId, checked.title, draft.scheduledAt());
        meetings.replaceParticipants(meetingId, checked.participants);
        agenda.replaceAgenda(meetingId, checked.caseIds);
        audit.record(AuditAction.MEETING_EDITED, null, Long.toString(meetingId),
                checked.participants.size() + " participants · " + checked.caseIds.size() + " cases");
        events.publish(meetingId, MeetingEvent.Kind.MEETING);
        return meetings.find(meetingId).orElseThrow();
    }

    /** Chooses the snapshots (of that case) to show for an agenda item, in order. */
    @Transactional
    public void chooseSnapshots(long itemId, List<Long> snapshotIds) {
        AgendaItem item = agenda.item(itemId).orElseThrow(() -> new MeetingProblem("meetings.error.no-item"));
        requireOrganiser(item.meetingId());
        for (long snapshotId : snapshotIds) {
            Snapshot s = snapshots.get(snapshotId);
            if (s.caseId() != item.caseId()) {
                throw new MeetingProblem("meetings.error.snapshot-of-other-case");
            }
        }
        agenda.replaceSnapshots(itemId, List.copyOf(new LinkedHashSet<>(snapshotIds)));
        events.publish(item.meetingId(), MeetingEvent.Kind.MEETING);
    }

    /** The meeting, if the signed-in user takes part (or is an admin); otherwise refused and audited. */
    public Meeting open(long meetingId) {
        Meeting meeting = meetings.find(meetingId).orElseThrow(() -> new MeetingProblem("meetings.error.not-found"));
        String me = currentUser.username();
        if (!meeting.isParticipant(me) && !currentUser.isAdmin()) {
            audit.record(AuditAction.MEETING_REFUSED, null, Long.toString(meetingId), null);
            throw new MeetingRefused();
        }
        return meeting;
    }

    public List<AgendaItem> agenda(long meetingId) {
        open(meetingId);
        return agenda.items(meetingId);
    }

    /** Who joined the meeting at least once, in order of first joining. */
    public List<String> attendance(long meetingId) {
        open(meetingId);
        return presence.attendance(meetingId);
    }

    /** The snapshots the presenter showed, in order of first showing. */
    public List<Long> shownSnapshots(long meetingId) {
        open(meetingId);
        return agenda.shownSnapshots(meetingId);
    }

    /** Meetings the signed-in user takes part in (admins: all). */
    public List<Meeting> myMeetings() {
        return meetings.visibleTo(currentUser.username(), currentUser.isAdmin());
    }

    /** Enabled staff who can be invited. */
    public List<String> staff() {
        return staff.enabledUsernames();
    }

    /** Active cases whose patient code or name matches, for the agenda picker. */
    public List<PatientCase> findCases(String text, int offset, int limit) {
        return cases.find(new CaseFilter(text, null, CaseStatus.ACTIVE),
                List.of(new CaseSort(CaseSort.Column.PATIENT_CODE, true)), offset, limit);
    }

    /** The case's snapshots, newest first, to choose from. */
    public List<Snapshot> snapshotsOfCase(long caseId) {
        return snapshots.snapshotsOf(caseId);
    }

    @Transactional
    public Meeting start(long meetingId) {
        Meeting meeting = requireOrganiser(meetingId);
        if (meeting.status() != MeetingStatus.PLANNED) {
            throw new MeetingProblem("meetings.error.not-planned");
        }
        if (agenda.items(meetingId).isEmpty()) {
            throw new MeetingProblem("meetings.error.empty-agenda");
        }
        meetings.setStatus(meetingId, MeetingStatus.RUNNING, clock.instant());
        meetings.move(meetingId, 0, null, StageState.ALL_VIEWS, 0);
        audit.record(AuditAction.MEETING_STARTED, null, Long.toString(meetingId), null);
        events.publish(meetingId, MeetingEvent.Kind.MEETING);
        return meetings.find(meetingId).orElseThrow();
    }

    @Transactional
    public Meeting end(long meetingId) {
        Meeting meeting = requireOrganiser(meetingId);
        if (meeting.status() != MeetingStatus.RUNNING) {
            throw new MeetingProblem("meetings.error.not-running");
        }
        meetings.setStatus(meetingId, MeetingStatus.ENDED, clock.instant());
        audit.record(AuditAction.MEETING_ENDED, null, Long.toString(meetingId), null);
        events.publish(meetingId, MeetingEvent.Kind.MEETING);
        return meetings.find(meetingId).orElseThrow();
    }

    /** Organiser, presenter or admin: the people who may change a meeting. */
    public boolean mayOrganise(Meeting meeting) {
        String me = currentUser.username();
        return meeting.createdBy().equalsIgnoreCase(me) || meeting.isPresenter(me) || currentUser.isAdmin();
    }

    private Meeting requireOrganiser(long meetingId) {
        Meeting meeting = open(meetingId);
        if (!mayOrganise(meeting)) {
            throw new MeetingProblem("meetings.error.not-organiser");
        }
        return meeting;
    }

    private Checked check(MeetingDraft draft, String organiser) {
        String title = draft.title() == null ? "" : draft.title().strip();
        if (title.isEmpty()) {
            throw new MeetingProblem("meetings.error.title-missing");
        }
        if (title.length() > MAX_TITLE) {
            throw new MeetingProblem("meetings.error.title-long", MAX_TITLE);
        }
        if (draft.scheduledAt() == null) {
            throw new MeetingProblem("meetings.error.time-missing");
        }
        Set<String> participants = new LinkedHashSet<>();
        participants.add(organiser);
        for (String p : draft.participants() == null ? List.<String>of() : draft.participants()) {
            if (!staff.isEnabledUser(p)) {
                throw new MeetingProblem("meetings.error.unknown-user");
            }
            if (participants.stream().noneMatch(x -> x.equalsIgnoreCase(p))) {
                participants.add(p);
            }
        }
        List<Long> caseIds = List.copyOf(new LinkedHashSet<>(draft.caseIds() == null ? List.of() : draft.caseIds()));
        caseIds.forEach(cases::get);
        return new Checked(title, new ArrayList<>(participants), caseIds);
    }

    private record Checked(String title, List<String> participants, List<Long> caseIds) {
    }
}
