package com.ivpstudio.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ivpstudio.IntegrationTest;
import com.ivpstudio.cases.CaseService;
import com.ivpstudio.cases.PatientCase;
import com.ivpstudio.database.AdvisoryLock;
import com.ivpstudio.database.DatabaseMode;
import com.ivpstudio.images.PhotoService;
import com.ivpstudio.phantom.DemoPatients;
import com.ivpstudio.phantom.PhantomPatient;
import com.ivpstudio.phantom.View;
import com.ivpstudio.studio.ReferencePairLibrary;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Demo cases are seeded only into an empty database, so a first start stopped half-way must leave none behind:
 * otherwise no later start would complete the set. (The complete set is what every test context starts with.)
 */
@IntegrationTest
class DemoSeedingIT {

    @Autowired
    CaseService cases;
    @Autowired
    PhotoService photos;
    @Autowired
    ReferencePairLibrary references;
    @Autowired
    DatabaseMode databaseMode;
    @Autowired
    AdvisoryLock locks;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    ApplicationContext context;

    /** The real photographer, stopped (as by a shutdown) after a number of photographs. */
    static final class StoppedPhotographer extends PhantomPhotographer {
        private final AtomicInteger left;

        StoppedPhotographer(int photographs) {
            left = new AtomicInteger(photographs);
        }

        @Override
        byte[] photograph(PhantomPatient patient, View view, long photoSeed) {
            if (left.getAndDecrement() <= 0) {
                throw new IllegalStateException("stopped while seeding");
            }
            return super.photograph(patient, view, photoSeed);
        }
    }

    @Test
    void aSeedingStoppedHalfWayLeavesNoDemoCaseBehind() {
        DemoDataSeeder stopped = new DemoDataSeeder(cases, photos, references, new DemoSeedPolicy("always"),
                databaseMode, new StoppedPhotographer(12), locks, transaction);
        // twelve photographs are three cases with their photos written before the stop: none of them may stay
        assertThatThrownBy(() -> stopped.seedCases(DemoPatients.all(), "HALFWAY"))
                .hasMessageContaining("stopped while seeding");
        assertThat(casesCoded("HALFWAY")).allMatch(Optional::isEmpty);
    }

    @Test
    void aShutdownDuringSeedingRollsBackAndTheCloseWaitsForTheRollback() throws Exception {
        AtomicReference<DemoDataSeeder> seeder = new AtomicReference<>();
        AtomicReference<Thread> shutdownHook = new AtomicReference<>();
        AtomicInteger taken = new AtomicInteger();
        PhantomPhotographer closedMidway = new PhantomPhotographer() {
            @Override
            byte[] photograph(PhantomPatient patient, View view, long photoSeed) {
                if (taken.incrementAndGet() == 12) {
                    // As the JVM's shutdown hook does: the context starts closing while the seeding runs.
                    Thread hook = new Thread(() -> seeder.get().onApplicationEvent(new ContextClosedEvent(context)));
                    shutdownHook.set(hook);
                    hook.start();
                    awaitWaiting(hook);
                }
                return super.photograph(patient, view, photoSeed);
            }
        };
        seeder.set(new DemoDataSeeder(cases, photos, references, new DemoSeedPolicy("always"), databaseMode,
                closedMidway, locks, transaction));

        seeder.get().seedUnlessStopped(() -> seeder.get().seedCases(DemoPatients.all(), "CLOSED"));

        assertThat(taken.get()).as("stops at the next photograph").isEqualTo(12);
        assertThat(casesCoded("CLOSED")).allMatch(Optional::isEmpty);
        shutdownHook.get().join(30_000);
        assertThat(shutdownHook.get().isAlive()).as("the close goes on once the seeding rolled back").isFalse();
    }

    /** The close waited for the seeding (it holds the seeding's lock until its transaction ends). */
    private static void awaitWaiting(Thread hook) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (hook.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(hook.getState()).isEqualTo(Thread.State.TIMED_WAITING);
    }

    private Stream<Optional<PatientCase>> casesCoded(String prefix) {
        return IntStream.rangeClosed(1, DemoPatients.all().size())
                .mapToObj(i -> cases.findByCode(String.format("%s-%02d", prefix, i)));
    }
}
