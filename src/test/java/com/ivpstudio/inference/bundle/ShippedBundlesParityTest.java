package com.ivpstudio.inference.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bundle shipped under models/ (the demo default and any candidate an administrator may upload) validates in
 * Java and matches the Python outputs its golden vectors hold: a bundle in the repository that the app would refuse
 * is a defect found here, not on an admin's screen or at the first start.
 */
class ShippedBundlesParityTest {

    static Stream<Path> shippedBundles() throws IOException {
        try (Stream<Path> dirs = Files.list(Path.of("models"))) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("manifest.json")))
                    .sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("shippedBundles")
    void aShippedBundleValidatesAndMatchesPython(Path bundle) throws Exception {
        ValidationReport r = BundleValidator.validate(bundle);
        assertThat(r.ok()).as(r.summary()).isTrue();
        ParityCheck.assertParity(bundle);
        ParityCheck.assertTokenizer(bundle);
    }
}
