package com.ivpstudio.admin;

import com.ivpstudio.shell.NavigationEntry;
import com.vaadin.flow.component.icon.VaadinIcon;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AdminNavigation {

    @Bean
    NavigationEntry usersEntry() {
        return NavigationEntry.translated("admin.navigation.users", "admin/users", VaadinIcon.USERS, 80, true);
    }

    @Bean
    NavigationEntry modelsEntry() {
        return NavigationEntry.translated("admin.navigation.models", "admin/models", VaadinIcon.CUBES, 82, true);
    }

    @Bean
    NavigationEntry statusEntry() {
        return NavigationEntry.translated("admin.navigation.status", "admin/status", VaadinIcon.DASHBOARD, 84, true);
    }
}
