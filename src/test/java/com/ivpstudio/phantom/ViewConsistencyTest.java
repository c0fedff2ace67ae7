package com.ivpstudio.phantom;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ViewConsistencyTest {

    private static Set<Integer> codes(PhantomScene sc, View v) {
        PhantomRenderer.Rendered r = PhantomRenderer.render(sc, v, 11, 96, 96, 5 / 3.0);
        Set<Integer> s = new HashSet<>();
        for (byte b : r.labels) {
            s.add(b & 0xff);
        }
        return s;
    }

    @Test
    void aMissingToothIsAbsentFromEveryViewsLabelMap() {
        PhantomPatient p = PhantomPatient.generate(DemoPatients.all().get(6).seed).copy();
        p.present[PhantomPatient.index(12)] = false;
        p.present[PhantomPatient.index(36)] = false;
        PhantomScene sc = PhantomScene.build(p, 0);
        for (View v : View.values()) {
            Set<Integer> c = codes(sc, v);
            assertThat(c).as(v.id()).doesNotContain(12, 36);
        }
        assertThat(codes(sc, View.FRONT)).contains(11, 21, 41);
        assertThat(codes(sc, View.UPPER)).contains(11, 16, 26).doesNotContain(31, 41);
        assertThat(codes(sc, View.LOWER)).contains(31, 46).doesNotContain(11, 21);
    }

    @Test
    void bracketsOnBothArchesAreVisibleInEveryView() {
        PhantomPatient p = PhantomPatient.generate(3).copy();
        p.appliance = PhantomPatient.Appliance.BOTH;
        PhantomScene sc = PhantomScene.build(p, 0);
        for (View v : View.values()) {
            assertThat(codes(sc, v)).as(v.id()).contains(Labels.APPLIANCE);
        }
    }

    @Test
    void upperOnlyBracketsAreAbsentFromTheLowerOcclusalView() {
        PhantomPatient p = PhantomPatient.generate(3).copy();
        p.appliance = PhantomPatient.Appliance.UPPER;
        PhantomScene sc = PhantomScene.build(p, 0);
        assertThat(codes(sc, View.UPPER)).contains(Labels.APPLIANCE);
        assertThat(codes(sc, View.FRONT)).contains(Labels.APPLIANCE);
        assertThat(codes(sc, View.LOWER)).doesNotContain(Labels.APPLIANCE);
    }

    @Test
    void leftViewShowsThePatientsLeftSideAndRightViewTheRightSide() {
        PhantomScene sc = PhantomScene.build(PhantomPatient.generate(21), 0);
        for (View v : new View[] {View.LEFT, View.RIGHT}) {
            PhantomRenderer.Rendered r = PhantomRenderer.render(sc, v, 4, 80, 48, 5 / 3.0);
            int left = 0, right = 0;
            for (byte b : r.labels) {
                int q = (b & 0xff) / 10;
                if (Labels.isTooth(b & 0xff)) {
                    if (q == 2 || q == 3) {
                        left++;
                    } else {
                        right++;
                    }
                }
            }
            if (v == View.LEFT) {
                assertThat(left).isGreaterThan(2 * right);
            } else {
                assertThat(right).isGreaterThan(2 * left);
            }
        }
    }

    @Test
    void occlusalViewsShowPalateAndTongue() {
        PhantomScene sc = PhantomScene.build(PhantomPatient.generate(8), 0);
        assertThat(codes(sc, View.UPPER)).contains(Labels.PALATE, Labels.GINGIVA);
        assertThat(codes(sc, View.LOWER)).contains(Labels.TONGUE, Labels.GINGIVA);
    }
}
