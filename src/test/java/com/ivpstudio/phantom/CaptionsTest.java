package com.ivpstudio.phantom;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CaptionsTest {

    @Test
    void vocabularyIsSmallFixedAndLowercase() {
        List<String> v = Captions.vocabulary();
        assertThat(v.size()).isBetween(100, 300);
        assertThat(v).allMatch(w -> w.matches("[a-z]+"));
        assertThat(new HashSet<>(v)).hasSameSizeAs(v);
    }

    @Test
    void captionsUseOnlyVocabularyWordsAndCommas() {
        Set<String> vocab = new HashSet<>(Captions.vocabulary());
        for (long s = 0; s < 400; s++) {
            for (PhantomPatient p : Treatment.stages(PhantomPatient.generate(s), 3)) {
                String c = Captions.caption(p);
                assertThat(c).matches("[a-z ,]+");
                for (String w : c.replace(",", " ").trim().split("\\s+")) {
                    assertThat(vocab).as("word '%s' in '%s'", w, c).contains(w);
                }
            }
        }
    }

    @Test
    void captionsAgreeWithParameters() {
        for (long s = 0; s < 300; s++) {
            PhantomPatient p = PhantomPatient.generate(s);
            String c = Captions.caption(p);
            boolean brackets = p.appliance != PhantomPatient.Appliance.NONE;
            assertThat(c.contains("brackets") || c.contains("braces")).as(c).isEqualTo(brackets);
            if (brackets) {
                assertThat(c).contains(p.bracketMaterial == PhantomPatient.BracketMaterial.METAL ? "metal" : "ceramic");
            }
            for (int fdi : p.missingFdi()) {
                if (fdi % 10 <= 5) {
                    assertThat(c).as(c).contains(Captions.toothName(fdi));
                }
            }
            String su = PhantomPatient.severity(p.crowdingUpper);
            assertThat(c.contains("crowd") || c.contains("irregular")).as(c).isEqualTo(!su.equals("none") || !PhantomPatient.severity(p.crowdingLower).equals("none"));
            assertThat(c.contains("deep")).as(c).isEqualTo(p.overbite > 4.5);
            assertThat(c.contains("open bite")).as(c).isEqualTo(p.overbite < -0.5);
            assertThat(c.contains("diastema") || c.contains("gap between the upper central")).as(c).isEqualTo(p.diastema >= 1.0);
            assertThat(c.contains("crossbite on") || c.contains("posterior crossbite")).as(c).isEqualTo(p.posteriorCrossbite());
            assertThat(c).doesNotContain("filling");
            for (int i = 0; i < PhantomPatient.TEETH; i++) {
                if (p.present[i] && p.restoration[i].crown()) {
                    String name = Captions.toothName(PhantomPatient.FDI[i]);
                    assertThat(c.contains(name)).as(c).isEqualTo(PhantomPatient.number(i) <= 6);
                }
            }
        }
    }

    @Test
    void midTreatmentCaptionMentionsTheAppliance() {
        PhantomPatient p = PhantomPatient.generate(DemoPatients.all().get(0).seed);
        List<PhantomPatient> st = Treatment.stages(p, 5);
        assertThat(Captions.caption(st.get(2))).contains("during orthodontic treatment").contains("brackets on");
        assertThat(Captions.caption(st.get(4))).contains("after orthodontic treatment").doesNotContain("brackets");
    }
}
