package com.ivpstudio.studio;

import com.ivpstudio.audit.AuditLog;
import com.ivpstudio.cases.CasePanelProvider;
import com.ivpstudio.images.PhotoService;
import com.ivpstudio.inference.InferenceService;
import com.ivpstudio.security.CurrentUser;
import com.ivpstudio.shell.NavigationEntry;
import com.ivpstudio.snapshots.SnapshotExports;
import com.ivpstudio.snapshots.SnapshotRegeneration;
import com.ivpstudio.snapshots.SnapshotService;
import com.vaadin.flow.component.icon.VaadinIcon;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/** The studio's panels on the case page and its navigation entry. */
@Configuration(proxyBeanMethods = false)
class StudioCasePanels {

    @Bean
    @Order(10)
    CasePanelProvider predictedViewsPanel(PhotoService photoService, InferenceService inference, StudioJobs jobs,
            CurrentUser currentUser, SnapshotService snapshots, AuditLog audit) {
        return patientCase -> new PredictedViewsPanel(photoService, inference, jobs, currentUser, snapshots, audit,
                patientCase);
    }

    @Bean
    @Order(20)
    CasePanelProvider snapshotsPanel(SnapshotService snapshots, SnapshotExports exports,
            SnapshotRegeneration regeneration, PhotoService photoService) {
        return patientCase -> new SnapshotsPanel(snapshots, exports, regeneration, photoService, patientCase);
    }

    @Bean
    NavigationEntry studioEntry() {
        return NavigationEntry.translated("casepage.navigation.studio", "studio", VaadinIcon.MAGIC, 20, false);
    }
}
