package com.ivpstudio.reports;

import com.ivpstudio.cases.CasePanelProvider;
import com.ivpstudio.language.TranslationFiles;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/** The case page's "Case report for the chart" panel. */
@Configuration(proxyBeanMethods = false)
class ReportCasePanels {

    @Bean
    @Order(30)
    CasePanelProvider caseReportPanel(CaseReportService reports, TranslationFiles files) {
        return patientCase -> {
            Div panel = new Div();
            panel.addClassNames("studio-panel", "report-panel");
            panel.setId("report-panel");
            panel.setWidthFull();
            Button open = new Button(panel.getTranslation("reports.panel.open"), VaadinIcon.FILE_TEXT_O.create(),
                    e -> new CaseReportDialog(reports, files, patientCase).open());
            open.setId("open-report");
            panel.add(new H3(panel.getTranslation("reports.panel.title")),
                    new Paragraph(panel.getTranslation("reports.panel.text")), open);
            return panel;
        };
    }
}
