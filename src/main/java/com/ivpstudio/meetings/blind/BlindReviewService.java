package com.ivpstudio.meetings.blind;

import com.ivpstudio.audit.AuditAction;
import com.ivpstudio.audit.AuditLog;
import com.ivpstudio.images.Photo;
import com.ivpstudio.images.PhotoKind;
import com.ivpstudio.images.PhotoService;
import com.ivpstudio.meetings.AgendaItem;
import com.ivpstudio.meetings.Meeting;
import com.ivpstudio.meetings.MeetingEvent;
import com.ivpstudio.meetings.MeetingEvents;
import com.ivpstudio.meetings.MeetingProblem;
import com.ivpstudio.meetings.MeetingService;
import com.ivpstudio.meetings.MeetingStatus;
import com.ivpstudio.meetings.ScaledPng;
import com.ivpstudio.security.CurrentUser;
import com.ivpstudio.snapshots.Snapshot;
import com.ivpstudio.snapshots.SnapshotImage;
import com.ivpstudio.snapshots.SnapshotKind;
import com.ivpstudio.snapshots.SnapshotService;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Blind review: for an agenda case with real photos of the other views and a saved set of predicted views, the real
 * and the predicted images are shown shuffled, one at a time, to every participant, who votes "real" or "simulated"
 * (and, optionally, whether it looks clinically plausible). Both kinds are shown at the same size, re-encoded, so
 * neither resolution nor metadata gives them away. Results add up per model version and view.
 */
@Service
public class BlindReviewService {

    /** Shown size of every round image (the demo model draws 128 px; real photos are scaled to match). */
    static final int SHOWN_SIZE = 256;
    private static final List<PhotoKind> OTHER_VIEWS = List.of(PhotoKind.LEFT, PhotoKind.RIGHT, PhotoKind.UPPER,
            PhotoKind.LOWER);

    private final BlindRoundRepository rounds;
    private final MeetingService meetings;
    private final MeetingEvents events;
    private final PhotoService photos;
    private final SnapshotService snapshots;
    private final AuditLog audit;
    private final CurrentUser currentUser;
    private final SecureRandom random = new SecureRandom();

    BlindReviewService(BlindRoundRepository rounds, MeetingService meetings, MeetingEvents events, PhotoService photos,
            SnapshotService snapshots, AuditLog audit, CurrentUser currentUser) {
        this.rounds = rounds;
        this.meetings = meetings;
        this.events = events;
        this.photos = photos;
        this.snapshots = snapshots;
        this.audit = audit;
        this.currentUser = currentUser;
    }

    /** The views for which a round on this case could compare real and predicted (empty: no round possible). */
    public List<String> comparableViews(AgendaItem item) {
        return pairs(item).map(p -> List.copyOf(p.real().keySet())).orElse(List.of());
    }

    /** The presenter starts a round on the case on screen; an open round of the meeting is closed first. */
    @Transactional
    public BlindRound start(long meetingId, long itemId) {
        Meeting meeting = requirePresenter(meetingId);
        AgendaItem item = meetings.agenda(meetingId).stream().filter(i -> i.id() == itemId).findFirst()
                .orElseThrow(() -> new MeetingProblem("meetings.error.no-item"));
        Pairs pairs = pairs(item).orElseThrow(() -> new MeetingProblem("meetings.blind.error.no-pairs"));
        rounds.closeOpenRounds(meetingId);
        Snapshot s = pairs.snapshot();
        long roundId = rounds.insertRound(meetingId, itemId, s.bundleId(), s.bundleVersion(), s.bundleSha256(),
                currentUser.username());
        record Entry(String view, boolean real, Long photoId, Integer imagePosition) {
        }
        List<Entry> entries = new ArrayList<>();
        pairs.real().forEach((view, photo) -> entries.add(new Entry(view, true, photo.id(), null)));
        pairs.predicted().forEach((view, image) -> entries.add(new Entry(view, false, null, image.position())));
        Collections.shuffle(entries, random);
        for (int at = 0; at < entries.size(); at++) {
            Entry e = entries.get(at);
            rounds.insertImage(roundId, at, e.view(), e.real(), e.photoId(), e.real() ? null : s.id(), e.imagePosition());
        }
        audit.record(AuditAction.BLIND_ROUND_STARTED, item.caseId(), Long.toString(roundId),
                "meeting " + meeting.id() + " · " + entries.size() + " images · model " + s.bundleId() + " "
                        + s.bundleSha256().substring(0, 12));
        events.publish(meetingId, MeetingEvent.Kind.ROUND);
        return rounds.round(roundId).orElseThrow();
    }

    /** The meeting's open round, if any. */
    public Optional<BlindRound> openRound(long meetingId) {
        meetings.open(meetingId);
        return rounds.openRound(meetingId);
    }

    /** The image now on screen in the round, as shown (same size for real and predicted). */
    public byte[] currentImage(BlindRound round) {
        meetings.open(round.meetingId());
        BlindImage image = rounds.image(round.id(), round.currentIndex())
                .orElseThrow(() -> new MeetingProblem("meetings.blind.error.finished"));
        byte[] bytes = image.real() ? photos.imageBytes(image.photoId())
                : snapshots.images(image.snapshotId()).get(image.imagePosition()).bytes();
        return ScaledPng.centreSquare(bytes, SHOWN_SIZE)
                .orElseThrow(() -> new MeetingProblem("meetings.blind.error.image"));
    }

    /** A participant's vote on the image now on screen; voting again replaces the vote. */
    @Transactional
    public void vote(long roundId, boolean saysReal, Boolean plausible) {
        BlindRound round = rounds.round(roundId).orElseThrow(() -> new MeetingProblem("meetings.blind.error.finished"));
        meetings.open(round.meetingId());
        if (!round.open() || round.finished()) {
            throw new MeetingProblem("meetings.blind.error.finished");
        }
        BlindImage image = rounds.image(roundId, round.currentIndex()).orElseThrow();
        rounds.vote(image.id(), currentUser.username(), saysReal, plausible);
        audit.record(AuditAction.BLIND_ROUND_VOTED, null, Long.toString(roundId), "image " + (image.position() + 1));
        events.publish(round.meetingId(), MeetingEvent.Kind.ROUND);
    }

    /** How many participants voted on the image now on screen. */
    public long votesOnCurrent(BlindRound round) {
        return rounds.image(round.id(), round.currentIndex()).map(i -> rounds.votesOn(i.id())).orElse(0L);
    }

    public Optional<Boolean> myVoteOnCurrent(BlindRound round) {
        return rounds.image(round.id(), round.currentIndex()).flatMap(i -> rounds.voteOf(i.id(), currentUser.username()));
    }

    /** The presenter shows the next image; after the last one the round closes. */
    @Transactional
    public void next(long roundId) {
        BlindRound round = rounds.round(roundId).orElseThrow(() -> new MeetingProblem("meetings.blind.error.finished"));
        requirePresenter(round.meetingId());
        rounds.advance(roundId);
        if (round.currentIndex() + 1 >= round.imageCount()) {
            close(round);
        }
        events.publish(round.meetingId(), MeetingEvent.Kind.ROUND);
    }

    @Transactional
    public void close(long roundId) {
        BlindRound round = rounds.round(roundId).orElseThrow(() -> new MeetingProblem("meetings.blind.error.finished"));
        requirePresenter(round.meetingId());
        close(round);
        events.publish(round.meetingId(), MeetingEvent.Kind.ROUND);
    }

    /** Per model version and view: how often the team told predicted from real. */
    public List<BlindResult> results() {
        return rounds.results();
    }

    private void close(BlindRound round) {
        rounds.close(round.id());
        audit.record(AuditAction.BLIND_ROUND_CLOSED, null, Long.toString(round.id()), null);
    }

    private Meeting requirePresenter(long meetingId) {
        Meeting meeting = meetings.open(meetingId);
        if (meeting.status() != MeetingStatus.RUNNING || !meeting.isPresenter(currentUser.username())) {
            throw new MeetingProblem("meetings.error.not-presenter");
        }
        return meeting;
    }

    /** Real photos (latest per view) and one saved set of predicted views of the case, for the views both have. */
    private Optional<Pairs> pairs(AgendaItem item) {
        Map<String, Photo> real = new LinkedHashMap<>();
        List<Photo> all = photos.photosOf(item.caseId()).stream()
                .sorted(Comparator.comparing(Photo::capturedOn).reversed()).toList();
        for (PhotoKind kind : OTHER_VIEWS) {
            all.stream().filter(p -> p.kind() == kind).findFirst()
                    .ifPresent(p -> real.put(kind.name().toLowerCase(Locale.ROOT), p));
        }
        List<Snapshot> candidates = new ArrayList<>(item.snapshotIds().stream().map(snapshots::get).toList());
        candidates.addAll(snapshots.snapshotsOf(item.caseId()));
        for (Snapshot s : candidates) {
            if (s.kind() != SnapshotKind.VIEWS) {
                continue;
            }
            Map<String, SnapshotImage> predicted = new LinkedHashMap<>();
            for (SnapshotImage image : snapshots.images(s.id())) {
                if (image.isGenerated() && image.view() != null && real.containsKey(image.view())
                        && !predicted.containsKey(image.view())) {
                    predicted.put(image.view(), image);
                }
            }
            if (!predicted.isEmpty()) {
                real.keySet().retainAll(predicted.keySet());
                return Optional.of(new Pairs(s, real, predicted));
            }
        }
        return Optional.empty();
    }

    private record Pairs(Snapshot snapshot, Map<String, Photo> real, Map<String, SnapshotImage> predicted) {
    }
}
