package com.ivpstudio.sharing;

import com.ivpstudio.cases.CasePanelProvider;
import com.ivpstudio.shell.NavigationEntry;
import com.ivpstudio.snapshots.SnapshotService;
import com.vaadin.flow.component.icon.VaadinIcon;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/** Sharing's panel on the case page (after the studio's snapshots) and the admin's page. */
@Configuration(proxyBeanMethods = false)
class SharingUi {

    @Bean
    @Order(30)
    CasePanelProvider shareLinksPanel(ShareLinkService links, SharingSettingsService settings, SnapshotService snapshots,
            PatientAccessService access, ShareAddress address) {
        return patientCase -> new SharingCasePanel(links, settings, snapshots, access, address, patientCase);
    }

    @Bean
    NavigationEntry sharingAdminEntry() {
        return NavigationEntry.translated("sharing.navigation", "admin/sharing", VaadinIcon.LINK, 86, true);
    }
}
