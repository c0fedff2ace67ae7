package com.ivpstudio.inference.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.ivpstudio.inference.TestBundles;
import org.junit.jupiter.api.Test;

/** Parity and self-test over the demo bundle ({@link TestBundles#DEMO}) whenever it exists. */
class DemoBundleParityTest {

    @Test
    void demoBundleValidatesAndMatchesPython() throws Exception {
        assumeTrue(TestBundles.demoPresent(), "no demo bundle at " + TestBundles.DEMO);
        ValidationReport r = BundleValidator.validate(TestBundles.DEMO);
        assertThat(r.ok()).as(r.summary()).isTrue();
        assertThat(r.checks()).as("the demo bundle declares uint8 photos; the self-test proves that path")
                .filteredOn(c -> c.name().endsWith(" uint8")).hasSize(2).allMatch(ValidationReport.Check::passed);
        ParityCheck.assertParity(TestBundles.DEMO);
        ParityCheck.assertTokenizer(TestBundles.DEMO);
    }
}
