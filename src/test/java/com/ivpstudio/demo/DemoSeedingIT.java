package com.ivpstudio.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ivpstudio.IntegrationTest;
import com.ivpstudio.cases.CaseFilter;
import com.ivpstudio.cases.CaseService;
import com.ivpstudio.database.AdvisoryLock;
import com.ivpstudio.database.DatabaseMode;
import com.ivpstudio.images.PhotoService;
import com.ivpstudio.phantom.DemoPatients;
import com.ivpstudio.phantom.PhantomPatient;
import com.ivpstudio.phantom.ReferencePairs;
import com.ivpstudio.phantom.View;
import com.ivpstudio.studio.ReferencePairLibrary;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Demo data is seeded only into an empty database, so a first start stopped half-way must leave nothing behind:
 * otherwise no later start would complete the set. Its own context and database (seeding switched off at start-up),
 * so that the test begins with empty tables.
 */
@IntegrationTest
@TestPropertySource(properties = "ivp.demo.seed=never")
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
    PhantomPhotographer photographer;
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

    private DemoDataSeeder seeder(PhantomPhotographer camera) {
        return new DemoDataSeeder(cases, photos, references, new DemoSeedPolicy("always"), databaseMode, camera, locks,
                transaction);
    }

    @Test
    void aSeedingStoppedHalfWayLeavesNoDemoCaseAndTheNextStartSeedsTheWholeSet() {
        assertThat(cases.count(new CaseFilter(null, null, null))).isZero();
        // the first cases and their photos are written before the stop: none of them may stay
        assertThatThrownBy(() -> seeder(new StoppedPhotographer(12)).run(new DefaultApplicationArguments()))
                .hasMessageContaining("stopped while seeding");
        assertThat(cases.count(new CaseFilter(null, null, null))).isZero();
        assertThat(references.isEmpty()).isTrue();

        seeder(photographer).run(new DefaultApplicationArguments());
        assertThat(cases.count(new CaseFilter(null, null, null))).isEqualTo(DemoPatients.all().size());
        assertThat(references.all()).hasSize(ReferencePairs.all().size());
        assertThat(cases.findByCode("DEMO-01").map(c -> photos.photosOf(c.id()))).get().asList().isNotEmpty();
    }
}
