package com.ivpstudio.models;

import com.ivpstudio.inference.StartupModelActivation;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The registry decides what the engine serves at start: the demo bundle is registered and activated on the first
 * start, and on later starts the registry's active bundle is activated unless the engine already serves it. It runs
 * before the demo data seeding (order 10), which takes half a minute on a first start: the web server already
 * answers then, and a clinician who signs in should find the model there.
 */
@Component
@Order(1)
class ModelStartup implements StartupModelActivation, ApplicationRunner {

    private final ModelRegistry registry;

    ModelStartup(ModelRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void run(ApplicationArguments args) {
        registry.onStart();
    }
}
