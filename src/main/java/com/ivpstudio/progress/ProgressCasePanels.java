package com.ivpstudio.progress;

import com.ivpstudio.cases.CasePanelProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/** Puts the progress timeline's entry on the case page. */
@Configuration(proxyBeanMethods = false)
class ProgressCasePanels {

    @Bean
    @Order(40)
    CasePanelProvider progressPanel(ProgressTimelineService timelines) {
        return patientCase -> new ProgressCasePanel(patientCase, timelines.hasProgress(patientCase.id()));
    }
}
