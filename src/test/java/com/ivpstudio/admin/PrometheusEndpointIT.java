package com.ivpstudio.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.ivpstudio.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** /actuator/prometheus: administrators only (HTTP basic), with the inference and model registry meters. */
@IntegrationTest
class PrometheusEndpointIT {

    @LocalServerPort
    int port;

    @Autowired
    SystemStatus status;

    final HttpClient http = HttpClient.newHttpClient();

    HttpResponse<String> get(String path, String credentials) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (credentials != null) {
            r.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Spring Boot's test support switches metric exporters off (unless a test asks for them with
     * {@code @AutoConfigureObservability}, which would cost this suite a second application context), so
     * /actuator/prometheus exists only in the running application: here the same meters are read through
     * /actuator/metrics, which the same rule protects. The running jar was checked by hand (see the report).
     */
    @Test
    void onlyAdministratorsReadTheMetricsAndTheInferenceAndRegistryMetersAreThere() throws Exception {
        for (String path : new String[] {"/actuator/prometheus", "/actuator/metrics"}) {
            HttpResponse<String> anonymous = get(path, null);
            assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                    v -> assertThat(v).startsWith("Basic"));
            HttpResponse<String> clinician = get(path, "clinician:clinician-test-password");
            assertThat(clinician.statusCode()).as(path).isEqualTo(403);
            assertThat(clinician.body()).doesNotContain("jvm_memory", "jvm.memory", "ivp.models", "ivp_models");
            HttpResponse<String> wrong = get(path, "admin:wrong-password");
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(wrong.body()).doesNotContain("jvm_memory", "jvm.memory");
        }
        assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);

        HttpResponse<String> names = get("/actuator/metrics", "admin:admin-test-password");
        assertThat(names.statusCode()).isEqualTo(200);
        assertThat(names.body()).contains("\"ivp.inference.queue.depth\"", "\"ivp.models.active\"",
                "\"ivp.models.registered\"", "\"cache.gets\"", "\"hikaricp.connections.active\"",
                "\"jvm.memory.used\"");
        HttpResponse<String> caches = get("/actuator/metrics/cache.gets", "admin:admin-test-password");
        assertThat(caches.body()).contains("ivp.inference.image-embeddings", "ivp.inference.images");

        HttpResponse<String> prometheus = get("/actuator/prometheus", "admin:admin-test-password");
        if (prometheus.headers().firstValue("Content-Type").orElse("").startsWith("text/plain")) {
            assertThat(prometheus.body()).contains("ivp_inference_queue_depth", "ivp_models_active");
        }
    }

    @Test
    void theStatusSnapshotHasEveryPart() {
        SystemStatus.Snapshot s = status.snapshot();

        assertThat(s.application()).containsKeys("Version", "Up for", "Java");
        assertThat(s.application().get("Version")).doesNotContain("unknown");
        assertThat(s.device().get("CPU")).isNotBlank();
        assertThat(s.database().get("Status")).startsWith("up");
        assertThat(s.database().get("Version")).startsWith("PostgreSQL 1");
        assertThat(s.database()).containsKeys("Size", "Connection pool", "Schema version");
        assertThat(s.memory()).containsKeys("Heap used", "Non-heap used");
        assertThat(s.inference()).isPresent();
    }
}
