package com.ivpstudio.inference;

import static org.assertj.core.api.Assertions.assertThat;

import com.ivpstudio.IntegrationTest;
import com.ivpstudio.inference.embeddings.EmbeddingRepository;
import com.ivpstudio.inference.runtime.ModelRuntime;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The engine in the running application with its PostgreSQL: embeddings persist across a "restart" (a fresh
 * service with empty in-memory caches over the same database), the beans are wired, the meters exist.
 */
@IntegrationTest
class InferencePersistenceIT {

    static ModelRuntime runtime;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    InferenceService appService;

    @Autowired
    InferenceStats appStats;

    @Autowired
    MeterRegistry registry;

    @BeforeAll
    static void load() {
        runtime = TestBundles.runtime();
        runtime.activate(TestBundles.TINY);
    }

    @AfterAll
    static void close() {
        runtime.close();
    }

    @Test
    void embeddingsAreReadFromPostgresqlAfterARestart() {
        byte[] photo = InferenceEngineTest.photo(640, 384, 77);
        String bundle = runtime.current().orElseThrow().sha256();
        EmbeddingRepository repo = new EmbeddingRepository(jdbc);
        long rowsBefore = repo.count(bundle);

        Embedding first;
        List<GeneratedImage> firstViews;
        Embedding text;
        try (InferenceService before = new InferenceService(runtime, jdbc, TestBundles.props(16, 32), null)) {
            first = before.embedImage(photo);
            text = before.embedText("Upper teeth, crowded");
            firstViews = before.predictViews(first, Sampling.seed(5), OperationContext.forPatient("P-1"));
            assertThat(before.stats().snapshot().computedEmbeddings()).isEqualTo(2);
            assertThat(before.stats().snapshot().databaseEmbeddingHits()).isZero();
        }
        assertThat(repo.count(bundle)).isEqualTo(rowsBefore + 2);

        try (InferenceService after = new InferenceService(runtime, jdbc, TestBundles.props(16, 32), null)) {
            Embedding again = after.embedImage(photo);
            Embedding textAgain = after.embedText("upper teeth,   crowded");
            assertThat(again).isEqualTo(first);
            assertThat(textAgain).isEqualTo(text);
            assertThat(after.stats().snapshot().computedEmbeddings()).isZero();
            assertThat(after.stats().snapshot().databaseEmbeddingHits()).isEqualTo(2);
            List<GeneratedImage> views = after.predictViews(again, Sampling.seed(5), OperationContext.forPatient("P-1"));
            for (int i = 0; i < 4; i++) {
                assertThat(views.get(i).png()).isEqualTo(firstViews.get(i).png());
            }
        }
    }

    @Test
    void theApplicationWiresTheServiceAndItsMeters() {
        assertThat(appStats).isSameAs(appService.stats());
        assertThat(appStats.snapshot().queueDepth()).isZero();
        assertThat(registry.find("ivp.inference.queue.depth").gauge()).isNotNull();
        // Other integration tests in this shared context activate bundles, so only the wiring is checked here.
        assertThat(appService.activeBundle().map(BundleInfo::sha256))
                .isEqualTo(appService.runtime().current().map(BundleInfo::sha256));
    }
}
