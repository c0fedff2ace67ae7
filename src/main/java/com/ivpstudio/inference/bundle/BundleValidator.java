package com.ivpstudio.inference.bundle;

import java.nio.file.Path;

/**
 * Validates a bundle without activating it: manifest (schema + canonical errors), every file's size and sha256,
 * loading each TorchScript module, the golden self-test, output shapes, tokenizer and z vectors. The modules are
 * closed again afterwards.
 */
public final class BundleValidator {

    private BundleValidator() {
    }

    public static ValidationReport validate(Path bundleDirOrZip) {
        return new BundleLoader(ManifestValidator.standard(), BundleLoader.Settings.defaults()).validate(bundleDirOrZip);
    }

    /** Only the manifest checks (steps 2–3): the canonical refusal text, or null when valid. */
    public static String checkManifest(String manifestJson) {
        try {
            return ManifestValidator.standard().refusal(Json.MAPPER.readTree(manifestJson));
        } catch (java.io.IOException e) {
            return "invalid manifest: manifest.json is not valid JSON: " + e.getMessage().lines().findFirst().orElse("");
        }
    }
}
