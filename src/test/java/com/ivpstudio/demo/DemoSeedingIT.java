package com.ivpstudio.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ivpstudio.IntegrationTest;
import com.ivpstudio.cases.CaseService;
import com.ivpstudio.database.AdvisoryLock;
import com.ivpstudio.database.DatabaseMode;
import com.ivpstudio.images.PhotoService;
import com.ivpstudio.phantom.DemoPatients;
import com.ivpstudio.phantom.PhantomPatient;
import com.ivpstudio.phantom.View;
import com.ivpstudio.studio.ReferencePairLibrary;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
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
        assertThat(IntStream.rangeClosed(1, DemoPatients.all().size())
                .mapToObj(i -> cases.findByCode(String.format("HALFWAY-%02d", i)))).allMatch(java.util.Optional::isEmpty);
    }
}
