package com.ivpstudio.images;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.server.streams.DownloadHandler;
import java.io.ByteArrayInputStream;
import com.ivpstudio.language.UserFormats;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** A case's photos grouped by capture date (newest last), each group in the clinical order of the views. */
public class PhotoTimeline extends Div {

    private final PhotoService photos;
    private final Consumer<Photo> onOpen;

    public PhotoTimeline(PhotoService photos, Consumer<Photo> onOpen) {
        this.photos = photos;
        this.onOpen = onOpen;
        addClassName("photo-timeline");
        setId("photo-timeline");
    }

    public void show(List<Photo> list) {
        removeAll();
        if (list.isEmpty()) {
            add(new Paragraph(getTranslation("casepage.timeline.empty")));
            return;
        }
        Map<LocalDate, List<Photo>> byDate = list.stream().collect(Collectors.groupingBy(Photo::capturedOn, TreeMap::new, Collectors.toList()));
        byDate.forEach((date, group) -> {
            Div row = new Div();
            row.addClassName("timeline-row");
            group.stream().sorted(java.util.Comparator.comparing(Photo::kind)).forEach(p -> row.add(thumbnail(p)));
            Div section = new Div(new H4(UserFormats.date(date, getLocale())), row);
            section.addClassName("timeline-date");
            add(section);
        });
    }

    private Div thumbnail(Photo p) {
        Image img = new Image(DownloadHandler.fromInputStream(e -> new com.vaadin.flow.server.streams.DownloadResponse(
                new ByteArrayInputStream(photos.thumbnail(p.id())), "thumb-" + p.id() + ".jpg", "image/jpeg", -1)),
                getTranslation("casepage.timeline.alt", getTranslation(p.kind().translationKey()), p.label()));
        img.addClassName("thumb-img");
        Span caption = new Span(getTranslation(p.kind().translationKey()) + " · " + p.label());
        caption.addClassName("thumb-caption");
        Div card = new Div(img, caption, new PhotoBadge(p));
        card.addClassName("thumb");
        card.getElement().setAttribute("data-photo-id", Long.toString(p.id()));
        card.getElement().setAttribute("data-kind", p.kind().name());
        card.getElement().setAttribute("tabindex", "0");
        card.getElement().setAttribute("role", "button");
        card.addClickListener(e -> onOpen.accept(p));
        card.getElement().addEventListener("keydown", e -> onOpen.accept(p))
                .setFilter("event.key === 'Enter' || event.key === ' '").preventDefault();
        return card;
    }
}
