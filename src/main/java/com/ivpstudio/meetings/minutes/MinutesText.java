package com.ivpstudio.meetings.minutes;

import com.ivpstudio.language.UserFormats;
import com.ivpstudio.meetings.AgendaItem;
import com.ivpstudio.meetings.Decision;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;

/** The sentences both minutes formats share, so that HTML and PDF say the same thing. */
class MinutesText {

    private final Words words;
    private final Locale locale;

    MinutesText(Words words, Locale locale) {
        this.words = words;
        this.locale = locale;
    }

    String word(String key, Object... params) {
        return words.get(key, params);
    }

    String time(Instant instant) {
        return instant == null ? "–" : UserFormats.dateTime(instant, ZoneId.systemDefault(), locale);
    }

    String heading(Minutes m) {
        return word("meetings.minutes.heading", m.meeting().title());
    }

    String facts(Minutes m) {
        return word("meetings.minutes.facts", time(m.meeting().scheduledAt()), time(m.meeting().startedAt()),
                time(m.meeting().endedAt()), m.meeting().createdBy());
    }

    String attendance(Minutes m) {
        String absent = String.join(", ", m.meeting().participants().stream()
                .filter(p -> m.attended().stream().noneMatch(a -> a.equalsIgnoreCase(p))).toList());
        return word("meetings.minutes.attended", String.join(", ", m.attended()))
                + (absent.isEmpty() ? "" : " · " + word("meetings.minutes.absent", absent));
    }

    String caseTitle(AgendaItem item) {
        return (item.position() + 1) + ". " + item.patientCode()
                + (item.discussed() ? " · " + word("meetings.agenda.discussed") : "");
    }

    String decision(AgendaItem item) {
        if (item.decision() == null) {
            return word("meetings.notes.no-decision");
        }
        String what = decisionName(item.decision()) + (item.decisionNote() == null ? "" : ": " + item.decisionNote());
        return word("meetings.notes.decided", what, item.decidedBy(), time(item.decidedAt()));
    }

    String decisionName(Decision d) {
        return word("meetings.decision." + d.name().toLowerCase(Locale.ROOT));
    }

    String provenance(Minutes.Shown s) {
        return word("meetings.stage.provenance", s.bundleId(), s.bundleVersion(), s.bundleSha256().substring(0, 12),
                s.createdBy(), time(s.createdAt()));
    }
}
