package com.ivpstudio.meetings;

import com.ivpstudio.shell.NavigationEntry;
import com.vaadin.flow.component.icon.VaadinIcon;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class MeetingsNavigation {

    // Key meetings.navigation holds the translations; switch to NavigationEntry.translated once the shell has it.
    @Bean
    NavigationEntry meetingsEntry() {
        return new NavigationEntry("Meetings", "meetings", VaadinIcon.GROUP, 30, false);
    }
}
