package com.ivpstudio.meetings.blind;

import com.ivpstudio.language.UserFormats;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.spring.annotation.SpringComponent;
import java.util.List;
import java.util.Locale;
import org.springframework.context.annotation.Scope;

/**
 * For the Models page: how often review teams told each model version's predicted views from real photos in blind
 * rounds, per view (50 % = they could not tell them apart), next to the computed metrics.
 */
@SpringComponent
@Scope("prototype")
public class BlindReviewResultsPanel extends Div {

    private final BlindReviewService blind;

    BlindReviewResultsPanel(BlindReviewService blind) {
        this.blind = blind;
        setId("blind-review-results");
        addClassName("blind-review-results");
        setWidthFull();
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        removeAll();
        add(new H3(getTranslation("meetings.blind.results.title")));
        Paragraph help = new Paragraph(getTranslation("meetings.blind.results.help"));
        help.addClassName("blind-results-help");
        add(help);
        List<BlindResult> results = blind.results();
        if (results.isEmpty()) {
            Paragraph none = new Paragraph(getTranslation("meetings.blind.results.none"));
            none.setId("blind-results-none");
            add(none);
            return;
        }
        Locale locale = getLocale();
        Grid<BlindResult> grid = new Grid<>();
        grid.setId("blind-results-grid");
        grid.addColumn(r -> r.bundleId() + " " + r.bundleVersion() + " · " + r.bundleSha256().substring(0, 12))
                .setHeader(getTranslation("meetings.blind.results.model")).setAutoWidth(true);
        grid.addColumn(r -> getTranslation("meetings.view." + r.view())).setHeader(getTranslation("meetings.blind.results.view"));
        grid.addColumn(r -> Long.toString(r.votes())).setHeader(getTranslation("meetings.blind.results.votes"));
        grid.addColumn(r -> Long.toString(r.correct())).setHeader(getTranslation("meetings.blind.results.correct"));
        grid.addColumn(r -> UserFormats.percent(r.toldApart(), locale))
                .setHeader(getTranslation("meetings.blind.results.told-apart"))
                .setTooltipGenerator(r -> getTranslation("meetings.blind.results.told-apart.help"));
        grid.addColumn(r -> r.plausibleAnswers() == 0 ? "–" : UserFormats.percent(r.plausibleShare(), locale))
                .setHeader(getTranslation("meetings.blind.results.plausible"));
        grid.setItems(results);
        grid.setAllRowsVisible(true);
        add(grid);
    }
}
