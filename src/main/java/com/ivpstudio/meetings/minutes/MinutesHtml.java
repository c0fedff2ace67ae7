package com.ivpstudio.meetings.minutes;

import com.ivpstudio.meetings.MeetingComment;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/** The minutes as one self-contained HTML page (thumbnails inline), every text escaped. */
class MinutesHtml {

    private final MinutesText text;
    private final Locale locale;

    MinutesHtml(Words words, Locale locale) {
        this.text = new MinutesText(words, locale);
        this.locale = locale;
    }

    byte[] document(Minutes m) {
        return ("<!DOCTYPE html><html lang=\"" + locale.getLanguage() + "\"><head><meta charset=\"utf-8\"><title>"
                + esc(text.heading(m)) + "</title><style>body{font-family:sans-serif;max-width:60em;margin:2em auto;}"
                + ".simulated{color:#fff;background:#d46a0b;border-radius:4px;padding:0 6px;font-size:80%}"
                + "figure{display:inline-block;margin:0 1em 1em 0;vertical-align:top;max-width:14em}</style></head><body>"
                + fragment(m) + "</body></html>").getBytes(StandardCharsets.UTF_8);
    }

    /** The body, also shown inside the app. */
    String fragment(Minutes m) {
        StringBuilder h = new StringBuilder("<div class=\"minutes\">");
        h.append("<h2>").append(esc(text.heading(m))).append("</h2>");
        h.append("<p>").append(esc(text.facts(m))).append("</p>");
        h.append("<h3>").append(esc(text.word("meetings.minutes.attendance"))).append("</h3>");
        h.append("<p class=\"minutes-attendance\">").append(esc(text.attendance(m))).append("</p>");
        h.append("<h3>").append(esc(text.word("meetings.agenda"))).append("</h3>");
        for (Minutes.Case c : m.cases()) {
            h.append("<section class=\"minutes-case\"><h4>").append(esc(text.caseTitle(c.item()))).append("</h4>");
            h.append("<p class=\"minutes-decision\">").append(esc(text.decision(c.item()))).append("</p>");
            if (!c.comments().isEmpty()) {
                h.append("<ul>");
                for (MeetingComment comment : c.comments()) {
                    h.append("<li><b>").append(esc(comment.author())).append("</b> (")
                            .append(esc(text.time(comment.createdAt()))).append("): ").append(esc(comment.body()))
                            .append("</li>");
                }
                h.append("</ul>");
            }
            h.append("</section>");
        }
        h.append("<h3>").append(esc(text.word("meetings.minutes.shown"))).append("</h3>");
        if (m.shown().isEmpty()) {
            h.append("<p>").append(esc(text.word("meetings.minutes.none-shown"))).append("</p>");
        }
        for (Minutes.Shown s : m.shown()) {
            h.append("<figure class=\"minutes-shown\">");
            if (s.thumbnailPng() != null) {
                h.append("<img alt=\"").append(esc(text.word("meetings.minutes.thumbnail-alt", s.patientCode())))
                        .append("\" src=\"data:image/png;base64,")
                        .append(Base64.getEncoder().encodeToString(s.thumbnailPng())).append("\">");
            }
            h.append("<figcaption><span class=\"simulated\">").append(esc(text.word("meetings.stage.simulated")))
                    .append("</span> ").append(esc(s.patientCode() + " · " + s.title())).append("<br><small>")
                    .append(esc(text.provenance(s))).append("</small></figcaption></figure>");
        }
        h.append("<p><small>").append(esc(text.word("meetings.minutes.disclaimer"))).append("</small></p>");
        return h.append("</div>").toString();
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }
}
