package com.ivpstudio.inference;

/**
 * Marks a bean that decides which bundle the engine serves at start (the model registry). When one exists, the
 * engine does not activate the demo bundle on its own, so no bundle is loaded only to be replaced a moment later.
 */
public interface StartupModelActivation {
}
