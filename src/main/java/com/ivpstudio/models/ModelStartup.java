package com.ivpstudio.models;

import com.ivpstudio.inference.StartupModelActivation;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The registry decides what the engine serves at start: the demo bundle is registered and activated on the first
 * start, and on later starts the registry's active bundle is activated unless the engine already serves it.
 */
@Component
class ModelStartup implements StartupModelActivation {

    private final ModelRegistry registry;

    ModelStartup(ModelRegistry registry) {
        this.registry = registry;
    }

    @EventListener(ApplicationReadyEvent.class)
    void onReady() {
        registry.onStart();
    }
}
