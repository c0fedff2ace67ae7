package com.ivpstudio.phantom;

import java.util.List;

/** Named before/after pairs for the nudge studio: a patient seed and two treatment stages of n. */
public final class ReferencePairs {
    /** One pair: before = stage {@code before} of {@code stages}, after = stage {@code after}. */
    public static final class Pair {
        public final String name;
        public final long seed;
        public final int stages;
        public final int before;
        public final int after;

        Pair(String name, long seed, int stages, int before, int after) {
            this.name = name;
            this.seed = seed;
            this.stages = stages;
            this.before = before;
            this.after = after;
        }

        public PhantomPatient beforePatient() {
            return Treatment.stage(PhantomPatient.generate(seed), before, stages);
        }

        public PhantomPatient afterPatient() {
            return Treatment.stage(PhantomPatient.generate(seed), after, stages);
        }
    }

    private ReferencePairs() {
    }

    private static final List<Pair> ALL = List.of(
        new Pair("levelling and alignment", DemoPatients.all().get(0).seed, 5, 1, 3),
        new Pair("full treatment of crowding", DemoPatients.all().get(1).seed, 5, 0, 4),
        new Pair("diastema closure", DemoPatients.all().get(2).seed, 5, 0, 4),
        new Pair("space closure", DemoPatients.all().get(3).seed, 5, 1, 4),
        new Pair("bracket placement", DemoPatients.all().get(1).seed, 5, 0, 1),
        new Pair("debonding", DemoPatients.all().get(0).seed, 5, 3, 4),
        new Pair("crossbite correction", DemoPatients.all().get(7).seed, 5, 0, 4),
        new Pair("open bite closure", DemoPatients.all().get(8).seed, 5, 0, 4),
        new Pair("deep bite correction", DemoPatients.all().get(9).seed, 5, 0, 4),
        new Pair("midline correction", DemoPatients.all().get(10).seed, 5, 0, 4));

    public static List<Pair> all() {
        return ALL;
    }
}
