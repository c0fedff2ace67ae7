package com.ivpstudio.models;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * After start-up (so after the engine's own start-up activation): the demo bundle is registered on the first
 * start, and on later starts the registry's active bundle is activated unless the engine already serves it.
 */
@Component
class ModelStartup {

    private final ModelRegistry registry;

    ModelStartup(ModelRegistry registry) {
        this.registry = registry;
    }

    @EventListener(ApplicationReadyEvent.class)
    void onReady() {
        registry.onStart();
    }
}
