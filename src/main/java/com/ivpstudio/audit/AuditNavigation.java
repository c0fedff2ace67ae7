package com.ivpstudio.audit;

import com.ivpstudio.shell.NavigationEntry;
import com.vaadin.flow.component.icon.VaadinIcon;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AuditNavigation {

    @Bean
    NavigationEntry auditEntry() {
        return NavigationEntry.translated("studiotools.audit.title", "admin/audit", VaadinIcon.CLIPBOARD_TEXT, 90, true);
    }
}
