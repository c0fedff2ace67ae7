package com.ivpstudio.sharing;

import static org.springframework.web.util.HtmlUtils.htmlEscape;

import java.util.Locale;
import java.util.Optional;

/**
 * The patient page as server-rendered HTML: no staff UI bundle, one inline style sheet (allowed by its hash in the
 * CSP), the images, and the vanilla scrubber/swipe scripts. Everything shown is escaped, and every word comes from
 * {@link PatientText} in the patient's language.
 */
final class PatientPageHtml {


    /** Mobile first: one column; from tablet width the views sit two by two. */
    static final String CSS = """
            *{box-sizing:border-box}
            body{margin:0;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2733;background:#f4f6f8}
            main{max-width:860px;margin:0 auto;padding:14px}
            header h1{font-size:1.35em;margin:.2em 0}
            .practice{margin:0;color:#4a5866;font-size:.95em}
            .notice{background:#c66a0e;color:#fff;font-weight:600;border-radius:8px;padding:8px 12px;margin:12px 0}
            .message{background:#fff;border-left:4px solid #1a6c96;border-radius:6px;padding:10px 12px;white-space:pre-line}
            .code{color:#4a5866;font-size:.9em}
            .caution{background:#fcefe2;border-left:4px solid #c66a0e;border-radius:6px;padding:8px 12px;margin:0 0 8px}
            section{background:#fff;border-radius:10px;padding:12px;margin:14px 0;box-shadow:0 1px 2px rgba(0,0,0,.08)}
            section h2{font-size:1.1em;margin:0 0 8px}
            .views{display:grid;grid-template-columns:1fr;gap:10px}
            @media (min-width:600px){.views{grid-template-columns:1fr 1fr}}
            figure{margin:0}
            figure img{display:block;width:100%;height:auto;aspect-ratio:5/3;object-fit:contain;background:#111;border-radius:6px}
            figcaption{font-size:.9em;color:#4a5866;margin-top:3px}
            .sim{font-size:.75em;font-weight:600;color:#fff;background:#c66a0e;border-radius:4px;padding:0 5px;margin-left:6px}
            .pair{margin:10px 0}
            ivp-scrubber::part(grid){gap:4px}
            form{display:flex;flex-direction:column;gap:10px;max-width:360px}
            input[type=password]{font:inherit;padding:10px;border:1px solid #8a97a5;border-radius:8px}
            button{font:inherit;padding:10px;border:0;border-radius:8px;background:#1a6c96;color:#fff}
            .error{color:#a11;font-weight:600}
            footer{color:#4a5866;font-size:.85em;margin:18px 0}
            footer a{color:#1a6c96}
            """;

    private PatientPageHtml() {
    }

    static String page(ShareLink link, SharedContent content, SharingSettings practice, Optional<String> patientCode,
            String base, PatientText t) {
        StringBuilder b = start(link.title() == null ? t.get("sharing.patient.default-title") : link.title(), practice, t);
        b.append("<p class=\"notice\" role=\"note\">").append(htmlEscape(t.get("sharing.patient.notice")))
                .append("</p>\n");
        if (link.message() != null) {
            b.append("<p class=\"message\">").append(htmlEscape(link.message())).append("</p>\n");
        }
        patientCode.ifPresent(c -> b.append("<p class=\"code\">").append(htmlEscape(t.get("sharing.patient.code", c)))
                .append("</p>\n"));
        boolean scrubber = false;
        boolean swipe = false;
        for (int s = 0; s < content.sections().size(); s++) {
            SharedSection section = content.sections().get(s);
            b.append("<section class=\"shared ").append(section.kind().name().toLowerCase(Locale.ROOT))
                    .append("\"><h2>").append(htmlEscape(t.heading(section.kind()))).append("</h2>\n");
            if (section.borrowedDirection()) {
                b.append("<p class=\"caution\" role=\"note\">")
                        .append(htmlEscape(t.get("sharing.patient.nudge-caution"))).append("</p>\n");
            }
            switch (section.kind()) {
                case VIEWS -> views(b, section, base, t);
                case STRIP -> {
                    scrubber = true;
                    b.append("<ivp-scrubber frames-url=\"").append(base).append("/frames/").append(s)
                            .append("\" labels=\"").append(htmlEscape(t.scrubberLabels()))
                            .append("\"></ivp-scrubber>\n<p class=\"code\">")
                            .append(htmlEscape(t.get("sharing.patient.strip-help"))).append("</p>\n");
                }
                case COMPARISON -> {
                    swipe = true;
                    pairs(b, section, base, t);
                }
            }
            b.append("</section>\n");
        }
        b.append("<footer><p>").append(htmlEscape(t.get("sharing.patient.footer", t.day(link.expiresAt()))))
                .append("</p><p><a href=\"").append(base).append("/handout.pdf\">")
                .append(htmlEscape(t.get("sharing.patient.handout"))).append("</a></p></footer>\n");
        if (scrubber) {
            b.append("<script src=\"/p/assets/ivp-scrubber.js\" defer></script>\n");
        }
        if (swipe) {
            b.append("<script src=\"/p/assets/ivp-swipe.js\" defer></script>\n")
                    .append("<script src=\"/p/assets/ivp-patient-page.js\" defer></script>\n");
        }
        return end(b);
    }

    static String passcodeForm(ShareLink link, SharingSettings practice, String base, String error, PatientText t) {
        StringBuilder b = start(t.get("sharing.patient.default-title"), practice, t);
        b.append("<section><h2>").append(htmlEscape(t.get("sharing.patient.passcode.title"))).append("</h2><p>")
                .append(htmlEscape(t.get("sharing.patient.passcode.text"))).append("</p>\n");
        if (error != null) {
            b.append("<p class=\"error\" role=\"alert\">").append(htmlEscape(error)).append("</p>\n");
        }
        b.append("<form method=\"post\" action=\"").append(base).append("\">")
                .append("<label for=\"passcode\">").append(htmlEscape(t.get("sharing.patient.passcode.label")))
                .append("</label>")
                .append("<input id=\"passcode\" name=\"passcode\" type=\"password\" autocomplete=\"off\" required ")
                .append("maxlength=\"").append(ShareRequest.MAX_PASSCODE).append("\">")
                .append("<button type=\"submit\">").append(htmlEscape(t.get("sharing.patient.passcode.open")))
                .append("</button></form></section>\n");
        return end(b);
    }

    /** The one page for an unknown, expired or revoked link: nothing in it depends on which. */
    static String unavailable(PatientText t) {
        return end(start(t.get("sharing.patient.unavailable.title"), null, t).append("<section><p>")
                .append(htmlEscape(t.get("sharing.patient.unavailable.text"))).append("</p></section>\n"));
    }

    static String throttled(String wait, PatientText t) {
        return end(start(t.get("sharing.patient.throttled.title"), null, t)
                .append("<section><p class=\"error\" role=\"alert\">")
                .append(htmlEscape(t.get("sharing.patient.throttled.text", wait))).append("</p></section>\n"));
    }

    private static void views(StringBuilder b, SharedSection section, String base, PatientText t) {
        b.append("<div class=\"views\">\n");
        for (SharedSection.Frame f : section.frames()) {
            for (SharedImage i : f.images()) {
                figure(b, i, base, t);
            }
        }
        b.append("</div>\n");
    }

    private static void pairs(StringBuilder b, SharedSection section, String base, PatientText t) {
        for (SharedSection.Frame f : section.frames()) {
            if (f.images().size() != 2) {
                b.append("<div class=\"views\">");
                f.images().forEach(i -> figure(b, i, base, t));
                b.append("</div>\n");
                continue;
            }
            SharedImage before = f.images().get(0);
            SharedImage after = f.images().get(1);
            b.append("<div class=\"pair\"><ivp-swipe label=\"")
                    .append(htmlEscape(t.get("sharing.patient.swipe-label"))).append('"')
                    .append(data("before", before, base, t))
                    .append(data("after", after, base, t))
                    .append("></ivp-swipe><p class=\"code\">")
                    .append(htmlEscape(t.get("sharing.patient.swipe-help", t.view(before), t.view(after))))
                    .append("</p></div>\n");
        }
    }

    private static String data(String side, SharedImage i, String base, PatientText t) {
        String tag = t.get(i.generated() ? "sharing.patient.simulated" : "sharing.patient.your-photo-tag");
        return " data-" + side + "-src=\"" + base + "/img/" + i.index() + "\" data-" + side + "-alt=\""
                + htmlEscape(t.view(i)) + "\" data-" + side + "-label=\"" + htmlEscape(tag) + "\"";
    }

    private static void figure(StringBuilder b, SharedImage i, String base, PatientText t) {
        String caption = t.view(i);
        b.append("<figure><img src=\"").append(base).append("/img/").append(i.index())
                .append("\" alt=\"").append(htmlEscape(i.generated() ? t.get("sharing.patient.simulated-alt", caption)
                        : caption))
                .append("\" width=\"400\" height=\"240\"><figcaption>").append(htmlEscape(caption))
                .append(i.generated() ? "<span class=\"sim\">" + htmlEscape(t.get("sharing.patient.simulated"))
                        + "</span>" : "").append("</figcaption></figure>\n");
    }

    private static StringBuilder start(String title, SharingSettings practice, PatientText t) {
        StringBuilder b = new StringBuilder(8192);
        b.append("<!doctype html>\n<html lang=\"").append(htmlEscape(t.language()))
                .append("\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<meta name=\"robots\" content=\"noindex, nofollow\"><meta name=\"referrer\" content=\"no-referrer\">")
                .append("<title>").append(htmlEscape(title)).append("</title><style>").append(CSS)
                .append("</style></head>\n<body><main>\n<header><h1>").append(htmlEscape(title)).append("</h1>");
        if (practice != null && !practice.practiceName().isEmpty()) {
            b.append("<p class=\"practice\">").append(htmlEscape(practice.practiceName()));
            if (!practice.practiceContact().isEmpty()) {
                b.append(" · ").append(htmlEscape(practice.practiceContact()));
            }
            b.append("</p>");
        }
        return b.append("</header>\n");
    }

    private static String end(StringBuilder b) {
        return b.append("</main></body></html>\n").toString();
    }
}
