package com.ivpstudio.phantom;

import java.util.List;

/** Curated demo patient seeds with short descriptions (verified by tests against the generator). */
public final class DemoPatients {
    /** A demo patient: seed, short name and description. */
    public static final class Demo {
        public final long seed;
        public final String name;
        public final String description;

        Demo(long seed, String name, String description) {
            this.seed = seed;
            this.name = name;
            this.description = description;
        }

        public PhantomPatient patient() {
            return PhantomPatient.generate(seed);
        }
    }

    private DemoPatients() {
    }

    /** Seeds, found with {@code DemoPatients.main} and fixed here. */
    private static final long[] SEEDS = {6L, 4L, 1L, 39L, 16L, 21L, 10L, 5L, 12L, 1L, 2L, 3L, 62L};

    private static final List<Demo> ALL = List.of(
        new Demo(SEEDS[0], "severe crowding", "severe crowding of the lower or upper incisors"),
        new Demo(SEEDS[1], "moderate crowding", "moderate crowding, no appliance"),
        new Demo(SEEDS[2], "diastema", "midline diastema between the upper central incisors"),
        new Demo(SEEDS[3], "spacing", "generalised spacing of the upper anterior teeth"),
        new Demo(SEEDS[4], "metal brackets", "metal brackets and archwire on both arches"),
        new Demo(SEEDS[5], "ceramic brackets", "ceramic brackets on at least one arch"),
        new Demo(SEEDS[6], "missing lateral incisor", "a missing upper lateral incisor"),
        new Demo(SEEDS[7], "posterior crossbite", "posterior crossbite on one or both sides"),
        new Demo(SEEDS[8], "open bite", "anterior open bite"),
        new Demo(SEEDS[9], "deep bite", "deep overbite"),
        new Demo(SEEDS[10], "midline shift", "lower midline shifted by 1.5 mm or more"),
        new Demo(SEEDS[11], "gold crown", "a gold or metal crown visible from the front"),
        new Demo(SEEDS[12], "well aligned", "mild or no crowding, no appliance, nothing missing"));

    public static List<Demo> all() {
        return ALL;
    }

    /** Whether a patient matches demo i's description (used to find seeds and by tests). */
    public static boolean matches(int i, PhantomPatient p) {
        switch (i) {
            case 0: return Math.max(p.crowdingUpper, p.crowdingLower) >= 5 && p.appliance == PhantomPatient.Appliance.NONE
                && p.missingFdi().isEmpty();
            case 1: return Math.max(p.crowdingUpper, p.crowdingLower) >= 3 && Math.max(p.crowdingUpper, p.crowdingLower) < 5
                && p.appliance == PhantomPatient.Appliance.NONE;
            case 2: return p.diastema >= 2.5 && p.appliance == PhantomPatient.Appliance.NONE;
            case 3: return p.spacingUpper >= 1.2 && p.appliance == PhantomPatient.Appliance.NONE;
            case 4: return p.appliance == PhantomPatient.Appliance.BOTH
                && p.bracketMaterial == PhantomPatient.BracketMaterial.METAL;
            case 5: return p.appliance != PhantomPatient.Appliance.NONE
                && p.bracketMaterial == PhantomPatient.BracketMaterial.CERAMIC;
            case 6: return !p.isPresent(12) || !p.isPresent(22);
            case 7: return p.posteriorCrossbite();
            case 8: return p.overbite < -1.5;
            case 9: return p.overbite > 5;
            case 10: return Math.abs(p.midlineShift) >= 1.5;
            case 11: {
                for (int k = 0; k < PhantomPatient.TEETH; k++) {
                    if (p.present[k] && p.restoration[k].crown() && PhantomPatient.number(k) <= 4) {
                        return true;
                    }
                }
                return false;
            }
            case 12: return p.crowdingUpper < 2 && p.crowdingLower < 2 && p.appliance == PhantomPatient.Appliance.NONE
                && p.missingFdi().isEmpty() && p.diastema == 0 && p.spacingUpper == 0 && p.overbite > 0.5
                && p.overbite < 4 && !p.posteriorCrossbite() && Math.abs(p.midlineShift) < 1;
            default: return false;
        }
    }

    /** Prints the first matching seed per demo (development helper). */
    public static void main(String[] args) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 13; i++) {
            for (long s = 1; s < 100000; s++) {
                if (matches(i, PhantomPatient.generate(s))) {
                    b.append(s).append("L, ");
                    break;
                }
            }
        }
        System.out.println(b);
    }
}
