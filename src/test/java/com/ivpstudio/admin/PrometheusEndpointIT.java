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
        // A script (XHR) gets 401; a browser-like request is sent to the sign-in page. Neither sees a metric.
        HttpResponse<String> script = get(null, "X-Requested-With", "XMLHttpRequest");
        assertThat(script.statusCode()).isEqualTo(401);
        assertThat(script.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        HttpResponse<String> anonymous = get(null);
        assertThat(anonymous.statusCode()).isIn(302, 401);
        if (anonymous.statusCode() == 302) {
            assertThat(anonymous.headers().firstValue("Location")).hasValueSatisfying(v -> assertThat(v).contains("/login"));
        }
        assertThat(anonymous.body()).doesNotContain("jvm_memory");
        assertThat(get("clinician:clinician-test-password").statusCode()).isEqualTo(403);
        assertThat(get("admin:wrong-password").statusCode()).isEqualTo(401);

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
