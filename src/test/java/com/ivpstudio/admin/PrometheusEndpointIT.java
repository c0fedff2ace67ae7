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

    HttpResponse<String> get(String credentials, String... headers) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus"));
        if (headers.length > 0) {
            r.headers(headers);
        }
        if (credentials != null) {
            r.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anonymousVisitorsAndCliniciansAreRefusedAndAdminsGetTheMetrics() throws Exception {
        // Anonymous: sent to the sign-in page (Vaadin's form-login entry point answers every unauthenticated request,
        // so it is 302, not 401, unless SecurityConfiguration adds a 401 entry point for the actuator). No metric.
        HttpResponse<String> anonymous = get(null);
        assertThat(anonymous.statusCode()).isIn(302, 401);
        if (anonymous.statusCode() == 302) {
            assertThat(anonymous.headers().firstValue("Location")).hasValueSatisfying(v -> assertThat(v).contains("/login"));
        }
        assertThat(anonymous.body()).doesNotContain("jvm_memory");
        // A clinician is refused: Vaadin's access-denied handling answers with its HTML page (not 403), no metric.
        HttpResponse<String> clinician = get("clinician:clinician-test-password");
        assertThat(clinician.statusCode()).isIn(200, 403);
        assertThat(clinician.body()).doesNotContain("jvm_memory").doesNotContain("ivp_models");
        assertThat(clinician.headers().firstValue("Content-Type").orElse("")).doesNotContain("text/plain")
                .doesNotContain("openmetrics");
        HttpResponse<String> wrong = get("admin:wrong-password");
        assertThat(wrong.statusCode()).isIn(302, 401);
        assertThat(wrong.body()).doesNotContain("jvm_memory");

        HttpResponse<String> ok = get("admin:admin-test-password");

        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body())
                .contains("ivp_inference_queue_depth")
                .contains("cache_gets_total{cache=\"ivp.inference.image-embeddings\"", "cache=\"ivp.inference.images\"")
                .contains("ivp_models_active", "ivp_models_registered")
                .contains("hikaricp_connections_active", "jvm_memory_used_bytes");
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
