package com.ivpstudio.meetings.minutes;

import com.ivpstudio.audit.AuditAction;
import com.ivpstudio.audit.AuditLog;
import com.ivpstudio.meetings.AgendaItem;
import com.ivpstudio.meetings.Meeting;
import com.ivpstudio.meetings.MeetingNotesService;
import com.ivpstudio.meetings.MeetingService;
import com.ivpstudio.meetings.ScaledPng;
import com.ivpstudio.snapshots.Snapshot;
import com.ivpstudio.snapshots.SnapshotImage;
import com.ivpstudio.snapshots.SnapshotService;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/** The minutes of a meeting (participants and admins only), on screen or exported (audited). */
@Service
public class MinutesService {

    static final int THUMBNAIL_WIDTH = 160;

    private final MeetingService meetings;
    private final MeetingNotesService notes;
    private final SnapshotService snapshots;
    private final AuditLog audit;

    MinutesService(MeetingService meetings, MeetingNotesService notes, SnapshotService snapshots, AuditLog audit) {
        this.meetings = meetings;
        this.notes = notes;
        this.snapshots = snapshots;
        this.audit = audit;
    }

    public Minutes minutes(long meetingId) {
        Meeting meeting = meetings.open(meetingId);
        List<AgendaItem> items = meetings.agenda(meetingId);
        List<Minutes.Case> cases = items.stream().map(i -> new Minutes.Case(i, notes.comments(i.id()))).toList();
        Map<Long, String> codes = items.stream().collect(Collectors.toMap(AgendaItem::caseId, AgendaItem::patientCode));
        List<Minutes.Shown> shown = new ArrayList<>();
        for (long id : meetings.shownSnapshots(meetingId)) {
            Snapshot s = snapshots.get(id);
            List<SnapshotImage> images = snapshots.images(id);
            byte[] thumb = images.stream().filter(SnapshotImage::isGenerated).findFirst()
                    .flatMap(i -> ScaledPng.toWidth(i.bytes(), THUMBNAIL_WIDTH)).orElse(null);
            shown.add(new Minutes.Shown(id, codes.getOrDefault(s.caseId(), ""), s.title(), s.bundleId(),
                    s.bundleVersion(), s.bundleSha256(), s.createdBy(), s.createdAt(), thumb));
        }
        return new Minutes(meeting, meetings.attendance(meetingId), cases, shown);
    }

    /** The minutes as a self-contained HTML page (images inline). */
    public byte[] exportHtml(long meetingId, Words words, Locale locale) {
        byte[] html = new MinutesHtml(words, locale).document(minutes(meetingId));
        audit.record(AuditAction.MEETING_MINUTES_EXPORTED, null, Long.toString(meetingId), "html");
        return html;
    }

    public byte[] exportPdf(long meetingId, Words words, Locale locale) {
        byte[] pdf = new MinutesPdf(words, locale).document(minutes(meetingId));
        audit.record(AuditAction.MEETING_MINUTES_EXPORTED, null, Long.toString(meetingId), "pdf");
        return pdf;
    }
}
