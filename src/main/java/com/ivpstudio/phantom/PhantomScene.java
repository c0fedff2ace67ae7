package com.ivpstudio.phantom;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * World-space triangle model of one patient (millimetres; x = patient's left, y = up, z = anterior; the
 * occlusal plane is y = 0 and the upper incisors sit near z = 0). Built once per patient and detail level and
 * shared by the five views.
 */
public final class PhantomScene {
    static final int G_UT = 1, G_LT = 2, G_UG = 4, G_LG = 8, G_PAL = 16, G_TON = 32, G_UA = 64, G_LA = 128;

    /** Mesiodistal width, labiolingual thickness, crown height (mm) by tooth number 1..7. */
    static final double[][] DIM_U = {{8.6, 7.0, 10.6}, {6.6, 6.1, 9.2}, {7.7, 8.0, 10.4}, {7.0, 9.0, 8.6},
        {6.7, 9.0, 7.9}, {10.3, 11.0, 7.3}, {9.3, 10.8, 6.9}};
    static final double[][] DIM_L = {{5.3, 5.9, 9.0}, {5.9, 6.2, 9.4}, {7.0, 7.6, 10.6}, {7.1, 7.7, 8.5},
        {7.2, 8.1, 8.0}, {11.1, 10.4, 7.5}, {10.5, 10.0, 7.1}};

    final PhantomPatient patient;
    final Mesh mesh = new Mesh();
    final int detail;
    final Arch upper;
    final Arch lower;
    /** Per tooth index: centre arc-length position, -1e9 for missing. */
    final double[] sPos = new double[PhantomPatient.TEETH];
    /** Tooth centre (cervical origin) per tooth index, world coords. */
    final double[][] origin = new double[PhantomPatient.TEETH][];
    final double zFrontUpper;

    private PhantomScene(PhantomPatient p, int detail) {
        this.patient = p;
        this.detail = detail;
        double hw = 25.5 * p.archWidth;
        double d = 31 * p.archDepth;
        upper = new Arch(hw, d, 3.0, 0.0);
        double zl = 1.7 - p.overjet;
        lower = new Arch(hw - 2.4, d - 0.6, 3.0, zl);
        zFrontUpper = 0;
    }

    /** Builds the scene; detail 0 = low polygon count (outputs up to ~200 px high), 1 = high. */
    public static PhantomScene build(PhantomPatient p, int detail) {
        PhantomScene s = new PhantomScene(p, detail);
        s.construct();
        return s;
    }

    // ------------------------------------------------------------------------------------------------ arch

    /** Parabolic-power arch: z = z0 - D (|x|/h)^q, parametrised by arc length from the midline. */
    static final class Arch {
        final double h, depth, q, z0;
        final double[] sx;
        final double[] ss;
        static final int N = 1600;
        static final double XMAX = 80;

        Arch(double h, double depth, double q, double z0) {
            this.h = h;
            this.depth = depth;
            this.q = q;
            this.z0 = z0;
            sx = new double[N + 1];
            ss = new double[N + 1];
            double s = 0;
            double px = 0, pz = 0;
            for (int i = 0; i <= N; i++) {
                double x = XMAX * i / N;
                double z = -depth * Math.pow(x / h, q);
                if (i > 0) {
                    s += Math.hypot(x - px, z - pz);
                }
                sx[i] = x;
                ss[i] = s;
                px = x;
                pz = z;
            }
        }

        double xAt(double s) {
            double a = Math.abs(s);
            int lo = 0, hi = N;
            if (a >= ss[N]) {
                return Math.signum(s) * sx[N];
            }
            while (hi - lo > 1) {
                int m = (lo + hi) >>> 1;
                if (ss[m] <= a) {
                    lo = m;
                } else {
                    hi = m;
                }
            }
            double t = (a - ss[lo]) / (ss[hi] - ss[lo]);
            double x = sx[lo] + t * (sx[hi] - sx[lo]);
            return s < 0 ? -x : x;
        }

        /** {x, z, tx, tz, nx, nz}: point, unit tangent towards +s, outward unit normal. */
        double[] frame(double s) {
            double x = xAt(s);
            double ax = Math.abs(x);
            double z = z0 - depth * Math.pow(ax / h, q);
            double dzdx = ax < 1e-9 ? 0 : -depth * q * Math.pow(ax / h, q - 1) / h * Math.signum(x);
            double l = Math.hypot(1, dzdx);
            double tx = 1 / l, tz = dzdx / l;
            return new double[] {x, z, tx, tz, -tz, tx};
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    static double lin(double srgb) {
        return Math.pow(srgb, 2.2);
    }

    static double smooth(double e0, double e1, double x) {
        double t = Math.max(0, Math.min(1, (x - e0) / (e1 - e0)));
        return t * t * (3 - 2 * t);
    }

    static double[] rotate(double[] v, double[] axis, double deg) {
        double a = Math.toRadians(deg);
        double c = Math.cos(a), s = Math.sin(a);
        double kx = axis[0], ky = axis[1], kz = axis[2];
        double dot = kx * v[0] + ky * v[1] + kz * v[2];
        double cx = ky * v[2] - kz * v[1], cy = kz * v[0] - kx * v[2], cz = kx * v[1] - ky * v[0];
        return new double[] {v[0] * c + cx * s + kx * dot * (1 - c), v[1] * c + cy * s + ky * dot * (1 - c),
            v[2] * c + cz * s + kz * dot * (1 - c)};
    }

    static int type(int num) {
        return num <= 2 ? 0 : num == 3 ? 1 : num <= 5 ? 2 : 3;
    }

    static double widthProfile(int type, double tt) {
        switch (type) {
            case 0: return 0.80 + 0.20 * Math.pow(Math.min(1, tt * 1.5), 0.7);
            case 1: return tt < 0.55 ? 0.80 + 0.20 * Math.pow(tt / 0.55, 0.7) : 1.0 - 0.18 * ((tt - 0.55) / 0.45);
            case 2: return 0.78 + 0.22 * Math.pow(Math.min(1, tt * 1.8), 0.6);
            default: return 0.80 + 0.20 * Math.pow(Math.min(1, tt * 1.8), 0.6);
        }
    }

    static double thickProfile(int type, double tt) {
        switch (type) {
            case 0: return 1.0 - 0.74 * Math.pow(tt, 1.5) + 0.06 * Math.sin(Math.PI * Math.min(1, tt * 2.5));
            case 1: return 1.0 - 0.45 * Math.pow(tt, 1.5) + 0.05 * Math.sin(Math.PI * Math.min(1, tt * 2.5));
            default: return 0.88 + 0.12 * Math.sin(Math.PI * Math.min(1, tt * 1.3)) - 0.05 * tt;
        }
    }

    static double capHeight(int type) {
        return type == 0 ? 0.6 : type == 1 ? 1.9 : type == 2 ? 1.8 : 1.7;
    }

    static double dome(int type) {
        return type == 0 ? 0.5 : type == 1 ? 0.9 : type == 2 ? 0.6 : 0.5;
    }

    static double cusps(int type, double nx, double nz) {
        switch (type) {
            case 1:
                return 0.9 * Math.exp(-(nx * nx + nz * nz) / 0.2);
            case 2:
                return 1.1 * Math.exp(-(nx * nx + (nz - 0.42) * (nz - 0.42)) / 0.14)
                    + 0.8 * Math.exp(-(nx * nx + (nz + 0.45) * (nz + 0.45)) / 0.11) - 0.5 * Math.exp(-nz * nz / 0.025);
            case 3: {
                double v = 0;
                for (int i = -1; i <= 1; i += 2) {
                    for (int j = -1; j <= 1; j += 2) {
                        double dx = nx - i * 0.45, dz = nz - j * 0.42;
                        v += (j > 0 ? 1.25 : 1.05) * Math.exp(-(dx * dx + dz * dz) / 0.09);
                    }
                }
                return v - 0.45 * Math.exp(-nz * nz / 0.02) - 0.35 * Math.exp(-nx * nx / 0.015);
            }
            default:
                return 0;
        }
    }

    // ------------------------------------------------------------------------------------------------ build

    private final List<double[]> upperSlots = new ArrayList<>();
    private final List<double[]> lowerSlots = new ArrayList<>();
    /** Per tooth index: {s, halfWidth, offset, bL, cervApical, papilla, present}. */
    private final double[][] toothSoft = new double[PhantomPatient.TEETH][];

    private void construct() {
        PhantomPatient p = patient;
        layout(true);
        layout(false);
        for (int i = 0; i < PhantomPatient.TEETH; i++) {
            tooth(i);
        }
        band(true);
        band(false);
        if (p.appliance.upper()) {
            wire(upperSlots, G_UA);
        }
        if (p.appliance.lower()) {
            wire(lowerSlots, G_LA);
        }
    }

    private double[] dims(int idx) {
        int num = PhantomPatient.number(idx);
        double[] d = (PhantomPatient.isUpper(idx) ? DIM_U : DIM_L)[num - 1];
        double f = patient.size[idx] * patient.toothSize;
        return new double[] {d[0] * f, d[1] * f, d[2] * f};
    }

    /** Arc-length positions of the teeth of one arch. */
    private void layout(boolean up) {
        PhantomPatient p = patient;
        double crowd = up ? p.crowdingUpper : p.crowdingLower;
        double spacing = up ? p.spacingUpper : p.spacingLower;
        double[] wt = {0, 1.0, 1.0, 0.8, 0.3, 0.2, 0, 0};
        double wsum = 2 * (1.0 + 1.0 + 0.8 + 0.3 + 0.2);
        for (int side = -1; side <= 1; side += 2) {
            double cursor = up ? p.diastema / 2 : 0;
            for (int num = 1; num <= 7; num++) {
                int q = up ? (side < 0 ? 1 : 2) : (side < 0 ? 4 : 3);
                int idx = PhantomPatient.index(q * 10 + num);
                double w = dims(idx)[0];
                double allot = p.present[idx] ? w - crowd * wt[num] / wsum : w * p.missingSpace;
                cursor += allot / 2;
                double s = side * cursor + (up ? 0 : p.midlineShift);
                sPos[idx] = s;
                cursor += allot / 2 + (num <= 3 ? spacing : num == 4 ? spacing * 0.5 : 0);
            }
        }
    }

    private double[] enamel(double shade) {
        double r = lin(0.95 - 0.04 * shade), g = lin(0.92 - 0.09 * shade), b = lin(0.86 - 0.20 * shade);
        return new double[] {r, g, b};
    }

    private void tooth(int idx) {
        PhantomPatient p = patient;
        int num = PhantomPatient.number(idx);
        int type = type(num);
        boolean up = PhantomPatient.isUpper(idx);
        boolean left = PhantomPatient.isLeft(idx);
        Arch arch = up ? upper : lower;
        double[] dm = dims(idx);
        double W = dm[0], B = dm[1], H = dm[2];
        double s = sPos[idx];
        double[] fr = arch.frame(s);
        // crossbite: upper posterior lingual, lower posterior buccal on the affected side
        double cb = left ? p.crossbiteLeft : p.crossbiteRight;
        double cbOff = num >= 4 ? (up ? -0.65 * cb : 0.45 * cb) * (num == 4 ? 0.6 : 1) : 0;
        double off = p.labial[idx] + cbOff;
        // vertical: incisal edge level
        double ob = p.overbite;
        double edgeAnt = up ? -ob / 2 : ob / 2;
        double edgePost = up ? -1.2 : 1.2;
        double edge = num <= 2 ? edgeAnt : num == 3 ? 0.5 * edgeAnt + 0.5 * edgePost : edgePost;
        if (ob < 0 && num == 4) {
            edge = 0.5 * edgeAnt + 0.5 * edgePost; // open bite tapers off posteriorly
        }
        double y0 = up ? edge + H - p.vertical[idx] : edge - H + p.vertical[idx];
        double ox = fr[0] + fr[4] * off, oz = fr[1] + fr[5] * off;
        origin[idx] = new double[] {ox, y0, oz};
        double cervA = Math.abs(y0);
        double[] mesial = {-Math.signum(s == 0 ? 1 : s) * fr[2], 0, -Math.signum(s == 0 ? 1 : s) * fr[3]};
        double bL = B / 2 * thickProfile(type, 0) * 0.98;
        double pap = type == 0 ? 4.4 : type == 1 ? 3.9 : type == 2 ? 3.0 : 2.3;
        toothSoft[idx] = new double[] {s, W / 2, off, bL, cervA, pap, p.present[idx] ? 1 : 0};
        if (!p.present[idx]) {
            return;
        }
        // axes
        double[] A = {fr[2], 0, fr[3]};
        double[] Bn = {fr[4], 0, fr[5]};
        double[] O = {0, up ? -1 : 1, 0};
        double baseTorque = up ? new double[] {0, 14, 12, 8, -3, -4, -5, -6}[num] : new double[] {0, 5, 4, 2, -5, -8, -10, -12}[num];
        double baseTip = new double[] {0, 4, 6, 8, 3, 3, 2, 0}[num];
        double rot = p.rotation[idx];
        A = rotate(A, O, rot);
        Bn = rotate(Bn, O, rot);
        double torque = baseTorque + p.torque[idx];
        // torque: crown (along O) moves labially (towards Bn)
        double[] axisT = new double[] {A[0], A[1], A[2]};
        double tsgn = up ? 1 : -1;
        O = rotate(O, axisT, tsgn * -torque * (left ? 1 : 1));
        Bn = rotate(Bn, axisT, tsgn * -torque);
        // fix direction: check O moved towards Bn0 for positive torque
        double tipDeg = baseTip + p.tip[idx];
        double[] axisB = cross(O, mesial);
        axisB = norm(axisB);
        O = rotate(O, axisB, tipDeg);
        A = rotate(A, axisB, tipDeg);
        Bn = norm(cross(A, O));
        // make Bn point outward
        if (Bn[0] * fr[4] + Bn[2] * fr[5] < 0) {
            Bn = new double[] {-Bn[0], -Bn[1], -Bn[2]};
        }
        // materials
        SplittableRandom shadeRng = new SplittableRandom(p.seed * 131 + idx * 17L + 3);
        double toothShade = Math.max(0, Math.min(1, p.shade + (type == 1 ? 0.16 : type == 3 ? 0.06 : type == 2 ? 0.04 : 0)
            + (shadeRng.nextDouble() - 0.5) * 0.1));
        double[] en = enamel(toothShade);
        double val = 0.96 + 0.06 * shadeRng.nextDouble();
        en[0] *= val;
        en[1] *= val;
        en[2] *= val;
        double spec = 0.25 + 0.5 * p.gloss;
        int label = PhantomPatient.FDI[idx];
        Mesh m = mesh;
        int matEnamel = m.material((float) spec, (float) (30 + 50 * p.gloss), label, Mesh.K_ENAMEL, 0);
        PhantomPatient.Restoration res = p.restoration[idx];
        int matRes = -1;
        double[] resCol = null;
        if (res != PhantomPatient.Restoration.NONE) {
            boolean gold = res.gold();
            matRes = m.material(1.0f, 40f, label, gold ? Mesh.K_GOLD : Mesh.K_METAL, 1);
            resCol = gold ? new double[] {lin(0.93), lin(0.72), lin(0.30)} : new double[] {lin(0.66), lin(0.67), lin(0.70)};
        }
        boolean crown = res.crown();
        int group = up ? G_UT : G_LT;
        int na = detail == 0 ? (type == 0 ? 18 : 20) : 30;
        int sideRings = detail == 0 ? 7 : 11;
        int capRings = detail == 0 ? 4 : 7;
        double hside = H - capHeight(type);
        double px = 2.3;
        double pw = type == 3 ? 3.2 : type == 2 ? 2.8 : 2.4;
        SplittableRandom tr = new SplittableRandom(p.seed * 31 + idx * 7919L);
        double cariesA = (tr.nextDouble() - 0.5) * W * 0.4;
        double cariesH = hside * (0.25 + 0.35 * tr.nextDouble());
        double cariesR = 0.9 + 1.0 * p.caries[idx];
        int v0 = m.nv;
        int t0 = m.nt;
        int rings = sideRings + capRings;
        double[] ringC = new double[rings];
        for (int r = 0; r < rings; r++) {
            double hLoc, aS, bS, capC;
            if (r < sideRings) {
                double f = (double) r / (sideRings - 1);
                hLoc = -2.5 + f * (hside + 2.5);
                double tt = Math.max(0, hLoc / hside);
                aS = W / 2 * widthProfile(type, tt);
                bS = B / 2 * thickProfile(type, tt);
                capC = 1;
            } else {
                capC = 1 - (double) (r - sideRings + 1) / capRings;
                aS = W / 2 * widthProfile(type, 1);
                bS = B / 2 * thickProfile(type, 1);
                hLoc = hside;
            }
            ringC[r] = capC;
            for (int j = 0; j < na; j++) {
                double th = 2 * Math.PI * j / na;
                double ct = Math.cos(th), st = Math.sin(th);
                double ux = Math.signum(ct) * Math.pow(Math.abs(ct), 2 / (type >= 2 ? pw : px));
                double uz = Math.signum(st) * Math.pow(Math.abs(st), 2 / (type >= 2 ? pw : px));
                double la = aS * ux * capC, lb = bS * uz * capC;
                double lh = hLoc;
                double fis = 0;
                if (r >= sideRings) {
                    double k = Math.sqrt(Math.max(0, 1 - capC * capC));
                    double cu = cusps(type, ux * capC, uz * capC);
                    lh = hside + k * (dome(type) + cu);
                    fis = Math.max(0, 0.9 - cu) * k;
                } else if (type == 0 && r == sideRings - 1) {
                    lh = hside;
                }
                // incisor labial face slightly flatter, lingual fossa: shift b
                if (type <= 1 && uz < 0) {
                    lb *= 0.9;
                }
                double wx = ox + A[0] * la + O[0] * lh + Bn[0] * lb;
                double wy = y0 + A[1] * la + O[1] * lh + Bn[1] * lb;
                double wz = oz + A[2] * la + O[2] * lh + Bn[2] * lb;
                // colour
                double ht = Math.max(0, Math.min(1, lh / H));
                double cr = en[0], cg = en[1], cbb = en[2];
                double cerv = 1 - smooth(0.0, 0.45, ht);
                cr *= 1 - 0.10 * cerv;
                cg *= 1 - 0.18 * cerv;
                cbb *= 1 - 0.36 * cerv;
                if (type == 0 && ht > 0.8) {
                    double tr2 = smooth(0.8, 1.0, ht) * 0.35;
                    cr = cr * (1 - tr2) + lin(0.70) * tr2;
                    cg = cg * (1 - tr2) + lin(0.72) * tr2;
                    cbb = cbb * (1 - tr2) + lin(0.76) * tr2;
                }
                if (fis > 0) {
                    double d = Math.min(0.55, fis * 0.5);
                    cr *= 1 - d * 0.8;
                    cg *= 1 - d * 0.95;
                    cbb *= 1 - d;
                }
                if (p.stain > 0 && uz > 0) {
                    double st2 = p.stain * (1 - smooth(0.0, 0.35, ht)) * 0.7;
                    cr = cr * (1 - st2) + lin(0.55) * st2;
                    cg = cg * (1 - st2) + lin(0.42) * st2;
                    cbb = cbb * (1 - st2) + lin(0.22) * st2;
                }
                if (p.caries[idx] > 0 && uz > 0.2) {
                    double dd = Math.hypot(la - cariesA, lh - cariesH) / cariesR;
                    if (dd < 1.3) {
                        double k2 = dd < 0.8 ? 1 : 1 - (dd - 0.8) / 0.5;
                        cr = cr * (1 - k2) + lin(0.33) * k2;
                        cg = cg * (1 - k2) + lin(0.20) * k2;
                        cbb = cbb * (1 - k2) + lin(0.10) * k2;
                    }
                }
                if (crown && resCol != null) {
                    cr = resCol[0];
                    cg = resCol[1];
                    cbb = resCol[2];
                } else if (res.filling() && r >= sideRings && capC < 0.62) {
                    cr = resCol[0];
                    cg = resCol[1];
                    cbb = resCol[2];
                }
                m.vertex(wx, wy, wz, cr, cg, cbb);
            }
        }
        for (int r = 0; r < rings - 1; r++) {
            int mat = matEnamel;
            if (crown) {
                mat = matRes;
            } else if (res.filling() && r >= sideRings && ringC[r] < 0.62) {
                mat = matRes;
            }
            for (int j = 0; j < na; j++) {
                int j1 = (j + 1) % na;
                int a = v0 + r * na + j, b = v0 + r * na + j1, c = v0 + (r + 1) * na + j, d = v0 + (r + 1) * na + j1;
                m.triangle(a, b, d, mat, group);
                m.triangle(a, d, c, mat, group);
            }
        }
        double[] cc = add3(new double[] {ox, y0, oz}, O, hside * 0.5, Bn, 0);
        m.orientAndFlag(t0, cc[0], cc[1], cc[2]);
        m.normals(v0, t0);
        // bracket
        boolean bracketOn = up ? p.appliance.upper() : p.appliance.lower();
        if (bracketOn) {
            double tt = 0.55;
            double hB = hside * (type == 3 ? 0.5 : type == 0 ? 0.55 : 0.52);
            double bS = B / 2 * thickProfile(type, Math.min(1, hB / hside));
            boolean metal = p.bracketMaterial == PhantomPatient.BracketMaterial.METAL || num >= 6;
            int bm = metal ? m.material(0.9f, 90f, Labels.APPLIANCE, Mesh.K_METAL, 1)
                : m.material(0.9f, 25f, Labels.APPLIANCE, Mesh.K_CERAMIC, 0);
            double[] bc = metal ? new double[] {lin(0.60), lin(0.61), lin(0.64)} : new double[] {lin(0.80), lin(0.80), lin(0.82)};
            int g = up ? G_UA : G_LA;
            double bw = num >= 6 ? 4.4 : type == 0 ? (up ? 3.6 : 3.0) : 3.3;
            double bh = num >= 6 ? 2.4 : 3.3;
            double[] cen = add3(new double[] {ox, y0, oz}, O, hB, Bn, bS + 0.25);
            // base pad
            box(cen, A, O, Bn, bw / 2, bh / 2, 0.35, bc, bm, g, 0.35);
            if (num >= 6) {
                double[] c2 = add3(cen, Bn, 0.9, O, 0);
                box(c2, A, O, Bn, bw / 2, 0.9, 0.7, bc, bm, g, 0);
            } else {
                double wing = (bh - 0.8) / 2;
                double[] c1 = add3(cen, O, (0.4 + wing / 2), Bn, 0.95);
                double[] c2 = add3(cen, O, -(0.4 + wing / 2), Bn, 0.95);
                box(c1, A, O, Bn, bw / 2 * 0.9, wing / 2, 0.65, bc, bm, g, 0);
                box(c2, A, O, Bn, bw / 2 * 0.9, wing / 2, 0.65, bc, bm, g, 0);
            }
            double[] slot = add3(cen, Bn, 1.0, O, 0);
            (up ? upperSlots : lowerSlots).add(new double[] {s, slot[0], slot[1], slot[2]});
        }
    }

    static double[] add3(double[] p, double[] a, double ka, double[] b, double kb) {
        return new double[] {p[0] + a[0] * ka + b[0] * kb, p[1] + a[1] * ka + b[1] * kb, p[2] + a[2] * ka + b[2] * kb};
    }

    static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    static double[] norm(double[] a) {
        double l = Math.sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]);
        return l == 0 ? a : new double[] {a[0] / l, a[1] / l, a[2] / l};
    }

    /** Box with flat faces; bevel shrinks the front face for a rounded look. */
    private void box(double[] c, double[] A, double[] O, double[] Bn, double ha, double ho, double hb, double[] col, int mat,
        int group, double bevel) {
        Mesh m = mesh;
        int v0 = m.nv, t0 = m.nt;
        double[][] corners = new double[8][];
        for (int i = 0; i < 8; i++) {
            double sa = (i & 1) == 0 ? -1 : 1, so = (i & 2) == 0 ? -1 : 1, sb = (i & 4) == 0 ? -1 : 1;
            double k = sb > 0 ? 1 - bevel * 0.5 : 1;
            corners[i] = new double[] {c[0] + A[0] * sa * ha * k + O[0] * so * ho * k + Bn[0] * sb * hb,
                c[1] + A[1] * sa * ha * k + O[1] * so * ho * k + Bn[1] * sb * hb,
                c[2] + A[2] * sa * ha * k + O[2] * so * ho * k + Bn[2] * sb * hb};
        }
        int[][] faces = {{0, 1, 3, 2}, {4, 6, 7, 5}, {0, 4, 5, 1}, {2, 3, 7, 6}, {0, 2, 6, 4}, {1, 5, 7, 3}};
        for (int[] f : faces) {
            int b = m.nv;
            for (int k : f) {
                m.vertex(corners[k][0], corners[k][1], corners[k][2], col[0], col[1], col[2]);
            }
            m.triangle(b, b + 1, b + 2, mat, group);
            m.triangle(b, b + 2, b + 3, mat, group);
        }
        m.orientAndFlag(t0, c[0], c[1], c[2]);
        m.normals(v0, t0);
    }

    private void wire(List<double[]> slots, int group) {
        if (slots.size() < 2) {
            return;
        }
        slots.sort((a, b) -> Double.compare(a[0], b[0]));
        List<double[]> pts = new ArrayList<>();
        for (double[] s : slots) {
            pts.add(new double[] {s[1], s[2], s[3]});
        }
        // extend ends
        double[] a0 = pts.get(0), a1 = pts.get(1);
        double[] z0 = pts.get(pts.size() - 1), z1 = pts.get(pts.size() - 2);
        pts.add(0, new double[] {a0[0] + (a0[0] - a1[0]) * 0.25, a0[1], a0[2] + (a0[2] - a1[2]) * 0.25});
        pts.add(new double[] {z0[0] + (z0[0] - z1[0]) * 0.25, z0[1], z0[2] + (z0[2] - z1[2]) * 0.25});
        List<double[]> path = new ArrayList<>();
        int sub = detail == 0 ? 4 : 8;
        for (int i = 0; i < pts.size() - 1; i++) {
            double[] p0 = pts.get(Math.max(0, i - 1)), p1 = pts.get(i), p2 = pts.get(i + 1), p3 = pts.get(Math.min(pts.size() - 1, i + 2));
            for (int k = 0; k < sub; k++) {
                double t = (double) k / sub;
                double[] q = new double[3];
                for (int c = 0; c < 3; c++) {
                    q[c] = 0.5 * (2 * p1[c] + (-p0[c] + p2[c]) * t + (2 * p0[c] - 5 * p1[c] + 4 * p2[c] - p3[c]) * t * t
                        + (-p0[c] + 3 * p1[c] - 3 * p2[c] + p3[c]) * t * t * t);
                }
                path.add(q);
            }
        }
        path.add(pts.get(pts.size() - 1));
        Mesh m = mesh;
        int mat = m.material(0.9f, 90f, Labels.APPLIANCE, Mesh.K_METAL, 1);
        int sides = 6;
        double rad = 0.42;
        int v0 = m.nv, t0 = m.nt;
        for (int i = 0; i < path.size(); i++) {
            double[] pa = path.get(Math.max(0, i - 1)), pb = path.get(Math.min(path.size() - 1, i + 1));
            double[] t = norm(new double[] {pb[0] - pa[0], pb[1] - pa[1], pb[2] - pa[2]});
            double[] u = norm(cross(t, new double[] {0, 1, 0}));
            double[] w = cross(u, t);
            double[] c = path.get(i);
            for (int k = 0; k < sides; k++) {
                double an = 2 * Math.PI * k / sides;
                double ca = Math.cos(an) * rad, sa = Math.sin(an) * rad;
                m.vertex(c[0] + u[0] * ca + w[0] * sa, c[1] + u[1] * ca + w[1] * sa, c[2] + u[2] * ca + w[2] * sa,
                    lin(0.62), lin(0.63), lin(0.66));
            }
        }
        m.grid(v0, path.size(), sides, true, null, mat, group);
        m.normals(v0, t0);
    }

    // ------------------------------------------------------------------------------------------------ soft tissue

    private void band(boolean up) {
        PhantomPatient p = patient;
        Arch arch = up ? upper : lower;
        int base = up ? 0 : 14;
        double sMin = 1e9, sMax = -1e9;
        for (int k = 0; k < 14; k++) {
            double[] t = toothSoft[base + k];
            sMin = Math.min(sMin, t[0] - t[1]);
            sMax = Math.max(sMax, t[0] + t[1]);
        }
        sMin -= 9;
        sMax += 9;
        double ds = detail == 0 ? 0.8 : 0.45;
        int ns = (int) Math.ceil((sMax - sMin) / ds) + 1;
        double tone = p.gingivaTone;
        // rows: {offsetFromBand, apical, r, g, b}
        int rowsN = 15;
        double ysign = up ? 1 : -1;
        Mesh m = mesh;
        int v0 = m.nv, t0 = m.nt;
        double[] lastEdgeX = new double[ns], lastEdgeY = new double[ns], lastEdgeZ = new double[ns];
        double[] gum = {lin(0.90 - 0.04 * tone), lin(0.60 - 0.10 * tone), lin(0.60 - 0.08 * tone)};
        double[] marg = {lin(0.86 - 0.04 * tone), lin(0.48 - 0.08 * tone), lin(0.50 - 0.06 * tone)};
        double[] muc = {lin(0.74), lin(0.27 - 0.04 * tone), lin(0.30 - 0.04 * tone)};
        double[] lip = {lin(0.80), lin(0.42), lin(0.44)};
        for (int i = 0; i < ns; i++) {
            double s = sMin + i * ds;
            // margin apical distance from covering teeth
            double am = -1e9;
            double wsum = 0, off = 0, bl = 0, cerv = 0, papW = 0;
            double nearD = 1e9;
            double[] near = null;
            double hugOff = -1e9;
            for (int k = 0; k < 14; k++) {
                double[] t = toothSoft[base + k];
                double d = s - t[0];
                double w = Math.exp(-2 * (d / t[1]) * (d / t[1]));
                wsum += w;
                off += w * t[2];
                bl += w * t[3];
                cerv += w * t[4];
                papW += w * t[5];
                if (Math.abs(d) < nearD) {
                    nearD = Math.abs(d);
                    near = t;
                }
                if (t[6] > 0 && Math.abs(d) <= t[1] * 1.08) {
                    double u = Math.min(1, Math.abs(d) / t[1]);
                    am = Math.max(am, t[4] - 0.2 - t[5] * Math.pow(u, 2.4));
                    double hug = t[2] + t[3] * Math.max(0.62, Math.pow(1 - Math.pow(u, 2.4), 1 / 2.4));
                    if (hug > hugOff) {
                        hugOff = hug;
                    }
                }
            }
            if (wsum < 1e-6) {
                off = near[2];
                bl = near[3];
                cerv = near[4];
                papW = near[5];
            } else {
                off /= wsum;
                bl /= wsum;
                cerv /= wsum;
                papW /= wsum;
            }
            double ridge = cerv - 0.35 * papW;
            if (am < -1e8) {
                am = ridge;
            }
            am = Math.max(am, ridge - 0.9 * papW);
            double[] fr = arch.frame(s);
            // labial surface position hugging the teeth (papillae fill the embrasures)
            double lab = hugOff > -1e8 ? hugOff - off : bl * 0.8;
            double[][] rows = {
                {bl + 26, 23.5}, {bl + 18, 25.5}, {bl + 10, 24.5}, {bl + 5.5, 21.5}, {bl + 3.0, Math.max(cerv + 7.0, 17)},
                {bl + 1.7, Math.max(cerv + 3.8, am + 2.6)}, {lab + 1.0, am + 1.8}, {lab + 0.4, am + 0.55}, {lab + 0.08, am},
                {lab * 0.4, am + 1.0}, {-lab * 0.4, am + 1.0}, {-lab + 0.05, am}, {-bl - 0.9, 0.5 * (am + 2.6) + 0.5 * (cerv + 2.0)},
                {-bl - 2.4, cerv + 5.5}, {-bl - 5.0, cerv + 8.5}};
            for (int r = 0; r < rowsN; r++) {
                double o = off + rows[r][0];
                double a = rows[r][1];
                double x = fr[0] + fr[4] * o, z = fr[1] + fr[5] * o;
                double y = ysign * a;
                double[] c = r <= 1 ? lip : r <= 3 ? muc : r == 4 ? muc : r == 5 ? mix(muc, gum, 0.55) : r <= 6 ? gum : r <= 8 ? marg
                    : r <= 10 ? gum : r == 11 ? marg : gum;
                m.vertex(x, y, z, c[0], c[1], c[2]);
                if (r == rowsN - 2) {
                    lastEdgeX[i] = x;
                    lastEdgeY[i] = y;
                    lastEdgeZ[i] = z;
                }
            }
        }
        int g = up ? G_UG : G_LG;
        int matLip = m.material(0.35f, 30f, Labels.LIP, Mesh.K_LIP, 0);
        int matMuc = m.material(0.35f, 30f, Labels.MUCOSA, Mesh.K_MUCOSA, 0);
        int matGum = m.material(0.30f, 35f, Labels.GINGIVA, Mesh.K_GINGIVA, 0);
        int[] matRow = new int[rowsN];
        for (int r = 0; r < rowsN; r++) {
            matRow[r] = r <= 1 ? matLip : r <= 3 ? matMuc : matGum;
        }
        // grid over (s, row): vertices laid out s-major, so build manually
        for (int i = 0; i < ns - 1; i++) {
            for (int r = 0; r < rowsN - 1; r++) {
                int a = v0 + i * rowsN + r, b = v0 + (i + 1) * rowsN + r, c = a + 1, d = b + 1;
                m.triangle(a, b, d, matRow[r], g);
                m.triangle(a, d, c, matRow[r], g);
            }
        }
        m.normals(v0, t0);
        interior(up, ns, lastEdgeX, lastEdgeY, lastEdgeZ, sMin, ds);
    }

    static double[] mix(double[] a, double[] b, double t) {
        return new double[] {a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t};
    }

    /** Palate (upper) or floor of the mouth and tongue (lower), spanning the lingual gingiva edge. */
    private void interior(boolean up, int ns, double[] ex, double[] ey, double[] ez, double sMin, double ds) {
        Mesh m = mesh;
        // index of s closest to 0
        int mid = (int) Math.round(-sMin / ds);
        mid = Math.max(1, Math.min(ns - 2, mid));
        ex = smoothArr(ex, 6);
        ey = smoothArr(ey, 6);
        ez = smoothArr(ez, 6);
        for (int i = mid + 1; i < ns; i++) {
            ez[i] = Math.min(ez[i], ez[i - 1] - 1e-3);
        }
        for (int i = mid - 1; i >= 0; i--) {
            ez[i] = Math.min(ez[i], ez[i + 1] - 1e-3);
        }
        double zFront = ez[mid];
        for (int i = 0; i < ns; i++) {
            zFront = Math.max(zFront, Math.abs(i - mid) < 6 ? ez[i] : zFront);
        }
        double zBack = Math.max(ez[0], ez[ns - 1]);
        int nz = detail == 0 ? 16 : 30;
        int nx = detail == 0 ? 16 : 30;
        int v0 = m.nv, t0 = m.nt;
        PhantomPatient p = patient;
        double tone = p.gingivaTone;
        double[] pal = {lin(0.90 - 0.03 * tone), lin(0.62 - 0.08 * tone), lin(0.64 - 0.06 * tone)};
        double[] ton = {lin(0.80), lin(0.46), lin(0.46)};
        double[] flo = {lin(0.74), lin(0.40), lin(0.46)};
        double[] eArr = new double[nx];
        for (int iz = 0; iz < nz; iz++) {
            double f = (double) iz / (nz - 1);
            double z = zFront - 0.3 - f * (zFront - 0.3 - zBack);
            double[] rp = crossing(ex, ey, ez, mid, -1, z);
            double[] lp = crossing(ex, ey, ez, mid, 1, z);
            double front = smooth(0, 9, zFront - z);
            for (int ix = 0; ix < nx; ix++) {
                double u = (double) ix / (nx - 1);
                double x = rp[0] + (lp[0] - rp[0]) * u;
                double yb = rp[1] + (lp[1] - rp[1]) * u;
                double e = Math.min(u, 1 - u);
                eArr[ix] = e;
                double y;
                double[] c;
                if (up) {
                    y = yb + 12.0 * Math.pow(Math.sin(Math.PI * u), 0.6) * (0.35 + 0.65 * front);
                    c = pal;
                } else {
                    double floor = -7.0 * Math.sin(Math.PI * Math.min(1, e / 0.09) * 0.5);
                    double tongue = 14.5 * Math.pow(smooth(0.05, 0.42, e), 0.7) * (0.45 + 0.55 * smooth(0, 12, zFront - z));
                    y = yb + floor + tongue;
                    c = e < 0.08 ? flo : ton;
                }
                m.vertex(x, y, z, c[0], c[1], c[2]);
            }
        }
        int g = up ? G_PAL : G_TON;
        if (up) {
            int mat = m.material(0.35f, 30f, Labels.PALATE, Mesh.K_PALATE, 0);
            m.grid(v0, nz, nx, false, null, mat, g);
        } else {
            int matT = m.material(0.30f, 25f, Labels.TONGUE, Mesh.K_TONGUE, 0);
            int matF = m.material(0.40f, 35f, Labels.MUCOSA, Mesh.K_MUCOSA, 0);
            for (int i = 0; i < nz - 1; i++) {
                for (int j = 0; j < nx - 1; j++) {
                    double e = Math.min(eArr[j], eArr[j + 1]);
                    int mat = e < 0.075 ? matF : matT;
                    int a = v0 + i * nx + j, b = a + 1, c = a + nx, d = c + 1;
                    m.triangle(a, b, d, mat, g);
                    m.triangle(a, d, c, mat, g);
                }
            }
        }
        m.normals(v0, t0);
    }

    private static double[] smoothArr(double[] a, int r) {
        double[] o = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            double sum = 0;
            int n = 0;
            for (int k = Math.max(0, i - r); k <= Math.min(a.length - 1, i + r); k++) {
                sum += a[k];
                n++;
            }
            o[i] = sum / n;
        }
        return o;
    }

    /** Point on the edge polyline (one side of mid) where z crosses the given value: {x, y}. */
    private static double[] crossing(double[] ex, double[] ey, double[] ez, int mid, int dir, double z) {
        int i = mid;
        int end = dir < 0 ? 0 : ex.length - 1;
        while (i != end) {
            int j = i + dir;
            double za = ez[i], zb = ez[j];
            if ((za - z) * (zb - z) <= 0 && za != zb) {
                double t = (z - za) / (zb - za);
                return new double[] {ex[i] + (ex[j] - ex[i]) * t, ey[i] + (ey[j] - ey[i]) * t};
            }
            i = j;
        }
        return new double[] {ex[end], ey[end]};
    }
}
