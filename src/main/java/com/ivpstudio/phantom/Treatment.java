package com.ivpstudio.phantom;

import java.util.ArrayList;
import java.util.List;

/** Orthodontic treatment simulation: from the patient's malposition to an ideal, levelled, aligned arch. */
public final class Treatment {
    /** Overjet and overbite of the treated result (mm). */
    public static final double IDEAL_OVERJET = 2.5, IDEAL_OVERBITE = 2.0;

    private Treatment() {
    }

    /**
     * Stages 0..n-1: stage 0 is the patient as generated, stage n-1 the treated result (malposition, crowding,
     * spacing, midline shift and crossbite corrected, missing-tooth spaces closed, brackets removed). With n &gt;= 3
     * a fixed appliance on both arches is present in the middle stages (the patient's own bracket material).
     */
    public static List<PhantomPatient> stages(PhantomPatient patient, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("stages must be >= 1, got " + n);
        }
        List<PhantomPatient> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(stage(patient, i, n));
        }
        return out;
    }

    /** One stage i of n (0-based). */
    public static PhantomPatient stage(PhantomPatient patient, int i, int n) {
        if (n < 1 || i < 0 || i >= n) {
            throw new IllegalArgumentException("stage " + i + "/" + n + " out of range");
        }
        PhantomPatient p = patient.copy();
        p.stage = i;
        p.stages = n;
        if (n == 1 || i == 0) {
            return p;
        }
        double t = (double) i / (n - 1);
        double e = t * t * (3 - 2 * t);
        double k = 1 - e;
        for (int j = 0; j < PhantomPatient.TEETH; j++) {
            p.rotation[j] *= k;
            p.tip[j] *= k;
            p.torque[j] *= k;
            p.labial[j] *= k;
            p.vertical[j] *= k;
        }
        p.crowdingUpper *= k;
        p.crowdingLower *= k;
        p.spacingUpper *= k;
        p.spacingLower *= k;
        p.diastema *= k;
        p.midlineShift *= k;
        p.crossbiteRight *= k;
        p.crossbiteLeft *= k;
        p.missingSpace *= k;
        p.overjet = patient.overjet + (IDEAL_OVERJET - patient.overjet) * e;
        p.overbite = patient.overbite + (IDEAL_OVERBITE - patient.overbite) * e;
        if (i == n - 1) {
            p.appliance = PhantomPatient.Appliance.NONE;
        } else {
            p.appliance = PhantomPatient.Appliance.BOTH;
        }
        return p;
    }
}
