package com.ivpstudio;

import com.ivpstudio.backup.BackupCommandLine;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.server.PWA;
import com.vaadin.flow.theme.Theme;
import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@Push
@Theme("ivp")
@PWA(name = "IVP Studio", shortName = "IVP Studio")
public class IvpStudioApplication implements AppShellConfigurator {

    public static void main(String[] args) {
        if (args.length > 0 && BackupCommandLine.COMMANDS.contains(args[0])) {
            // Backup and restore run without the web app: no model loading, no seeding, no port.
            System.exit(BackupCommandLine.run(args));
        }
        SpringApplication.run(IvpStudioApplication.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
