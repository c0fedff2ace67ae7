package com.ivpstudio.phantom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TreatmentStagesTest {

    @Test
    void lastStageHasNoMalpositionBeyondTolerance() {
        for (long s = 0; s < 50; s++) {
            PhantomPatient p = PhantomPatient.generate(s);
            List<PhantomPatient> st = Treatment.stages(p, 6);
            PhantomPatient last = st.get(5);
            double[] mal = last.maxMalposition();
            assertThat(mal[0]).isLessThan(0.5);
            assertThat(mal[1]).isLessThan(0.05);
            assertThat(last.crowdingUpper + last.crowdingLower + last.spacingUpper + last.spacingLower + last.diastema)
                .isLessThan(0.01);
            assertThat(Math.abs(last.midlineShift)).isLessThan(0.01);
            assertThat(last.posteriorCrossbite()).isFalse();
            assertThat(last.overbite).isCloseTo(Treatment.IDEAL_OVERBITE, org.assertj.core.data.Offset.offset(0.01));
            assertThat(last.appliance).isEqualTo(PhantomPatient.Appliance.NONE);
        }
    }

    @Test
    void malpositionDecreasesMonotonicallyAndApplianceIsOnInTheMiddle() {
        PhantomPatient p = PhantomPatient.generate(DemoPatients.all().get(0).seed);
        List<PhantomPatient> st = Treatment.stages(p, 5);
        assertThat(st.get(0).toJson()).isEqualTo(p.copy().toJson());
        double prev = Double.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            assertThat(st.get(i).stage).isEqualTo(i);
            assertThat(st.get(i).stages).isEqualTo(5);
            double m = st.get(i).maxMalposition()[0];
            assertThat(m).isLessThanOrEqualTo(prev);
            prev = m;
        }
        for (int i = 1; i < 4; i++) {
            assertThat(st.get(i).appliance).isEqualTo(PhantomPatient.Appliance.BOTH);
        }
    }

    @Test
    void oneStageIsJustThePatientAndBadCountsAreRefused() {
        PhantomPatient p = PhantomPatient.generate(4);
        assertThat(Treatment.stages(p, 1)).hasSize(1);
        assertThat(Treatment.stages(p, 1).get(0).toJson()).isEqualTo(p.toJson());
        assertThatThrownBy(() -> Treatment.stages(p, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void demoPatientsMatchTheirDescriptions() {
        List<DemoPatients.Demo> all = DemoPatients.all();
        assertThat(all).hasSizeGreaterThanOrEqualTo(12);
        for (int i = 0; i < all.size(); i++) {
            assertThat(DemoPatients.matches(i, all.get(i).patient())).as(all.get(i).name).isTrue();
        }
        assertThat(ReferencePairs.all()).isNotEmpty().allSatisfy(r -> {
            assertThat(r.before).isLessThan(r.after);
            assertThat(r.after).isLessThan(r.stages);
        });
    }
}
