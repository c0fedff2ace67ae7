package com.ivpstudio.phantom;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Captions in a small fixed vocabulary, describing what is visible in the FRONT view (see docs/phantom.md):
 * occlusal fillings and missing molars (numbers 6 and 7) are not mentioned because the front view does not show
 * them. Phrases are joined with ", ".
 */
public final class Captions {
    private Captions() {
    }

    private static final String[] NAMES = {"", "central incisor", "lateral incisor", "canine", "first premolar",
        "second premolar", "first molar", "second molar"};

    /** Every phrase template word; {@link #vocabulary()} is derived from this text. */
    private static final String VOCAB_TEXT = String.join(" ",
        "mild moderate severe mildly moderately severely crowding crowded crowded of the in upper lower both arches arch",
        "incisors anterior teeth tooth front spacing spaced between gaps gap generalised small midline diastema",
        "central lateral incisor canine canines first second premolar premolars molar molars left right",
        "missing absent no brackets bracket fixed appliance with metal ceramic clear on orthodontic braces wire",
        "gold crown crowns caries spots dark carious lesion lesions deep bite overbite anterior open posterior",
        "crossbite side sides shifted shift to reverse overjet increased bright white ivory yellowish shade",
        "natural slightly yellow stains brown stained near gums well aligned straight during after treatment",
        "a an and is are at one two several visible",
        "patient has shows irregular overlapping rotated where very cream coloured crowned healthy looking nicely",
        "archwire hidden covering not meeting midlines matching finished removed discoloured necks little slight",
        "mouth closed smile view frontal photo teeth edges");

    private static final List<String> VOCAB;

    static {
        TreeSet<String> s = new TreeSet<>(Arrays.asList(VOCAB_TEXT.trim().split("\\s+")));
        VOCAB = Collections.unmodifiableList(new ArrayList<>(s));
    }

    /** The fixed, sorted list of lowercase words any caption may use. */
    public static List<String> vocabulary() {
        return VOCAB;
    }

    static String toothName(int fdi) {
        int q = fdi / 10;
        String arch = q <= 2 ? "upper" : "lower";
        String side = (q == 1 || q == 4) ? "right" : "left";
        return arch + " " + side + " " + NAMES[fdi % 10];
    }

    private static String pick(SplittableRandom r, String... options) {
        return options[r.nextInt(options.length)];
    }

    /** Caption of the patient as seen in the FRONT view (stage aware: uses the staged parameters). */
    public static String caption(PhantomPatient p) {
        SplittableRandom r = new SplittableRandom(p.seed * 0x2545F4914F6CDD1DL + p.stage * 977L + 5);
        List<String> ph = new ArrayList<>();
        // appliance
        if (p.appliance != PhantomPatient.Appliance.NONE) {
            String mat = p.bracketMaterial == PhantomPatient.BracketMaterial.METAL ? "metal" : "ceramic";
            String where = p.appliance == PhantomPatient.Appliance.BOTH ? pick(r, "both arches", "the upper and lower teeth")
                : p.appliance == PhantomPatient.Appliance.UPPER ? pick(r, "the upper arch", "the upper teeth")
                : pick(r, "the lower arch", "the lower teeth");
            ph.add(pick(r, mat + " brackets on " + where, "fixed appliance with " + mat + " brackets on " + where,
                mat + " braces on " + where, mat + " brackets with an archwire on " + where));
        }
        // crowding
        String su = PhantomPatient.severity(p.crowdingUpper), sl = PhantomPatient.severity(p.crowdingLower);
        if (!su.equals("none") && su.equals(sl)) {
            ph.add(pick(r, su + " crowding of both arches", su + " crowding in the upper and lower arch"));
        } else {
            for (int a = 0; a < 2; a++) {
                String sev = a == 0 ? su : sl;
                String arch = a == 0 ? "upper" : "lower";
                if (!sev.equals("none")) {
                    String adv = sev.equals("mild") ? "mildly" : sev.equals("moderate") ? "moderately" : "severely";
                    ph.add(sev.equals("mild") ? pick(r, sev + " crowding of the " + arch + " incisors",
                        sev + " crowding in the " + arch + " arch", arch + " anterior teeth " + adv + " crowded",
                        "slightly irregular " + arch + " incisors")
                        : pick(r, sev + " crowding of the " + arch + " incisors", sev + " crowding in the " + arch + " arch",
                        arch + " anterior teeth " + adv + " crowded", "overlapping " + arch + " incisors with " + sev + " crowding",
                        adv + " crowded and rotated " + arch + " incisors"));
                }
            }
        }
        // spacing, diastema
        if (p.diastema >= 1.0) {
            ph.add(pick(r, "midline diastema", "diastema between the upper central incisors", "gap between the upper central incisors"));
        }
        if (p.spacingUpper >= 0.5 && p.spacingLower >= 0.5) {
            ph.add(pick(r, "spacing in both arches", "generalised spacing"));
        } else if (p.spacingUpper >= 0.5) {
            ph.add(pick(r, "spacing between the upper incisors", "spaced upper anterior teeth", "small gaps between the upper front teeth"));
        } else if (p.spacingLower >= 0.5) {
            ph.add(pick(r, "spacing between the lower incisors", "spaced lower anterior teeth", "small gaps between the lower front teeth"));
        }
        // missing (visible ones)
        for (int fdi : p.missingFdi()) {
            if (fdi % 10 <= 5) {
                ph.add(pick(r, "missing ", "no ", "missing ") + toothName(fdi));
            }
        }
        // bite
        if (p.overbite > 4.5) {
            ph.add(pick(r, "deep bite", "deep overbite", "deep bite with upper incisors covering the lower incisors"));
        } else if (p.overbite < -0.5) {
            ph.add(pick(r, "anterior open bite", "open bite", "open bite with front teeth not meeting"));
        }
        if (p.overjet < -0.5) {
            ph.add(pick(r, "reverse overjet", "anterior crossbite"));
        }
        boolean cr = p.crossbiteRight > 1.5, cl = p.crossbiteLeft > 1.5;
        if (cr && cl) {
            ph.add(pick(r, "posterior crossbite on both sides", "crossbite on both sides"));
        } else if (cr || cl) {
            String side = cr ? "right" : "left";
            ph.add(pick(r, "posterior crossbite on the " + side + " side", "crossbite on the " + side + " side"));
        }
        if (Math.abs(p.midlineShift) >= 1.5) {
            String side = p.midlineShift > 0 ? "left" : "right";
            ph.add(pick(r, "lower midline shifted to the " + side, "midline shift to the " + side,
                "midlines not matching, lower midline shifted to the " + side));
        }
        // crowns
        for (int i = 0; i < PhantomPatient.TEETH; i++) {
            if (p.present[i] && p.restoration[i].crown() && PhantomPatient.number(i) <= 6) {
                String mat = p.restoration[i].gold() ? "gold" : "metal";
                ph.add(pick(r, mat + " crown on the " + toothName(PhantomPatient.FDI[i]),
                    toothName(PhantomPatient.FDI[i]) + " crowned in " + mat));
            }
        }
        // caries
        boolean cu = false, clw = false;
        for (int i = 0; i < PhantomPatient.TEETH; i++) {
            if (p.present[i] && p.caries[i] > 0 && PhantomPatient.number(i) <= 5) {
                if (PhantomPatient.isUpper(i)) {
                    cu = true;
                } else {
                    clw = true;
                }
            }
        }
        if (cu || clw) {
            String where = cu && clw ? "upper and lower teeth" : cu ? "upper teeth" : "lower teeth";
            ph.add(pick(r, "caries on the " + where, "dark carious lesions on the " + where, "caries spots on the " + where));
        }
        if (p.stain >= 0.5) {
            ph.add(pick(r, "brown stains near the gums", "stained teeth near the gums", "discoloured tooth necks"));
        }
        // shade
        String shade = p.shade < 0.3 ? pick(r, "bright white teeth", "white teeth", "very white teeth")
            : p.shade < 0.65 ? pick(r, "ivory teeth", "natural shade", "cream coloured teeth")
            : pick(r, "yellowish teeth", "slightly yellow teeth");
        boolean aligned = p.crowdingUpper < 1 && p.crowdingLower < 1 && p.spacingUpper < 0.5 && p.spacingLower < 0.5
            && p.diastema < 1 && p.maxMalposition()[0] < 6;
        if (aligned && ph.isEmpty()) {
            ph.add(pick(r, "well aligned teeth", "straight teeth", "nicely aligned healthy looking teeth"));
        }
        if (p.stages > 1 && p.stage > 0) {
            ph.add(0, p.stage == p.stages - 1 ? "after orthodontic treatment" : "during orthodontic treatment");
        }
        ph.add(shade);
        return String.join(", ", ph);
    }
}
