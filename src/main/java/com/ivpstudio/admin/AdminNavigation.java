package com.ivpstudio.admin;

import com.ivpstudio.shell.NavigationEntry;
import com.vaadin.flow.component.icon.VaadinIcon;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AdminNavigation {

    @Bean
    NavigationEntry usersEntry() {
        return new NavigationEntry("Users", "admin/users", VaadinIcon.USERS, 80, true);
    }

    @Bean
    NavigationEntry modelsEntry() {
        return new NavigationEntry("Models", "admin/models", VaadinIcon.CUBES, 82, true);
    }

    @Bean
    NavigationEntry statusEntry() {
        return new NavigationEntry("System status", "admin/status", VaadinIcon.DASHBOARD, 84, true);
    }
}
