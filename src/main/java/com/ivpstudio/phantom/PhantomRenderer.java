package com.ivpstudio.phantom;

import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

/**
 * Single-threaded z-buffer rasteriser with deferred per-sample shading (ring flash at the camera), supersampling
 * and sRGB output. Deterministic: same scene, view, photo seed and size give identical pixels.
 */
public final class PhantomRenderer {

    /** One rendered photograph and its label map (row-major, one code per pixel, see {@link Labels}). */
    public static final class Rendered {
        public final BufferedImage image;
        public final byte[] labels;
        public final int width;
        public final int height;

        Rendered(BufferedImage image, byte[] labels, int width, int height) {
            this.image = image;
            this.labels = labels;
            this.width = width;
            this.height = height;
        }

        public int label(int x, int y) {
            return labels[y * width + x] & 0xff;
        }

        /** Label map as an 8-bit grey image whose pixel values are the codes. */
        public BufferedImage labelImage() {
            BufferedImage im = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
            im.getRaster().setDataElements(0, 0, width, height, labels);
            return im;
        }
    }

    private PhantomRenderer() {
    }

    /** Parses "5:3" or "1.6667" into a width/height ratio. */
    public static double parseAspect(String s) {
        try {
            String[] parts = s.split(":");
            double a = parts.length == 2 ? Double.parseDouble(parts[0]) / Double.parseDouble(parts[1]) : Double.parseDouble(s);
            if (!(a > 0.1 && a < 10)) {
                throw new NumberFormatException();
            }
            return a;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("bad frame aspect '" + s + "' (expected W:H, e.g. 5:3)");
        }
    }

    /** Detail level used for an output size. */
    public static int detailFor(int width, int height) {
        return Math.max(width, height) <= 200 ? 0 : 1;
    }

    /** Convenience: builds the scene and renders one view. */
    public static Rendered render(PhantomPatient p, View view, long photoSeed, int width, int height, double frameAspect) {
        return render(PhantomScene.build(p, detailFor(width, height)), view, photoSeed, width, height, frameAspect);
    }

    private static final float[] SRGB = new float[4097];
    private static final int[] SRGB8 = new int[4097];

    static {
        for (int i = 0; i <= 4096; i++) {
            double x = i / 4096.0;
            double s = x <= 0.0031308 ? 12.92 * x : 1.055 * Math.pow(x, 1 / 2.4) - 0.055;
            SRGB[i] = (float) s;
            SRGB8[i] = (int) Math.round(Math.max(0, Math.min(1, s)) * 255);
        }
    }

    /** Camera: eye, right, up, forward, vertical half-extent tangent. */
    static final class Camera {
        double ex, ey, ez, rx, ry, rz, ux, uy, uz, fx, fy, fz, tanH, dist, flash, warm, vignette;
        /** Retracted lips drawn over the frame edge: mode 0 = corners (occlusion views), 1 = top, 2 = bottom. */
        int lipMode;
        double lipRx, lipRy, lipP, lipY, lipTone;
    }

    static Camera camera(PhantomScene sc, View view, long photoSeed) {
        PhantomPatient p = sc.patient;
        SplittableRandom r = new SplittableRandom(photoSeed * 0x9E3779B97F4A7C15L + view.ordinal() * 1000003L + 17);
        double jy = (r.nextDouble() - 0.5) * 2, jp = (r.nextDouble() - 0.5) * 2, jr = (r.nextDouble() - 0.5) * 2;
        double jz = (r.nextDouble() - 0.5) * 2, jx = (r.nextDouble() - 0.5) * 2, jv = (r.nextDouble() - 0.5) * 2;
        double[] target;
        double[] dir;
        double[] up0;
        double halfH;
        double dist = 150;
        double w = p.archWidth;
        switch (view) {
            case FRONT: {
                double yaw = Math.toRadians(jy * 3), pitch = Math.toRadians(2 + jp * 3);
                target = new double[] {jx * 1.5, 0.5 + jv * 1.2, -9};
                dir = new double[] {Math.sin(yaw) * Math.cos(pitch), Math.sin(pitch), Math.cos(yaw) * Math.cos(pitch)};
                up0 = new double[] {0, 1, 0};
                halfH = 17.0 * Math.sqrt(w);
                break;
            }
            case LEFT:
            case RIGHT: {
                double sg = view == View.LEFT ? 1 : -1;
                double yaw = Math.toRadians(58 + jy * 4), pitch = Math.toRadians(2 + jp * 3);
                target = new double[] {sg * (17.5 * w + jx * 1.5), 0.3 + jv * 1.2, -14 * p.archDepth};
                dir = new double[] {sg * Math.sin(yaw) * Math.cos(pitch), Math.sin(pitch), Math.cos(yaw) * Math.cos(pitch)};
                up0 = new double[] {0, 1, 0};
                halfH = 15.0;
                break;
            }
            case UPPER: {
                double t = Math.toRadians(9 + jp * 4), yaw = Math.toRadians(jy * 3);
                target = new double[] {jx * 1.5, 9, -19.0 * p.archDepth + jv * 1.2};
                dir = new double[] {Math.sin(yaw), -Math.cos(t), Math.sin(t)};
                up0 = new double[] {0, 0, 1};
                halfH = 23.5 * Math.sqrt(p.archDepth * p.archWidth);
                break;
            }
            default: {
                double t = Math.toRadians(9 + jp * 4), yaw = Math.toRadians(jy * 3);
                target = new double[] {jx * 1.5, -9, -19.5 * p.archDepth + jv * 1.2};
                dir = new double[] {Math.sin(yaw), Math.cos(t), Math.sin(t)};
                up0 = new double[] {0, 0, -1};
                halfH = 23.5 * Math.sqrt(p.archDepth * p.archWidth);
                break;
            }
        }
        halfH *= 1 + jz * 0.06;
        Camera c = new Camera();
        c.ex = target[0] + dir[0] * dist;
        c.ey = target[1] + dir[1] * dist;
        c.ez = target[2] + dir[2] * dist;
        double[] f = PhantomScene.norm(new double[] {-dir[0], -dir[1], -dir[2]});
        double[] rr = PhantomScene.norm(PhantomScene.cross(f, up0));
        double[] uu = PhantomScene.cross(rr, f);
        // roll
        double roll = Math.toRadians(jr * 2.5);
        double cr = Math.cos(roll), sr = Math.sin(roll);
        double[] r2 = {rr[0] * cr + uu[0] * sr, rr[1] * cr + uu[1] * sr, rr[2] * cr + uu[2] * sr};
        double[] u2 = {uu[0] * cr - rr[0] * sr, uu[1] * cr - rr[1] * sr, uu[2] * cr - rr[2] * sr};
        c.rx = r2[0];
        c.ry = r2[1];
        c.rz = r2[2];
        c.ux = u2[0];
        c.uy = u2[1];
        c.uz = u2[2];
        c.fx = f[0];
        c.fy = f[1];
        c.fz = f[2];
        c.dist = dist;
        c.tanH = halfH / dist;
        c.flash = 1.0 + 0.12 * (r.nextDouble() - 0.5) * 2;
        c.warm = (r.nextDouble() - 0.5) * 0.06;
        c.vignette = 0.6 + 0.3 * r.nextDouble();
        c.lipMode = view == View.UPPER ? 1 : view == View.LOWER ? 2 : 0;
        c.lipRx = 1.0 + 0.06 * r.nextDouble();
        c.lipRy = 0.98 + 0.08 * r.nextDouble();
        c.lipP = 2.2 + 0.6 * r.nextDouble();
        c.lipY = 0.93 + 0.07 * r.nextDouble();
        c.lipTone = r.nextDouble();
        return c;
    }

    static int groupMask(View v) {
        switch (v) {
            case UPPER: return PhantomScene.G_UT | PhantomScene.G_UG | PhantomScene.G_PAL | PhantomScene.G_UA;
            case LOWER: return PhantomScene.G_LT | PhantomScene.G_LG | PhantomScene.G_TON | PhantomScene.G_LA;
            default: return PhantomScene.G_UT | PhantomScene.G_UG | PhantomScene.G_UA | PhantomScene.G_LT
                | PhantomScene.G_LG | PhantomScene.G_LA | PhantomScene.G_TON;
        }
    }

    /** Renders one view of a prebuilt scene into a width x height raster showing a frame of the given aspect. */
    public static Rendered render(PhantomScene sc, View view, long photoSeed, int width, int height, double frameAspect) {
        if (width <= 0 || height <= 0 || width > 8192 || height > 8192) {
            throw new IllegalArgumentException("image size must be 1..8192, got " + width + "x" + height);
        }
        Camera cam = camera(sc, view, photoSeed);
        int ss = Math.max(width, height) <= 160 ? 3 : Math.max(width, height) <= 1100 ? 2 : 1;
        int ws = width * ss, hs = height * ss;
        Mesh m = sc.mesh;
        int nv = m.nv;
        float[] px = new float[nv], py = new float[nv], pw = new float[nv];
        double sxs = ws / (2 * cam.tanH * frameAspect), sys = hs / (2 * cam.tanH);
        for (int v = 0; v < nv; v++) {
            double dx = m.pos[v * 3] - cam.ex, dy = m.pos[v * 3 + 1] - cam.ey, dz = m.pos[v * 3 + 2] - cam.ez;
            double d = dx * cam.fx + dy * cam.fy + dz * cam.fz;
            double xc = dx * cam.rx + dy * cam.ry + dz * cam.rz;
            double yc = dx * cam.ux + dy * cam.uy + dz * cam.uz;
            if (d < 5) {
                pw[v] = -1;
                continue;
            }
            px[v] = (float) (ws * 0.5 + xc / d * sxs);
            py[v] = (float) (hs * 0.5 - yc / d * sys);
            pw[v] = (float) (1 / d);
        }
        int n = ws * hs;
        float[] zb = new float[n];
        int[] tid = new int[n];
        float[] l1 = new float[n], l2 = new float[n];
        java.util.Arrays.fill(tid, -1);
        int mask = groupMask(view);
        for (int t = 0; t < m.nt; t++) {
            if ((m.tgroup[t] & mask) == 0) {
                continue;
            }
            int a = m.tri[t * 3], b = m.tri[t * 3 + 1], c = m.tri[t * 3 + 2];
            if (pw[a] < 0 || pw[b] < 0 || pw[c] < 0) {
                continue;
            }
            if ((m.tgroup[t] & Mesh.CULL) != 0) {
                int a3 = a * 3, b3 = b * 3, c3 = c * 3;
                float ux = m.pos[b3] - m.pos[a3], uy = m.pos[b3 + 1] - m.pos[a3 + 1], uz = m.pos[b3 + 2] - m.pos[a3 + 2];
                float vx = m.pos[c3] - m.pos[a3], vy = m.pos[c3 + 1] - m.pos[a3 + 1], vz = m.pos[c3 + 2] - m.pos[a3 + 2];
                double fnx = uy * vz - uz * vy, fny = uz * vx - ux * vz, fnz = ux * vy - uy * vx;
                if (fnx * (cam.ex - m.pos[a3]) + fny * (cam.ey - m.pos[a3 + 1]) + fnz * (cam.ez - m.pos[a3 + 2]) < 0) {
                    continue;
                }
            }
            float ax = px[a], ay = py[a], bx = px[b], by = py[b], cx = px[c], cy = py[c];
            float area = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
            if (Math.abs(area) < 1e-9f) {
                continue;
            }
            int x0 = Math.max(0, (int) Math.floor(Math.min(ax, Math.min(bx, cx))));
            int x1 = Math.min(ws - 1, (int) Math.ceil(Math.max(ax, Math.max(bx, cx))));
            int y0 = Math.max(0, (int) Math.floor(Math.min(ay, Math.min(by, cy))));
            int y1 = Math.min(hs - 1, (int) Math.ceil(Math.max(ay, Math.max(by, cy))));
            if (x0 > x1 || y0 > y1) {
                continue;
            }
            float inv = 1f / area;
            float wa = pw[a], wb = pw[b], wc = pw[c];
            float cbx = cx - bx, cby = cy - by, acx = ax - cx, acy = ay - cy;
            for (int y = y0; y <= y1; y++) {
                float fy = y + 0.5f;
                int row = y * ws;
                float r0 = cbx * (fy - by), r1 = acx * (fy - cy);
                for (int x = x0; x <= x1; x++) {
                    float fx = x + 0.5f;
                    float e0 = (r0 - cby * (fx - bx)) * inv;
                    if (e0 < 0) {
                        continue;
                    }
                    float e1 = (r1 - acy * (fx - cx)) * inv;
                    float e2 = 1f - e0 - e1;
                    if (e0 < 0 || e1 < 0 || e2 < 0) {
                        continue;
                    }
                    float w = e0 * wa + e1 * wb + e2 * wc;
                    int i = row + x;
                    if (w > zb[i]) {
                        zb[i] = w;
                        tid[i] = t;
                        l1[i] = e1;
                        l2[i] = e2;
                    }
                }
            }
        }
        // shading
        float[] out = new float[n * 3];
        double invTanX = 2 * cam.tanH * frameAspect / ws, invTanY = 2 * cam.tanH / hs;
        double[] lipCol = new double[ws], lipRow = new double[hs], lipColS = new double[ws], lipRowS = new double[hs];
        for (int x = 0; x < ws; x++) {
            double xn = (x + 0.5 - ws * 0.5) * invTanX / (cam.tanH * frameAspect);
            lipColS[x] = xn;
            lipCol[x] = cam.lipMode == 0 ? Math.pow(Math.abs(xn) / cam.lipRx, cam.lipP) : cam.lipY + 0.22 * xn * xn;
        }
        for (int y = 0; y < hs; y++) {
            double yn = (hs * 0.5 - y - 0.5) * invTanY / cam.tanH;
            lipRowS[y] = yn;
            lipRow[y] = cam.lipMode == 0 ? Math.pow(Math.abs(yn) / cam.lipRy, cam.lipP) : cam.lipMode == 1 ? yn : -yn;
        }
        for (int y = 0; y < hs; y++) {
            for (int x = 0; x < ws; x++) {
                int i = y * ws + x;
                int t = tid[i];
                double cr, cg, cb;
                double vxn = (x + 0.5 - ws * 0.5) * invTanX, vyn = (hs * 0.5 - y - 0.5) * invTanY;
                double lipU = -1;
                if (cam.lipMode == 0) {
                    double d = lipCol[x] + lipRow[y];
                    if (d > 0.8) {
                        double ang = fastAtan2(lipRowS[y], lipColS[x]);
                        double wob = 0.07 * Math.sin(ang * 3 + cam.lipTone * 6) + 0.05 * Math.sin(ang * 7 + cam.lipTone * 13)
                            - 0.08 * Math.abs(Math.sin(ang)) + 0.04;
                        double th = 0.6 + 0.25 * Math.abs(Math.sin(ang));
                        if (d > 1 + wob) {
                            lipU = (d - 1 - wob) / th;
                        }
                    }
                } else if (lipRow[y] > lipCol[x]) {
                    lipU = (lipRow[y] - lipCol[x]) / 0.3;
                }
                if (lipU >= 0) {
                    tid[i] = -2;
                    double u = Math.min(1, lipU);
                    double sh = 0.2 + 0.9 * Math.sin(Math.PI * (0.12 + 0.88 * u)) * (1 - 0.55 * u);
                    double wq = (u - 0.25) / 0.07;
                    double wet = 0.22 * Math.exp(-wq * wq);
                    double nn = Noise.value(x * 12.0 / ss / Math.max(width, 64) * 8, y * 12.0 / ss / Math.max(width, 64) * 8, 3.5);
                    double base = 0.85 + 0.25 * nn;
                    cr = (0.50 + 0.10 * cam.lipTone) * sh * base + wet;
                    cg = (0.09 + 0.04 * cam.lipTone) * sh * base + wet * 0.85;
                    cb = (0.10 + 0.03 * cam.lipTone) * sh * base + wet * 0.85;
                    if (lipU > 1) {
                        double k = Math.max(0.03, 1 - (lipU - 1) * 1.5);
                        cr *= k;
                        cg *= k;
                        cb *= k;
                    }
                } else if (t < 0) {
                    cr = 0.012;
                    cg = 0.003;
                    cb = 0.003;
                } else {
                    int a = m.tri[t * 3], b = m.tri[t * 3 + 1], c = m.tri[t * 3 + 2];
                    double e1 = l1[i], e2 = l2[i], e0 = 1 - e1 - e2;
                    double q0 = e0 * pw[a], q1 = e1 * pw[b], q2 = e2 * pw[c];
                    double qs = q0 + q1 + q2;
                    q0 /= qs;
                    q1 /= qs;
                    q2 /= qs;
                    int a3 = a * 3, b3 = b * 3, c3 = c * 3;
                    double wx = q0 * m.pos[a3] + q1 * m.pos[b3] + q2 * m.pos[c3];
                    double wy = q0 * m.pos[a3 + 1] + q1 * m.pos[b3 + 1] + q2 * m.pos[c3 + 1];
                    double wz = q0 * m.pos[a3 + 2] + q1 * m.pos[b3 + 2] + q2 * m.pos[c3 + 2];
                    double nx = q0 * m.nrm[a3] + q1 * m.nrm[b3] + q2 * m.nrm[c3];
                    double ny = q0 * m.nrm[a3 + 1] + q1 * m.nrm[b3 + 1] + q2 * m.nrm[c3 + 1];
                    double nz = q0 * m.nrm[a3 + 2] + q1 * m.nrm[b3 + 2] + q2 * m.nrm[c3 + 2];
                    double ar = q0 * m.col[a3] + q1 * m.col[b3] + q2 * m.col[c3];
                    double ag = q0 * m.col[a3 + 1] + q1 * m.col[b3 + 1] + q2 * m.col[c3 + 1];
                    double ab = q0 * m.col[a3 + 2] + q1 * m.col[b3 + 2] + q2 * m.col[c3 + 2];
                    double vx = cam.ex - wx, vy = cam.ey - wy, vz = cam.ez - wz;
                    double dist = Math.sqrt(vx * vx + vy * vy + vz * vz);
                    vx /= dist;
                    vy /= dist;
                    vz /= dist;
                    double nl = Math.sqrt(nx * nx + ny * ny + nz * nz);
                    if (nl > 0) {
                        nx /= nl;
                        ny /= nl;
                        nz /= nl;
                    }
                    Mesh.Material mat = m.materials.get(m.tmat[t]);
                    // procedural detail
                    double bump = 0;
                    switch (mat.kind) {
                        case Mesh.K_GINGIVA: {
                            double nn = Noise.value(wx * 1.7, wy * 1.7, wz * 1.7);
                            double blot = Noise.value(wx * 0.45 + 11, wy * 0.45, wz * 0.45);
                            double k = 0.86 + 0.14 * nn + 0.12 * blot;
                            ar *= k;
                            ag *= k * (0.88 + 0.2 * blot);
                            ab *= k * (0.9 + 0.16 * blot);
                            bump = (nn - 0.5) * 0.12;
                            break;
                        }
                        case Mesh.K_MUCOSA:
                        case Mesh.K_LIP: {
                            double nn = Noise.value(wx * 0.5, wy * 0.5, wz * 0.5);
                            double vein = Math.abs(Noise.value(wx * 0.9 + 7, wy * 0.9, wz * 0.9) - 0.5);
                            double k = 0.9 + 0.2 * nn;
                            ar *= k;
                            ag *= k;
                            ab *= k;
                            if (vein < 0.03) {
                                double vk = 1 - (0.03 - vein) / 0.03 * 0.12;
                                ar *= vk;
                                ag *= vk;
                            }
                            bump = (nn - 0.5) * 0.1;
                            break;
                        }
                        case Mesh.K_PALATE: {
                            double rug = Math.sin(Math.sqrt(wx * wx * 0.49 + (wz + 4) * (wz + 4)) * 1.5 + 4 * Noise.value(wx * 0.25, wy * 0.25, wz * 0.25));
                            double front = PhantomScene.smooth(-20, -9, wz) * PhantomScene.smooth(12, 3, Math.abs(wx));
                            double k = 1 + 0.05 * rug * front + 0.08 * (Noise.value(wx * 1.2, wy, wz * 1.2) - 0.5);
                            ar *= k;
                            ag *= k;
                            ab *= k;
                            bump = rug * front * 0.10;
                            break;
                        }
                        case Mesh.K_TONGUE: {
                            double nn = Noise.value(wx * 2.5, wy * 2.5, wz * 2.5);
                            double k = 0.85 + 0.25 * nn;
                            ar *= k;
                            ag *= k * 0.97;
                            ab *= k;
                            bump = (nn - 0.5) * 0.2;
                            break;
                        }
                        default:
                            break;
                    }
                    double ndv = nx * vx + ny * vy + nz * vz;
                    if (ndv < 0) {
                        ndv = -ndv;
                    }
                    ndv = Math.max(0, Math.min(1, ndv + bump * (1 - ndv)));
                    double light = cam.flash * (cam.dist * cam.dist) / (dist * dist);
                    double spec = mat.spec * ndv / (mat.shin - mat.shin * ndv + ndv);
                    double diff;
                    if (mat.kind == Mesh.K_METAL || mat.kind == Mesh.K_GOLD) {
                        diff = 0.10 + 0.75 * ndv * ndv * ndv;
                        double env = 0.45 * Noise.value(wx * 1.3, wy * 1.3, wz * 1.3) - 0.1;
                        cr = light * (ar * (diff + env) + spec * (mat.kind == Mesh.K_GOLD ? ar * 1.2 : 0.95));
                        cg = light * (ag * (diff + env) + spec * (mat.kind == Mesh.K_GOLD ? ag * 1.2 : 0.95));
                        cb = light * (ab * (diff + env) + spec * (mat.kind == Mesh.K_GOLD ? ab * 1.2 : 0.95));
                    } else {
                        diff = mat.kind == Mesh.K_ENAMEL ? 0.22 + 0.78 * ndv : 0.10 + 0.90 * ndv;
                        cr = light * (ar * diff + spec);
                        cg = light * (ag * diff + spec);
                        cb = light * (ab * diff + spec);
                    }
                }
                // vignette (dark corners) and warmth
                double rr = vxn * vxn / (cam.tanH * cam.tanH * frameAspect * frameAspect) + vyn * vyn / (cam.tanH * cam.tanH);
                double vig = 1 - cam.vignette * Math.max(0, rr - 0.35) * 0.55;
                vig = Math.max(0.05, vig);
                int o = i * 3;
                out[o] = (float) (cr * vig * (1 + cam.warm));
                out[o + 1] = (float) (cg * vig);
                out[o + 2] = (float) (cb * vig * (1 - cam.warm));
            }
        }
        // downsample
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] rgb = new int[width * height];
        byte[] labels = new byte[width * height];
        double norm = 1.0 / (ss * ss);
        int lab = ss / 2;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double r = 0, g = 0, b = 0;
                for (int sy = 0; sy < ss; sy++) {
                    int row = (y * ss + sy) * ws + x * ss;
                    for (int sx = 0; sx < ss; sx++) {
                        int o = (row + sx) * 3;
                        r += out[o];
                        g += out[o + 1];
                        b += out[o + 2];
                    }
                }
                int ri = tone(r * norm), gi = tone(g * norm), bi = tone(b * norm);
                rgb[y * width + x] = (ri << 16) | (gi << 8) | bi;
                int ti = tid[(y * ss + lab) * ws + x * ss + lab];
                labels[y * width + x] = (byte) (ti == -2 ? Labels.LIP : ti < 0 ? Labels.BACKGROUND : m.materials.get(m.tmat[ti]).label);
            }
        }
        img.setRGB(0, 0, width, height, rgb, 0, width);
        return new Rendered(img, labels, width, height);
    }

    /** Polynomial atan2 (max error about 0.0015 rad); pure arithmetic, deterministic. */
    static double fastAtan2(double y, double x) {
        double ax = Math.abs(x), ay = Math.abs(y);
        double mx = Math.max(ax, ay);
        if (mx == 0) {
            return 0;
        }
        double a = Math.min(ax, ay) / mx;
        double s = a * a;
        double r = ((-0.0464964749 * s + 0.15931422) * s - 0.327622764) * s * a + a;
        if (ay > ax) {
            r = 1.57079637 - r;
        }
        if (x < 0) {
            r = 3.14159274 - r;
        }
        return y < 0 ? -r : r;
    }

    private static int tone(double v) {
        double x = v <= 0 ? 0 : v < 0.8 ? v : 0.8 + 0.2 * (1 - Math.exp(-(v - 0.8) / 0.2));
        int k = (int) (x * 4096);
        return SRGB8[Math.max(0, Math.min(4096, k))];
    }
}
