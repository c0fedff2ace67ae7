package com.ivpstudio.meetings.minutes;

import com.ivpstudio.meetings.MeetingProblem;
import com.ivpstudio.meetings.MeetingRoomView;
import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import jakarta.annotation.security.PermitAll;
import java.io.ByteArrayInputStream;
import java.util.Locale;

/** The minutes on screen, with HTML and PDF downloads (each download audited). */
@Route("meetings/:meetingId(\\d+)/minutes")
@PermitAll
public class MinutesView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final MinutesService minutes;

    public MinutesView(MinutesService minutes) {
        this.minutes = minutes;
        addClassName("minutes-view");
    }

    @Override
    public String getPageTitle() {
        return getTranslation("meetings.minutes");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        long id = event.getRouteParameters().getLong("meetingId").orElse(-1L);
        removeAll();
        Minutes m;
        try {
            m = minutes.minutes(id);
        } catch (MeetingProblem refused) {
            Paragraph p = new Paragraph(getTranslation(refused.key(), refused.params()));
            p.setId("meeting-refused");
            add(p);
            return;
        }
        Locale locale = getLocale();
        Words words = this::getTranslation;
        Anchor pdf = new Anchor(DownloadHandler.fromInputStream(e -> {
            byte[] bytes = minutes.exportPdf(id, words, locale);
            return new DownloadResponse(new ByteArrayInputStream(bytes), "minutes-" + id + ".pdf", "application/pdf",
                    bytes.length);
        }), getTranslation("meetings.minutes.pdf"));
        pdf.setId("minutes-pdf");
        pdf.getElement().setAttribute("download", true);
        Anchor html = new Anchor(DownloadHandler.fromInputStream(e -> {
            byte[] bytes = minutes.exportHtml(id, words, locale);
            return new DownloadResponse(new ByteArrayInputStream(bytes), "minutes-" + id + ".html", "text/html",
                    bytes.length);
        }), getTranslation("meetings.minutes.html"));
        html.setId("minutes-html");
        html.getElement().setAttribute("download", true);
        RouterLink back = new RouterLink(getTranslation("meetings.minutes.back"), MeetingRoomView.class,
                new RouteParameters("meetingId", Long.toString(id)));
        Div actions = new Div(back, pdf, html);
        actions.addClassName("minutes-actions");
        Html body = new Html(new MinutesHtml(words, locale).fragment(m));
        add(actions, body);
    }
}
