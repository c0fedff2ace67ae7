package com.ivpstudio.inference.bundle;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Every check made on a model bundle, in order, with pass/fail and a message (the admin screen lists them).
 * {@link #ok()} is true when every check passed.
 */
public final class ValidationReport {

    /** One check: a short name ("manifest schema", "sha256 mapping.pt", "golden mapping.pt b4"...). */
    public record Check(String name, boolean passed, String message) {
    }

    private final Path bundle;
    private final List<Check> checks = new ArrayList<>();
    private String bundleId;
    private String bundleSha256;

    ValidationReport(Path bundle) {
        this.bundle = bundle;
    }

    void pass(String name, String message) {
        checks.add(new Check(name, true, message));
    }

    void fail(String name, String message) {
        checks.add(new Check(name, false, message));
    }

    void identify(String id, String sha256) {
        this.bundleId = id;
        this.bundleSha256 = sha256;
    }

    public Path bundle() {
        return bundle;
    }

    /** The manifest id when the manifest could be read, else null. */
    public String bundleId() {
        return bundleId;
    }

    /** sha256 of manifest.json (the bundle's identity) when it could be read, else null. */
    public String bundleSha256() {
        return bundleSha256;
    }

    public List<Check> checks() {
        return Collections.unmodifiableList(checks);
    }

    public boolean ok() {
        return !checks.isEmpty() && checks.stream().allMatch(Check::passed);
    }

    /** The message of the first failed check, or "ok". */
    public String firstFailure() {
        return checks.stream().filter(c -> !c.passed()).map(Check::message).findFirst().orElse("ok");
    }

    /** Multi-line text, one check per line. */
    public String summary() {
        StringBuilder b = new StringBuilder("Bundle " + bundle + (ok() ? ": OK" : ": REFUSED")).append('\n');
        for (Check c : checks) {
            b.append(c.passed() ? "  [pass] " : "  [FAIL] ").append(c.name()).append(": ").append(c.message()).append('\n');
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return summary();
    }
}
