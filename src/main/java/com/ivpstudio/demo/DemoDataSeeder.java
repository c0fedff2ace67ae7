package com.ivpstudio.demo;

import com.ivpstudio.cases.CaseDraft;
import com.ivpstudio.cases.CaseFilter;
import com.ivpstudio.cases.CaseService;
import com.ivpstudio.cases.PatientCase;
import com.ivpstudio.database.AdvisoryLock;
import com.ivpstudio.database.DatabaseMode;
import com.ivpstudio.images.PhotoDetails;
import com.ivpstudio.images.PhotoKind;
import com.ivpstudio.images.PhotoService;
import com.ivpstudio.images.SanitizedPhoto;
import com.ivpstudio.phantom.Captions;
import com.ivpstudio.phantom.DemoPatients;
import com.ivpstudio.phantom.PhantomPatient;
import com.ivpstudio.phantom.ReferencePairs;
import com.ivpstudio.phantom.Treatment;
import com.ivpstudio.phantom.View;
import com.ivpstudio.studio.ReferencePairLibrary;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * First start with an empty database: synthetic demo patients from the phantom (front photo, for some the true
 * other views and progress photos), and the library of before/after reference pairs for the nudge studio.
 * Stopping the app while it seeds (SIGTERM right after the first start) rolls the set being seeded back and lets
 * the shutdown go on: the next start seeds it whole.
 */
@Component
@Order(10)
class DemoDataSeeder implements ApplicationRunner, ApplicationListener<ContextClosedEvent> {

    private static final Logger log = LoggerFactory.getLogger(DemoDataSeeder.class);
    static final String SYSTEM_USER = "system";
    static final LocalDate FIRST_VISIT = LocalDate.of(2025, 1, 13);
    /** Stages of the demo treatment: 0 initial, 2 mid-treatment (appliance on), 4 finished. */
    static final int STAGES = 5;
    private static final long ROLLBACK_WAIT_SECONDS = 20;

    private final CaseService cases;
    private final PhotoService photos;
    private final ReferencePairLibrary references;
    private final DemoSeedPolicy policy;
    private final DatabaseMode databaseMode;
    private final PhantomPhotographer photographer;
    private final AdvisoryLock locks;
    private final TransactionTemplate transaction;
    private final ReentrantLock seeding = new ReentrantLock();
    private volatile boolean stopping;

    DemoDataSeeder(CaseService cases, PhotoService photos, ReferencePairLibrary references, DemoSeedPolicy policy,
            DatabaseMode databaseMode, PhantomPhotographer photographer, AdvisoryLock locks,
            TransactionTemplate transaction) {
        this.locks = locks;
        this.transaction = transaction;
        this.cases = cases;
        this.photos = photos;
        this.references = references;
        this.policy = policy;
        this.databaseMode = databaseMode;
        this.photographer = photographer;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!policy.appliesTo(databaseMode)) {
            return;
        }
        // Nodes starting together on an empty database: one seeds, the others wait and then find the data there.
        locks.exclusively("demo-seeding", () -> {
            seedUnlessStopped(this::seed);
            return null;
        });
    }

    /** Runs {@code work} so that a shutdown stops it between two photographs (its transaction rolls back). */
    void seedUnlessStopped(Runnable work) {
        seeding.lock();
        try {
            work.run();
        } catch (StoppedByShutdown stopped) {
            log.info("Demo seeding stopped by the shutdown; nothing of the unfinished set was kept, the next start "
                    + "seeds it");
        } finally {
            seeding.unlock();
        }
    }

    /**
     * Called when the context starts closing, before any bean stops: the seeding notices between two photographs,
     * and the close waits (briefly) for its rollback while the database is still there.
     */
    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        stopping = true;
        try {
            if (seeding.tryLock(ROLLBACK_WAIT_SECONDS, TimeUnit.SECONDS)) {
                seeding.unlock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void seed() {
        long started = System.nanoTime();
        // Each set in one transaction, all or nothing: a set is seeded only into an empty table, so a first start
        // stopped half-way must leave nothing behind (the next start seeds the whole set) rather than a partial set
        // that no later start would complete.
        if (cases.count(new CaseFilter(null, null, null)) == 0) {
            List<DemoPatients.Demo> demos = DemoPatients.all();
            seedCases(demos, "DEMO");
            log.info("Seeded {} synthetic demo cases", demos.size());
        }
        if (references.isEmpty()) {
            transaction.executeWithoutResult(status -> ReferencePairs.all().forEach(this::seedReferencePair));
            log.info("Seeded {} reference pairs", ReferencePairs.all().size());
        }
        log.info("Demo data ready in {} ms", (System.nanoTime() - started) / 1_000_000);
    }

    /** The demo cases with codes {@code codePrefix-01, -02, …}, in one transaction. */
    void seedCases(List<DemoPatients.Demo> demos, String codePrefix) {
        transaction.executeWithoutResult(status -> {
            for (int i = 0; i < demos.size(); i++) {
                seedCase(i, demos.get(i), codePrefix);
            }
        });
    }

    private void seedCase(int index, DemoPatients.Demo demo, String codePrefix) {
        PhantomPatient patient = demo.patient();
        CaseDraft draft = new CaseDraft();
        draft.setPatientCode(String.format("%s-%02d", codePrefix, index + 1));
        draft.setDisplayName("Synthetic patient " + (index + 1));
        draft.setTags("demo, " + demo.name);
        draft.setNotes("Synthetic demo patient (procedural phantom, seed " + demo.seed + "): " + demo.description
                + ".\nPhantom caption of the front photo: " + Captions.caption(patient) + ".");
        draft.setSynthetic(true);
        PatientCase created = cases.create(draft);

        List<PhantomPatient> stages = Treatment.stages(patient, STAGES);
        store(created, stages.get(0), View.FRONT, "initial", FIRST_VISIT, index);
        boolean withTrueViews = index % 2 == 0;
        boolean withProgress = index % 3 == 0;
        if (withTrueViews) {
            for (View view : List.of(View.LEFT, View.RIGHT, View.UPPER, View.LOWER)) {
                store(created, stages.get(0), view, "initial", FIRST_VISIT, index);
            }
        }
        if (withProgress) {
            store(created, stages.get(2), View.FRONT, "month 9", FIRST_VISIT.plusMonths(9), index);
            store(created, stages.get(STAGES - 1), View.FRONT, "month 20", FIRST_VISIT.plusMonths(20), index);
            if (withTrueViews) {
                for (View view : List.of(View.LEFT, View.RIGHT, View.UPPER, View.LOWER)) {
                    store(created, stages.get(STAGES - 1), view, "month 20", FIRST_VISIT.plusMonths(20), index);
                }
            }
        }
    }

    private void store(PatientCase c, PhantomPatient patient, View view, String label, LocalDate date, int index) {
        stopIfShuttingDown();
        long photoSeed = 1_000L * (index + 1) + 10L * view.ordinal() + patient.stage;
        SanitizedPhoto clean = photos.sanitize(photographer.photograph(patient, view, photoSeed));
        photos.store(c.id(), new PhotoDetails(kindOf(view), label, date, true), clean, SYSTEM_USER);
    }

    private void seedReferencePair(ReferencePairs.Pair pair) {
        stopIfShuttingDown();
        SanitizedPhoto before = photos.sanitize(photographer.photograph(pair.beforePatient(), View.FRONT, pair.seed * 31 + 1));
        SanitizedPhoto after = photos.sanitize(photographer.photograph(pair.afterPatient(), View.FRONT, pair.seed * 31 + 2));
        String description = "Synthetic phantom patient, treatment stage " + pair.before + " → " + pair.after
                + " of " + (pair.stages - 1) + ": " + Captions.caption(pair.beforePatient()) + " → "
                + Captions.caption(pair.afterPatient());
        references.add(pair.name, description.length() > 300 ? description.substring(0, 299) + "…" : description,
                before.bytes(), before.sha256(), after.bytes(), after.sha256());
    }

    private void stopIfShuttingDown() {
        if (stopping) {
            throw new StoppedByShutdown();
        }
    }

    /** Thrown inside a seeding transaction so that it rolls back. */
    private static final class StoppedByShutdown extends RuntimeException {
        StoppedByShutdown() {
            super("demo seeding stopped by the shutdown", null, false, false);
        }
    }

    static PhotoKind kindOf(View view) {
        return switch (view) {
            case FRONT -> PhotoKind.FRONT;
            case LEFT -> PhotoKind.LEFT;
            case RIGHT -> PhotoKind.RIGHT;
            case UPPER -> PhotoKind.UPPER;
            case LOWER -> PhotoKind.LOWER;
        };
    }
}
