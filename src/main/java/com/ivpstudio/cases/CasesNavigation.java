package com.ivpstudio.cases;

import com.ivpstudio.shell.NavigationEntry;
import com.vaadin.flow.component.icon.VaadinIcon;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CasesNavigation {

    @Bean
    NavigationEntry casesEntry() {
        return NavigationEntry.translated("cases.navigation", "cases", VaadinIcon.FOLDER_OPEN, 10, false);
    }
}
