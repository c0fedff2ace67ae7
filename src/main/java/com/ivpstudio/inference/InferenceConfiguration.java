package com.ivpstudio.inference;

import com.ivpstudio.inference.bundle.BundleLoader;
import com.ivpstudio.inference.bundle.ManifestValidator;
import com.ivpstudio.inference.runtime.ModelRuntime;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Wires the inference engine and activates the demo bundle ({@code ivp.models.demo-bundle}, default
 * {@code models/demo}) at start when present, unless a {@link StartupModelActivation} bean (the model registry) decides. A
 * missing or invalid bundle does not stop the app: it starts with no active model and says so in the log.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InferenceProperties.class)
public class InferenceConfiguration {

    private static final Logger log = LoggerFactory.getLogger(InferenceConfiguration.class);

    @Bean(destroyMethod = "close")
    ModelRuntime modelRuntime(InferenceProperties props) {
        return new ModelRuntime(new BundleLoader(ManifestValidator.standard(), new BundleLoader.Settings(
                props.device(), props.threads(), props.engineThreads(), props.engineWaitMs())));
    }

    @Bean(destroyMethod = "close")
    InferenceService inferenceService(ModelRuntime runtime, JdbcClient jdbc, InferenceProperties props,
            ObjectProvider<MeterRegistry> registry) {
        return new InferenceService(runtime, jdbc, props, registry.getIfAvailable());
    }

    @Bean
    InferenceStats inferenceStats(InferenceService service) {
        return service.stats();
    }

    @Bean
    ApplicationRunner demoBundleActivation(ModelRuntime runtime,
            @Value("${ivp.models.demo-bundle:models/demo}") Path demoBundle,
            ObjectProvider<StartupModelActivation> owner) {
        return args -> {
            if (owner.getIfAvailable() != null) {
                return;
            }
            if (runtime.current().isPresent()) {
                log.info("Model bundle {} already active; not activating {}", runtime.current().get().id(), demoBundle);
                return;
            }
            if (!Files.exists(demoBundle.resolve("manifest.json")) && !Files.isRegularFile(demoBundle)) {
                log.warn("No active model: no model bundle at {} (ivp.models.demo-bundle); the studio runs without "
                        + "predictions until an administrator activates one", demoBundle.toAbsolutePath());
                return;
            }
            try {
                runtime.activate(demoBundle);
            } catch (BundleRejectedException e) {
                log.error("No active model: the bundle at {} was refused: {}", demoBundle.toAbsolutePath(),
                        e.report().firstFailure());
            } catch (RuntimeException | LinkageError e) {
                log.error("No active model: loading the bundle at {} failed", demoBundle.toAbsolutePath(), e);
            }
        };
    }
}
