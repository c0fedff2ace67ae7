package com.ivpstudio.phantom;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Growable triangle soup with per-vertex position, normal and colour (linear RGB) and per-triangle material. */
final class Mesh {
    float[] pos = new float[3 * 8192];
    float[] nrm = new float[3 * 8192];
    float[] col = new float[3 * 8192];
    int nv;
    int[] tri = new int[3 * 16384];
    int[] tmat = new int[16384];
    int[] tgroup = new int[16384];
    int nt;
    final List<Material> materials = new ArrayList<>();

    /** Surface material. kind selects procedural detail in the shader. */
    static final class Material {
        final float spec;
        final float shin;
        final int label;
        final int kind;
        final float metal;

        Material(float spec, float shin, int label, int kind, float metal) {
            this.spec = spec;
            this.shin = shin;
            this.label = label;
            this.kind = kind;
            this.metal = metal;
        }
    }

    static final int K_ENAMEL = 0, K_GINGIVA = 1, K_METAL = 2, K_CERAMIC = 3, K_LIP = 4, K_PALATE = 5, K_TONGUE = 6,
        K_MUCOSA = 7, K_GOLD = 8;

    int material(float spec, float shin, int label, int kind, float metal) {
        materials.add(new Material(spec, shin, label, kind, metal));
        return materials.size() - 1;
    }

    int vertex(double x, double y, double z, double r, double g, double b) {
        if (nv * 3 + 3 > pos.length) {
            int n = pos.length * 2;
            pos = Arrays.copyOf(pos, n);
            nrm = Arrays.copyOf(nrm, n);
            col = Arrays.copyOf(col, n);
        }
        int o = nv * 3;
        pos[o] = (float) x;
        pos[o + 1] = (float) y;
        pos[o + 2] = (float) z;
        col[o] = (float) r;
        col[o + 1] = (float) g;
        col[o + 2] = (float) b;
        return nv++;
    }

    void triangle(int a, int b, int c, int mat, int group) {
        if (nt * 3 + 3 > tri.length) {
            tri = Arrays.copyOf(tri, tri.length * 2);
            tmat = Arrays.copyOf(tmat, tmat.length * 2);
            tgroup = Arrays.copyOf(tgroup, tgroup.length * 2);
        }
        tri[nt * 3] = a;
        tri[nt * 3 + 1] = b;
        tri[nt * 3 + 2] = c;
        tmat[nt] = mat;
        tgroup[nt] = group;
        nt++;
    }

    /** Quad grid (rows x cols vertices starting at v0, row-major) into triangles. */
    void grid(int v0, int rows, int cols, boolean wrapCols, int[] matPerRow, int mat, int group) {
        int cmax = wrapCols ? cols : cols - 1;
        for (int i = 0; i < rows - 1; i++) {
            int m = matPerRow != null ? matPerRow[i] : mat;
            for (int j = 0; j < cmax; j++) {
                int j1 = (j + 1) % cols;
                int a = v0 + i * cols + j;
                int b = v0 + i * cols + j1;
                int c = v0 + (i + 1) * cols + j;
                int d = v0 + (i + 1) * cols + j1;
                triangle(a, b, d, m, group);
                triangle(a, d, c, m, group);
            }
        }
    }

    /** Triangle flag: closed convex-ish solid, back faces may be culled. */
    static final int CULL = 1 << 12;

    /** Makes triangles [t0, nt) wind outwards from centre c (closed solids) and flags them cullable. */
    void orientAndFlag(int t0, double cx, double cy, double cz) {
        double vol = 0;
        for (int t = t0; t < nt; t++) {
            int a = tri[t * 3] * 3, b = tri[t * 3 + 1] * 3, c = tri[t * 3 + 2] * 3;
            double ux = pos[b] - pos[a], uy = pos[b + 1] - pos[a + 1], uz = pos[b + 2] - pos[a + 2];
            double vx = pos[c] - pos[a], vy = pos[c + 1] - pos[a + 1], vz = pos[c + 2] - pos[a + 2];
            double nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
            vol += nx * (pos[a] - cx) + ny * (pos[a + 1] - cy) + nz * (pos[a + 2] - cz);
        }
        for (int t = t0; t < nt; t++) {
            if (vol < 0) {
                int tmp = tri[t * 3 + 1];
                tri[t * 3 + 1] = tri[t * 3 + 2];
                tri[t * 3 + 2] = tmp;
            }
            tgroup[t] |= CULL;
        }
    }

    /** Smooth vertex normals over triangles [t0, nt) (area weighted). */
    void normals(int v0, int t0) {
        for (int v = v0; v < nv; v++) {
            nrm[v * 3] = nrm[v * 3 + 1] = nrm[v * 3 + 2] = 0;
        }
        for (int t = t0; t < nt; t++) {
            int a = tri[t * 3] * 3, b = tri[t * 3 + 1] * 3, c = tri[t * 3 + 2] * 3;
            float ux = pos[b] - pos[a], uy = pos[b + 1] - pos[a + 1], uz = pos[b + 2] - pos[a + 2];
            float vx = pos[c] - pos[a], vy = pos[c + 1] - pos[a + 1], vz = pos[c + 2] - pos[a + 2];
            float nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
            for (int k : new int[] {a, b, c}) {
                nrm[k] += nx;
                nrm[k + 1] += ny;
                nrm[k + 2] += nz;
            }
        }
        for (int v = v0; v < nv; v++) {
            int o = v * 3;
            float l = (float) Math.sqrt(nrm[o] * nrm[o] + nrm[o + 1] * nrm[o + 1] + nrm[o + 2] * nrm[o + 2]);
            if (l > 0) {
                nrm[o] /= l;
                nrm[o + 1] /= l;
                nrm[o + 2] /= l;
            }
        }
    }
}
