package com.ivpstudio.meetings;

import com.ivpstudio.cases.CaseService;
import com.ivpstudio.images.Photo;
import com.ivpstudio.images.PhotoKind;
import com.ivpstudio.images.PhotoReferences;
import com.ivpstudio.images.PhotoService;
import com.ivpstudio.inference.GeneratedImage;
import com.ivpstudio.inference.InferenceService;
import com.ivpstudio.inference.OperationContext;
import com.ivpstudio.inference.Sampling;
import com.ivpstudio.inference.ViewKind;
import com.ivpstudio.security.Role;
import com.ivpstudio.security.UserAccountService;
import com.ivpstudio.snapshots.Snapshot;
import com.ivpstudio.snapshots.SnapshotImage;
import com.ivpstudio.snapshots.SnapshotKind;
import com.ivpstudio.snapshots.SnapshotService;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.context.ApplicationContext;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Real data for meeting tests: users made through user administration, snapshots predicted by the active model on
 * the demo cases and saved through the snapshot service, meetings planned through the meeting service.
 */
final class MeetingFixtures {

    static final double[] ALPHAS = {0.0, 0.5, 1.0};

    private final ApplicationContext app;

    MeetingFixtures(ApplicationContext app) {
        this.app = app;
    }

    /** Runs {@code work} as {@code user} (services check who asks). */
    static <T> T as(String user, boolean admin, Supplier<T> work) {
        var previous = SecurityContextHolder.getContext().getAuthentication();
        SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken(user, null,
                admin ? "ROLE_ADMIN" : "ROLE_CLINICIAN"));
        try {
            return work.get();
        } finally {
            SecurityContextHolder.getContext().setAuthentication(previous);
        }
    }

    /** A new clinician; returns {name, password}. */
    String[] newClinician(String prefix) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
        String password = as("admin", true, () -> app.getBean(UserAccountService.class).create(name, Set.of(Role.CLINICIAN)));
        return new String[] {name, password};
    }

    long caseId(String code) {
        return app.getBean(CaseService.class).findByCode(code).orElseThrow().id();
    }

    private Photo front(long caseId) {
        return app.getBean(PhotoService.class).photosOf(caseId).stream().filter(p -> p.kind() == PhotoKind.FRONT)
                .min(Comparator.comparing(Photo::capturedOn)).orElseThrow();
    }

    /** The four predicted views of the case's first front photo, saved as a snapshot. */
    Snapshot viewsSnapshot(String code, String title) {
        long caseId = caseId(code);
        PhotoService photos = app.getBean(PhotoService.class);
        List<GeneratedImage> views = app.getBean(InferenceService.class).predictViews(
                PhotoReferences.of(photos, front(caseId)), ViewKind.ALL, List.of(0L), null, OperationContext.none());
        List<SnapshotImage> images = new ArrayList<>();
        for (GeneratedImage g : views) {
            images.add(SnapshotImage.generated(images.size(), g.view().manifestName() + " · " + code, g));
        }
        return as("clinician", false, () -> app.getBean(SnapshotService.class).save(caseId, title, SnapshotKind.VIEWS,
                "views", images, Map.of("seed", 0)));
    }

    /**
     * A nudge strip of the case: its front photo moved along the treatment change of another case's first and last
     * front photo, at α = 0, 0.5, 1, all four views per step.
     */
    Snapshot stripSnapshot(String code, String directionCode, String title) {
        long caseId = caseId(code);
        long directionCase = caseId(directionCode);
        PhotoService photos = app.getBean(PhotoService.class);
        List<Photo> fronts = photos.photosOf(directionCase).stream().filter(p -> p.kind() == PhotoKind.FRONT)
                .sorted(Comparator.comparing(Photo::capturedOn)).toList();
        List<GeneratedImage> strip = app.getBean(InferenceService.class).nudge(PhotoReferences.of(photos, front(caseId)),
                PhotoReferences.of(photos, fronts.get(0)), PhotoReferences.of(photos, fronts.get(fronts.size() - 1)),
                ALPHAS, new Sampling(0, null), OperationContext.none());
        int per = strip.size() / ALPHAS.length;
        List<SnapshotImage> images = new ArrayList<>();
        for (int i = 0; i < strip.size(); i++) {
            images.add(SnapshotImage.generated(i, "α = " + ALPHAS[i / per] + " · " + strip.get(i).view().manifestName(),
                    strip.get(i)));
        }
        return as("clinician", false, () -> app.getBean(SnapshotService.class).save(caseId, title, SnapshotKind.STRIP,
                "nudge", images, Map.of("alphas", ALPHAS)));
    }

    /** A meeting planned by {@code organiser} with these participants and agenda cases (snapshots per case). */
    Meeting meeting(String organiser, String title, List<String> participants, Map<String, List<Long>> agenda) {
        List<String> codes = new ArrayList<>(agenda.keySet());
        List<Long> caseIds = codes.stream().map(this::caseId).toList();
        return as(organiser, false, () -> {
            MeetingService meetings = app.getBean(MeetingService.class);
            Meeting m = meetings.create(new MeetingDraft(title, Instant.now().plus(1, ChronoUnit.HOURS), participants,
                    caseIds));
            for (AgendaItem item : meetings.agenda(m.id())) {
                List<Long> shots = agenda.get(item.patientCode());
                if (shots != null && !shots.isEmpty()) {
                    meetings.chooseSnapshots(item.id(), shots);
                }
            }
            return m;
        });
    }
}
