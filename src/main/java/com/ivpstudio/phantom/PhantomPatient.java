package com.ivpstudio.phantom;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Parameters of one procedural patient: deterministic from {@link #seed}. Teeth are indexed 0..27 in the order
 * 11..17, 21..27, 31..37, 41..47 (see {@link #FDI}). Fields are public for compact use by the renderer; treat
 * instances as values and use {@link #copy()} before editing.
 */
public final class PhantomPatient {

    public enum Appliance { NONE, UPPER, LOWER, BOTH;
        public boolean upper() { return this == UPPER || this == BOTH; }
        public boolean lower() { return this == LOWER || this == BOTH; }
    }

    public enum BracketMaterial { METAL, CERAMIC }

    public enum Restoration { NONE, AMALGAM_FILLING, GOLD_FILLING, METAL_CROWN, GOLD_CROWN;
        public boolean crown() { return this == METAL_CROWN || this == GOLD_CROWN; }
        public boolean filling() { return this == AMALGAM_FILLING || this == GOLD_FILLING; }
        public boolean gold() { return this == GOLD_FILLING || this == GOLD_CROWN; }
    }

    /** FDI numbers by tooth index. */
    public static final int[] FDI = {
        11, 12, 13, 14, 15, 16, 17, 21, 22, 23, 24, 25, 26, 27,
        31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 47};

    public static final int TEETH = 28;

    public final long seed;
    public int stage = 0;
    public int stages = 1;

    /** Arch width and depth factors (1 = average). */
    public double archWidth = 1, archDepth = 1;
    /** Overall tooth size factor. */
    public double toothSize = 1;
    /** 0 = bright white .. 1 = yellowish. */
    public double shade = 0.3;
    /** 0 = matte .. 1 = very glossy enamel. */
    public double gloss = 0.8;
    /** Gingiva tint variation 0..1 (paler .. redder). */
    public double gingivaTone = 0.5;
    /** Crowding (arch length discrepancy, mm) of the upper and lower arch. */
    public double crowdingUpper, crowdingLower;
    /** Generalised spacing per anterior contact (mm). */
    public double spacingUpper, spacingLower;
    /** Upper midline diastema (mm). */
    public double diastema;
    /** Lower midline relative to upper (mm, + = towards the patient's left). */
    public double midlineShift;
    /** Overjet and overbite (mm). Overbite &lt; 0 is an open bite. */
    public double overjet = 2.5, overbite = 2.0;
    /** Posterior crossbite amount (mm) on the patient's right and left side (0 = none). */
    public double crossbiteRight, crossbiteLeft;
    /** Fraction of a missing tooth's space still open (1 = space kept, 0 = closed). */
    public double missingSpace = 1;
    public Appliance appliance = Appliance.NONE;
    public BracketMaterial bracketMaterial = BracketMaterial.METAL;
    /** Cervical stain level 0..1. */
    public double stain;

    public final boolean[] present = new boolean[TEETH];
    public final double[] size = new double[TEETH];
    /** Malposition per tooth: rotation about the long axis, mesiodistal tip, labiolingual torque (degrees). */
    public final double[] rotation = new double[TEETH], tip = new double[TEETH], torque = new double[TEETH];
    /** Malposition per tooth: labial(+)/lingual(-) displacement and extrusion(+)/intrusion(-) (mm). */
    public final double[] labial = new double[TEETH], vertical = new double[TEETH];
    public final Restoration[] restoration = new Restoration[TEETH];
    /** Caries spot size 0..1 per tooth (0 = none), on the buccal surface. */
    public final double[] caries = new double[TEETH];

    private PhantomPatient(long seed) {
        this.seed = seed;
        Arrays.fill(present, true);
        Arrays.fill(size, 1.0);
        Arrays.fill(restoration, Restoration.NONE);
    }

    public static int index(int fdi) {
        for (int i = 0; i < TEETH; i++) {
            if (FDI[i] == fdi) {
                return i;
            }
        }
        throw new IllegalArgumentException("not an FDI number of this phantom: " + fdi);
    }

    /** Tooth number within the quadrant, 1 (central incisor) .. 7 (second molar). */
    public static int number(int idx) {
        return FDI[idx] % 10;
    }

    public static boolean isUpper(int idx) {
        return idx < 14;
    }

    /** Patient's left side (quadrants 2 and 3). */
    public static boolean isLeft(int idx) {
        int q = FDI[idx] / 10;
        return q == 2 || q == 3;
    }

    public boolean isPresent(int fdi) {
        return present[index(fdi)];
    }

    public boolean posteriorCrossbite() {
        return crossbiteRight > 1.5 || crossbiteLeft > 1.5;
    }

    /** Generates a patient from a seed (same seed = same patient). */
    public static PhantomPatient generate(long seed) {
        PhantomPatient p = new PhantomPatient(seed);
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 0x1234567L);
        p.archWidth = 0.92 + 0.16 * r.nextDouble();
        p.archDepth = 0.92 + 0.16 * r.nextDouble();
        p.toothSize = 0.95 + 0.10 * r.nextDouble();
        p.shade = Math.pow(r.nextDouble(), 1.3);
        p.gloss = 0.55 + 0.45 * r.nextDouble();
        p.gingivaTone = r.nextDouble();
        for (int i = 0; i < TEETH; i++) {
            p.size[i] = 0.97 + 0.06 * r.nextDouble();
            p.rotation[i] = gauss(r) * 3.0;
            p.tip[i] = gauss(r) * 2.0;
            p.torque[i] = gauss(r) * 2.0;
            p.labial[i] = gauss(r) * 0.25;
            p.vertical[i] = gauss(r) * 0.25;
        }
        // spacing (excludes crowding in that arch)
        double sp = r.nextDouble();
        if (sp < 0.14) {
            p.spacingUpper = 0.7 + 1.3 * r.nextDouble();
            if (r.nextDouble() < 0.6) {
                p.spacingLower = 0.6 + 1.0 * r.nextDouble();
            }
        }
        if (r.nextDouble() < 0.14) {
            p.diastema = 1.8 + 2.7 * r.nextDouble();
        }
        p.crowdingUpper = p.spacingUpper > 0 ? 0 : crowding(r, 0.0);
        p.crowdingLower = p.spacingLower > 0 ? 0 : crowding(r, 0.08);
        applyCrowding(p, r, true, p.crowdingUpper);
        applyCrowding(p, r, false, p.crowdingLower);
        // midline
        p.midlineShift = r.nextDouble() < 0.22 ? sign(r) * (1.5 + 2.0 * r.nextDouble()) : gauss(r) * 0.3;
        // overjet / overbite
        double oj = r.nextDouble();
        p.overjet = oj < 0.7 ? 1.5 + 2 * r.nextDouble() : oj < 0.9 ? 4 + 4 * r.nextDouble() : -2.5 + 2.5 * r.nextDouble();
        double ob = r.nextDouble();
        p.overbite = ob < 0.64 ? 1 + 2.5 * r.nextDouble() : ob < 0.84 ? 4.6 + 2.4 * r.nextDouble() : -1.2 - 2.8 * r.nextDouble();
        // posterior crossbite
        if (r.nextDouble() < 0.13) {
            double amt = 3.2 + 1.3 * r.nextDouble();
            double side = r.nextDouble();
            if (side < 0.43) {
                p.crossbiteRight = amt;
            } else if (side < 0.86) {
                p.crossbiteLeft = amt;
            } else {
                p.crossbiteRight = amt;
                p.crossbiteLeft = amt;
            }
        }
        // missing teeth
        if (r.nextDouble() < 0.2) {
            int n = r.nextDouble() < 0.7 ? 1 : 2;
            int[] pool = {12, 22, 15, 25, 35, 45, 16, 26, 36, 46, 11, 21, 31, 41, 13, 23, 14, 24, 34, 44, 17, 27, 37, 47,
                32, 42, 33, 43};
            for (int k = 0; k < n; k++) {
                int pick = (int) Math.floor(Math.pow(r.nextDouble(), 1.8) * pool.length);
                p.present[index(pool[Math.min(pick, pool.length - 1)])] = false;
            }
            p.missingSpace = 0.55 + 0.45 * r.nextDouble();
        }
        // appliance
        if (r.nextDouble() < 0.35) {
            double a = r.nextDouble();
            p.appliance = a < 0.7 ? Appliance.BOTH : a < 0.85 ? Appliance.UPPER : Appliance.LOWER;
            p.bracketMaterial = r.nextDouble() < 0.6 ? BracketMaterial.METAL : BracketMaterial.CERAMIC;
        } else {
            p.bracketMaterial = r.nextDouble() < 0.6 ? BracketMaterial.METAL : BracketMaterial.CERAMIC;
        }
        // restorations
        if (r.nextDouble() < 0.3) {
            int n = 1 + r.nextInt(4);
            for (int k = 0; k < n; k++) {
                int idx = r.nextInt(TEETH);
                int num = number(idx);
                boolean anterior = num <= 3;
                if (anterior && r.nextDouble() < 0.7) {
                    idx = idx - num + 4 + r.nextInt(4);
                    num = number(idx);
                    anterior = false;
                }
                double t = r.nextDouble();
                Restoration res;
                if (anterior) {
                    res = t < 0.5 ? Restoration.METAL_CROWN : Restoration.GOLD_CROWN;
                } else {
                    res = t < 0.4 ? Restoration.AMALGAM_FILLING : t < 0.5 ? Restoration.GOLD_FILLING
                        : t < 0.75 ? Restoration.METAL_CROWN : Restoration.GOLD_CROWN;
                }
                p.restoration[idx] = res;
            }
        }
        // caries (buccal spots)
        if (r.nextDouble() < 0.15) {
            int n = 1 + r.nextInt(3);
            for (int k = 0; k < n; k++) {
                int idx = r.nextInt(TEETH);
                idx = idx - number(idx) + 1 + r.nextInt(5);
                if (p.restoration[idx] == Restoration.NONE) {
                    p.caries[idx] = 0.6 + 0.4 * r.nextDouble();
                }
            }
        }
        if (r.nextDouble() < 0.2) {
            p.stain = 0.35 + 0.65 * r.nextDouble();
        }
        for (int i = 0; i < TEETH; i++) {
            if (!p.present[i]) {
                p.restoration[i] = Restoration.NONE;
                p.caries[i] = 0;
            }
        }
        return p;
    }

    private static double crowding(SplittableRandom r, double extra) {
        double c = r.nextDouble() - extra;
        if (c < 0.2) {
            return 0.2 + 0.7 * r.nextDouble();
        } else if (c < 0.55) {
            return 1.2 + 1.7 * r.nextDouble();
        } else if (c < 0.85) {
            return 3.2 + 1.7 * r.nextDouble();
        }
        return 5.3 + 2.7 * r.nextDouble();
    }

    private static void applyCrowding(PhantomPatient p, SplittableRandom r, boolean upper, double c) {
        if (c < 0.9) {
            return;
        }
        int base = upper ? 0 : 14;
        for (int k = 0; k < 14; k++) {
            int idx = base + k;
            int num = number(idx);
            double w = num <= 2 ? 1.0 : num == 3 ? 0.8 : num <= 5 ? 0.35 : 0.1;
            double dir = ((num + (isLeft(idx) ? 1 : 0) + (r.nextDouble() < 0.3 ? 1 : 0)) % 2 == 0) ? 1 : -1;
            p.labial[idx] += w * dir * (0.35 + 0.28 * c) * (0.6 + 0.6 * r.nextDouble());
            p.rotation[idx] += w * gauss(r) * (4 + 4.5 * c);
            p.tip[idx] += w * gauss(r) * (1 + 1.2 * c);
            p.vertical[idx] += w * gauss(r) * 0.25 * c;
            if (num == 3 && c > 4 && r.nextDouble() < 0.5) {
                p.labial[idx] += 1.2; // blocked-out canine
                p.vertical[idx] -= 1.2;
            }
        }
    }

    static double gauss(SplittableRandom r) {
        // Box-Muller with clamping, deterministic
        double u = Math.max(1e-12, r.nextDouble());
        double v = r.nextDouble();
        double g = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
        return Math.max(-2.5, Math.min(2.5, g));
    }

    private static double sign(SplittableRandom r) {
        return r.nextDouble() < 0.5 ? -1 : 1;
    }

    public PhantomPatient copy() {
        PhantomPatient c = new PhantomPatient(seed);
        c.stage = stage;
        c.stages = stages;
        c.archWidth = archWidth;
        c.archDepth = archDepth;
        c.toothSize = toothSize;
        c.shade = shade;
        c.gloss = gloss;
        c.gingivaTone = gingivaTone;
        c.crowdingUpper = crowdingUpper;
        c.crowdingLower = crowdingLower;
        c.spacingUpper = spacingUpper;
        c.spacingLower = spacingLower;
        c.diastema = diastema;
        c.midlineShift = midlineShift;
        c.overjet = overjet;
        c.overbite = overbite;
        c.crossbiteRight = crossbiteRight;
        c.crossbiteLeft = crossbiteLeft;
        c.missingSpace = missingSpace;
        c.appliance = appliance;
        c.bracketMaterial = bracketMaterial;
        c.stain = stain;
        System.arraycopy(present, 0, c.present, 0, TEETH);
        System.arraycopy(size, 0, c.size, 0, TEETH);
        System.arraycopy(rotation, 0, c.rotation, 0, TEETH);
        System.arraycopy(tip, 0, c.tip, 0, TEETH);
        System.arraycopy(torque, 0, c.torque, 0, TEETH);
        System.arraycopy(labial, 0, c.labial, 0, TEETH);
        System.arraycopy(vertical, 0, c.vertical, 0, TEETH);
        System.arraycopy(restoration, 0, c.restoration, 0, TEETH);
        System.arraycopy(caries, 0, c.caries, 0, TEETH);
        return c;
    }

    /** Crowding severity word for an arch: none, mild, moderate, severe. */
    public static String severity(double crowdingMm) {
        return crowdingMm < 1.0 ? "none" : crowdingMm < 3.0 ? "mild" : crowdingMm < 5.0 ? "moderate" : "severe";
    }

    public List<Integer> missingFdi() {
        List<Integer> l = new ArrayList<>();
        for (int i = 0; i < TEETH; i++) {
            if (!present[i]) {
                l.add(FDI[i]);
            }
        }
        l.sort(null);
        return l;
    }

    /** Largest absolute residual malposition over the present teeth: {rotation/tip/torque deg, mm}. */
    public double[] maxMalposition() {
        double deg = 0, mm = 0;
        for (int i = 0; i < TEETH; i++) {
            if (present[i]) {
                deg = Math.max(deg, Math.max(Math.abs(rotation[i]), Math.max(Math.abs(tip[i]), Math.abs(torque[i]))));
                mm = Math.max(mm, Math.max(Math.abs(labial[i]), Math.abs(vertical[i])));
            }
        }
        return new double[] {deg, mm};
    }

    /** The patient parameters as a compact JSON object (used in index.jsonl "params"). */
    public String toJson() {
        JsonWriter restorations = JsonWriter.compact();
        List<String> cariesFdi = new ArrayList<>();
        for (int i = 0; i < TEETH; i++) {
            if (restoration[i] != Restoration.NONE) {
                restorations.string(Integer.toString(FDI[i]), restoration[i].name().toLowerCase(Locale.ROOT));
            }
            if (caries[i] > 0) {
                cariesFdi.add(Integer.toString(FDI[i]));
            }
        }
        double[] mal = maxMalposition();
        return JsonWriter.compact()
                .decimal("arch_width", archWidth)
                .decimal("arch_depth", archDepth)
                .decimal("tooth_size", toothSize)
                .decimal("shade", shade)
                .decimal("gloss", gloss)
                .decimal("crowding_upper", crowdingUpper)
                .decimal("crowding_lower", crowdingLower)
                .string("crowding_upper_severity", severity(crowdingUpper))
                .string("crowding_lower_severity", severity(crowdingLower))
                .decimal("spacing_upper", spacingUpper)
                .decimal("spacing_lower", spacingLower)
                .decimal("diastema", diastema)
                .decimal("midline_shift", midlineShift)
                .decimal("overjet", overjet)
                .decimal("overbite", overbite)
                .decimal("crossbite_right", crossbiteRight)
                .decimal("crossbite_left", crossbiteLeft)
                .decimal("missing_space", missingSpace)
                .decimal("stain", stain)
                .string("appliance", appliance.name().toLowerCase(Locale.ROOT))
                .string("bracket_material", bracketMaterial.name().toLowerCase(Locale.ROOT))
                .raw("missing", JsonWriter.array(missingFdi().stream().map(String::valueOf).toList(), ","))
                .raw("restorations", restorations.toString())
                .raw("caries", JsonWriter.array(cariesFdi, ","))
                .decimal("max_angle_deviation", mal[0])
                .decimal("max_displacement", mal[1])
                .toString();
    }
}
