package com.ivpstudio.inference;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OperationContextTest {

    @Test
    void anInterpolationFrameBelongsToTheEndPatientOnlyPastTheMidpoint() {
        OperationContext walk = OperationContext.forPatient("DEMO-07").walkingTo("DEMO-03");
        assertThat(walk.patientCodeAt(0.0)).isEqualTo("DEMO-07");
        assertThat(walk.patientCodeAt(0.5)).isEqualTo("DEMO-07");
        assertThat(walk.patientCodeAt(0.5714)).isEqualTo("DEMO-03");
        assertThat(walk.patientCodeAt(1.0)).isEqualTo("DEMO-03");
        assertThat(walk.patientCodeAt(null)).as("an image that is no interpolation frame").isEqualTo("DEMO-07");
    }

    @Test
    void withoutAnEndPatientEveryFrameKeepsThePatientAndProgressKeepsTheEnd() {
        assertThat(OperationContext.forPatient("DEMO-07").patientCodeAt(1.0)).isEqualTo("DEMO-07");
        OperationContext walk = OperationContext.forPatient("A").walkingTo("B").withProgress(null).withCancellation(null);
        assertThat(walk.endPatientCode()).isEqualTo("B");
        assertThat(OperationContext.forPatient("A").walkingTo(" ").endPatientCode()).isNull();
    }
}
