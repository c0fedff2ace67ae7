package com.ivpstudio.meetings;

import com.ivpstudio.audit.AuditAction;
import com.ivpstudio.audit.AuditLog;
import com.ivpstudio.cluster.ClusterNodes;
import com.ivpstudio.cluster.NodeDrained;
import com.ivpstudio.security.CurrentUser;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The live part of a meeting: what the presenter shows (only the presenter moves it), hand-over, and who is present
 * and following. Every change is stored first and then announced to all nodes, so a screen that missed an event
 * still finds the latest state when it re-reads.
 */
@Service
public class MeetingStageService {

    private final MeetingService meetingService;
    private final MeetingRepository meetings;
    private final AgendaRepository agenda;
    private final PresenceRepository presence;
    private final MeetingEvents events;
    private final AuditLog audit;
    private final CurrentUser currentUser;
    private final ClusterNodes nodes;
    private final TransactionTemplate transactions;
    private volatile boolean drained;

    MeetingStageService(MeetingService meetingService, MeetingRepository meetings, AgendaRepository agenda,
            PresenceRepository presence, MeetingEvents events, AuditLog audit, CurrentUser currentUser,
            ClusterNodes nodes, TransactionTemplate transactions) {
        this.meetingService = meetingService;
        this.meetings = meetings;
        this.agenda = agenda;
        this.presence = presence;
        this.events = events;
        this.audit = audit;
        this.currentUser = currentUser;
        this.nodes = nodes;
        this.transactions = transactions;
    }

    public StageState stage(long meetingId) {
        meetingService.open(meetingId);
        return meetings.stage(meetingId);
    }

    /** The presenter shows {@code next}; followers on every node follow. */
    @Transactional
    public StageState present(StageState next) {
        Meeting meeting = meetingService.open(next.meetingId());
        if (meeting.status() != MeetingStatus.RUNNING) {
            throw new MeetingProblem("meetings.error.not-running");
        }
        if (!meeting.isPresenter(currentUser.username())) {
            throw new MeetingProblem("meetings.error.not-presenter");
        }
        List<AgendaItem> items = agenda.items(meeting.id());
        if (next.position() < 0 || next.position() >= items.size()) {
            throw new MeetingProblem("meetings.error.no-item");
        }
        AgendaItem item = items.get(next.position());
        if (next.snapshotId() != null && !item.snapshotIds().contains(next.snapshotId())) {
            throw new MeetingProblem("meetings.error.snapshot-of-other-case");
        }
        long version = meetings.move(meeting.id(), next.position(), next.snapshotId(), next.view(),
                Math.max(0, next.step()));
        if (next.snapshotId() != null) {
            agenda.markShown(meeting.id(), next.snapshotId());
        }
        events.publish(meeting.id(), MeetingEvent.Kind.STAGE);
        return new StageState(meeting.id(), next.position(), next.snapshotId(), next.view(), Math.max(0, next.step()),
                meeting.presenter(), version);
    }

    /** The presenter (or an admin) hands the presenter role to another participant. */
    @Transactional
    public void handOver(long meetingId, String to) {
        Meeting meeting = meetingService.open(meetingId);
        if (!meeting.isPresenter(currentUser.username()) && !currentUser.isAdmin()) {
            throw new MeetingProblem("meetings.error.not-presenter");
        }
        if (!meeting.isParticipant(to)) {
            throw new MeetingProblem("meetings.error.hand-over-participant");
        }
        meetings.setPresenter(meetingId, to);
        audit.record(AuditAction.MEETING_PRESENTER_CHANGED, null, Long.toString(meetingId), "to " + to);
        events.publish(meetingId, MeetingEvent.Kind.STAGE);
    }

    /** Registers an open meeting screen; returns its id for {@link #leave} and {@link #follow}. */
    @Transactional
    public String join(long meetingId) {
        meetingService.open(meetingId);
        String clientId = UUID.randomUUID().toString();
        presence.join(clientId, meetingId, currentUser.username(), nodes.thisNodeId());
        audit.record(AuditAction.MEETING_JOINED, null, Long.toString(meetingId), null);
        events.publish(meetingId, MeetingEvent.Kind.PRESENCE);
        return clientId;
    }

    /**
     * The screen closed (also called without a signed-in user, when a session ends: the name is passed). Once this
     * node has drained its screens have already left (see {@link #leaveAllOnThisNode}) and the database may be gone.
     */
    public void leave(long meetingId, String clientId, String username) {
        if (drained) {
            return;
        }
        transactions.executeWithoutResult(status -> {
            if (presence.leave(clientId)) {
                audit.recordAs(username, AuditAction.MEETING_LEFT, null, Long.toString(meetingId), null);
                events.publish(meetingId, MeetingEvent.Kind.PRESENCE);
            }
        });
    }

    /**
     * This node has drained and is about to close its connections: every meeting screen open on it leaves now, while
     * the database is still there. The screens' own goodbyes would come only when the web server ends their sessions,
     * after the database has gone; the other nodes' "Present now" would keep them until this node's heartbeat is
     * missed, and the audit would never say they left.
     */
    @EventListener(NodeDrained.class)
    @Transactional
    public void leaveAllOnThisNode() {
        drained = true;
        Set<Long> left = new TreeSet<>();
        for (PresenceRepository.Departure d : presence.leaveAllOf(nodes.thisNodeId())) {
            audit.recordAs(d.username(), AuditAction.MEETING_LEFT, null, Long.toString(d.meetingId()), "node stopped");
            left.add(d.meetingId());
        }
        left.forEach(meetingId -> events.publish(meetingId, MeetingEvent.Kind.PRESENCE));
    }

    /** A follower detaches (false) to look around, or re-attaches (true). */
    @Transactional
    public void follow(long meetingId, String clientId, boolean following) {
        presence.setFollowing(clientId, following);
        events.publish(meetingId, MeetingEvent.Kind.PRESENCE);
    }

    /**
     * Who has the meeting open now (read on a notification thread too: no user check, ids only). Screens on a node
     * whose heartbeat went silent are left out: a killed node never said they closed.
     */
    public List<Presence> present(long meetingId) {
        return presence.present(meetingId, nodes.running());
    }
}
