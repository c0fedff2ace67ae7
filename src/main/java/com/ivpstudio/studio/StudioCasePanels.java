package com.ivpstudio.studio;

import com.ivpstudio.cases.CasePanelProvider;
import com.ivpstudio.shell.NavigationEntry;
import com.vaadin.flow.component.icon.VaadinIcon;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/** The studio's panels on the case page and its navigation entry. */
@Configuration(proxyBeanMethods = false)
class StudioCasePanels {

    @Bean
    @Order(10)
    CasePanelProvider predictedViewsPanel(StudioContext studio) {
        return patientCase -> new PredictedViewsPanel(studio, patientCase);
    }

    @Bean
    @Order(20)
    CasePanelProvider snapshotsPanel(StudioContext studio) {
        return patientCase -> new SnapshotsPanel(studio, patientCase);
    }

    @Bean
    NavigationEntry studioEntry() {
        return new NavigationEntry("Studio", "studio", VaadinIcon.MAGIC, 20, false);
    }
}
