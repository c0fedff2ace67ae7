package com.ivpstudio.meetings;

import com.ivpstudio.shell.NavigationEntry;
import com.vaadin.flow.component.icon.VaadinIcon;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class MeetingsNavigation {

    @Bean
    NavigationEntry meetingsEntry() {
        return NavigationEntry.translated("meetings.navigation", "meetings", VaadinIcon.GROUP, 30, false);
    }
}
