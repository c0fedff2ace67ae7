package com.ivpstudio.cluster;

import com.ivpstudio.inference.BundleInfo;
import com.ivpstudio.inference.InferenceService;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * "model" in the health endpoint and the readiness group: a node without a loaded model cannot predict anything,
 * so the load balancer sends no one to it. Details (for administrators only) name the bundle, nothing else.
 */
@Component
class ModelHealthIndicator implements HealthIndicator {

    private final ObjectProvider<InferenceService> inference;

    ModelHealthIndicator(ObjectProvider<InferenceService> inference) {
        this.inference = inference;
    }

    @Override
    public Health health() {
        InferenceService service = inference.getIfAvailable();
        Optional<BundleInfo> serving = service == null ? Optional.empty() : service.activeBundle();
        return serving.map(b -> Health.up().withDetail("bundle", b.id() + " " + b.version())
                        .withDetail("sha256", b.sha256().substring(0, 12)).build())
                .orElseGet(() -> Health.down().withDetail("reason", "no model loaded").build());
    }
}
