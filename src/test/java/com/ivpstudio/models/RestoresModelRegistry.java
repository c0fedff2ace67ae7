package com.ivpstudio.models;

import com.ivpstudio.common.UserFacingException;
import com.ivpstudio.inference.BundleInfo;
import com.ivpstudio.inference.runtime.ModelRuntime;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Puts the model registry back as each test found it: the same active model served by the engine, the same
 * status of every bundle, and no bundle that the test added. The integration tests share one application and one
 * database, so without this a test that activates a model changes what the next one sees (run the model ITs in
 * reverse order to check: {@code -Dfailsafe.runOrder=reversealphabetical}).
 */
public class RestoresModelRegistry implements BeforeEachCallback, AfterEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(RestoresModelRegistry.class);

    /** The registry before a test: every bundle's status by id, and the active one. */
    record Snapshot(Map<Long, ModelStatus> statuses, Optional<Long> active) {
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        ModelRegistry registry = bean(context, ModelRegistry.class);
        context.getStore(NAMESPACE).put(Snapshot.class, new Snapshot(statuses(registry),
                registry.active().map(ModelBundle::id)));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        ModelRegistry registry = bean(context, ModelRegistry.class);
        ModelRuntime runtime = bean(context, ModelRuntime.class);
        Snapshot before = context.getStore(NAMESPACE).get(Snapshot.class, Snapshot.class);
        before.active().flatMap(registry::find).ifPresent(was -> {
            boolean served = runtime.current().map(BundleInfo::sha256).filter(was.manifestSha256()::equals)
                    .isPresent();
            if (!served || !registry.active().map(ModelBundle::id).equals(before.active())) {
                registry.activate(was.id(), "test-cleanup");
            }
        });
        for (ModelBundle b : registry.bundles()) {
            ModelStatus was = before.statuses().get(b.id());
            if (was == null) {
                deleteOrRetire(registry, b);
            } else if (was != b.status() && was == ModelStatus.RETIRED) {
                registry.retire(b.id(), "test-cleanup");
            } else if (was != b.status() && b.status() == ModelStatus.RETIRED) {
                registry.restore(b.id(), "test-cleanup");
            }
        }
    }

    private static void deleteOrRetire(ModelRegistry registry, ModelBundle b) {
        try {
            registry.delete(b.id(), "test-cleanup");
        } catch (UserFacingException referenced) {
            // Still referenced by something the test made elsewhere: at least no longer offered.
            if (b.status() != ModelStatus.ACTIVE) {
                registry.retire(b.id(), "test-cleanup");
            }
        }
    }

    private static Map<Long, ModelStatus> statuses(ModelRegistry registry) {
        return registry.bundles().stream().collect(Collectors.toMap(ModelBundle::id, ModelBundle::status));
    }

    private static <T> T bean(ExtensionContext context, Class<T> type) {
        ApplicationContext spring = SpringExtension.getApplicationContext(context);
        return Objects.requireNonNull(spring.getBean(type));
    }
}
