package com.ivpstudio.inference;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.DirectColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Model output → display PNG. The generator's R×R square is stretched to the display aspect (5:3) at
 * height {@code max(2R, 240)} (bilinear, align-corners false), then a small semi-transparent label "SIMULATED"
 * (and the patient code where one applies) is drawn in the bottom-right corner with DejaVu Sans Bold. The
 * provenance JSON goes into a tEXt chunk. Everything is deterministic: the same inputs give the same bytes.
 */
final class ImageRenderer {

    static final String VERSION = "ivp-render-2"; // 2: PNG rows Sub-filtered, Huffman-only deflate
    static final int MIN_DISPLAY_HEIGHT = 240;
    static final String PROVENANCE_KEY = "ivp:provenance";
    private static final Font FONT = loadFont();

    private ImageRenderer() {
    }

    private static Font loadFont() {
        for (String f : new String[] {"/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
                "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf"}) {
            Path p = Path.of(f);
            if (Files.isRegularFile(p)) {
                try {
                    return Font.createFont(Font.TRUETYPE_FONT, p.toFile());
                } catch (Exception ignored) {
                    // fall back below
                }
            }
        }
        return new Font(Font.SANS_SERIF, Font.BOLD, 12);
    }

    /** [3,R,R] floats in [-1,1] → R*R*3 RGB bytes: round((x+1)*127.5) (half to even, like torch) clamped. */
    static byte[] toRgb(float[] chw, int r) {
        int n = r * r;
        byte[] rgb = new byte[n * 3];
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < n; i++) {
                float v = (float) Math.rint((chw[c * n + i] + 1f) * 127.5f);
                rgb[i * 3 + c] = (byte) (int) Math.max(0f, Math.min(255f, v));
            }
        }
        return rgb;
    }

    static int displayHeight(int r) {
        return Math.max(2 * r, MIN_DISPLAY_HEIGHT);
    }

    /** Bilinear resize (align-corners false, edge clamp) of RGB bytes. */
    static byte[] resize(byte[] rgb, int w, int h, int nw, int nh) {
        int[] packed = resizePacked(rgb, w, h, nw, nh);
        byte[] out = new byte[nw * nh * 3];
        for (int i = 0; i < packed.length; i++) {
            out[i * 3] = (byte) (packed[i] >> 16);
            out[i * 3 + 1] = (byte) (packed[i] >> 8);
            out[i * 3 + 2] = (byte) packed[i];
        }
        return out;
    }

    /**
     * Bilinear resize to packed 0xRRGGBB ints, in fixed point (weights in 1/256ths, exact integer arithmetic, so
     * the result is the same on every machine). Separable: each source row is interpolated horizontally once
     * (unrounded), then output rows blend two of those — the same integers as blending four pixels per output
     * pixel, with half the multiplications (this resize was the largest Java cost of a prediction).
     */
    static int[] resizePacked(byte[] rgb, int w, int h, int nw, int nh) {
        int[] x0 = new int[nw];
        int[] x1 = new int[nw];
        int[] wx = new int[nw];
        axis(w, nw, x0, x1, wx);
        int[] y0 = new int[nh];
        int[] y1 = new int[nh];
        int[] wy = new int[nh];
        axis(h, nh, y0, y1, wy);
        int rowLen = nw * 3;
        int[] horizontal = new int[h * rowLen];
        boolean[] needed = new boolean[h];
        for (int y = 0; y < nh; y++) {
            needed[y0[y]] = true;
            needed[y1[y]] = true;
        }
        for (int sy = 0; sy < h; sy++) {
            if (!needed[sy]) {
                continue;
            }
            int src = sy * w * 3;
            int dst = sy * rowLen;
            for (int x = 0; x < nw; x++) {
                int a = src + x0[x] * 3;
                int b = src + x1[x] * 3;
                int fx = wx[x];
                int o = dst + x * 3;
                for (int c = 0; c < 3; c++) {
                    horizontal[o + c] = (rgb[a + c] & 0xff) * (256 - fx) + (rgb[b + c] & 0xff) * fx;
                }
            }
        }
        int[] out = new int[nw * nh];
        for (int y = 0; y < nh; y++) {
            int top = y0[y] * rowLen;
            int bot = y1[y] * rowLen;
            int fy = wy[y];
            int gy = 256 - fy;
            int o = y * nw;
            for (int x = 0; x < nw; x++) {
                int i = x * 3;
                int r = (horizontal[top + i] * gy + horizontal[bot + i] * fy + (1 << 15)) >> 16;
                int g = (horizontal[top + i + 1] * gy + horizontal[bot + i + 1] * fy + (1 << 15)) >> 16;
                int b = (horizontal[top + i + 2] * gy + horizontal[bot + i + 2] * fy + (1 << 15)) >> 16;
                out[o + x] = (r << 16) | (g << 8) | b;
            }
        }
        return out;
    }

    private static void axis(int in, int out, int[] i0, int[] i1, int[] wt) {
        for (int i = 0; i < out; i++) {
            double f = Math.max(0, (i + 0.5) * in / out - 0.5);
            int a = Math.min((int) f, in - 1);
            i0[i] = a;
            i1[i] = Math.min(a + 1, in - 1);
            wt[i] = (int) Math.round((f - a) * 256);
        }
    }

    /**
     * Downscale with a triangle (bilinear) filter whose support grows with the scale (like PIL's BILINEAR resize,
     * which training used to squash the 5:3 photos to R×R).
     */
    static byte[] squash(byte[] rgb, int w, int h, int nw, int nh) {
        double[] tmp = new double[nw * h * 3];
        resample1d(rgb, null, w, h, nw, true, tmp);
        double[] out = new double[nw * nh * 3];
        resample1d(null, tmp, nw, h, nh, false, out);
        byte[] b = new byte[out.length];
        for (int i = 0; i < out.length; i++) {
            b[i] = (byte) (int) Math.max(0, Math.min(255, Math.round(out[i])));
        }
        return b;
    }

    private static void resample1d(byte[] srcB, double[] srcD, int w, int h, int n, boolean horizontal, double[] dst) {
        int in = horizontal ? w : h;
        double scale = (double) in / n;
        double support = Math.max(scale, 1.0);
        for (int i = 0; i < n; i++) {
            double center = (i + 0.5) * scale;
            int lo = Math.max((int) Math.floor(center - support), 0);
            int hi = Math.min((int) Math.ceil(center + support), in);
            double[] wts = new double[hi - lo];
            double sum = 0;
            for (int j = lo; j < hi; j++) {
                double t = Math.abs((j + 0.5 - center) / support);
                double wt = t < 1 ? 1 - t : 0;
                wts[j - lo] = wt;
                sum += wt;
            }
            if (sum == 0) {
                int j = Math.min(Math.max((int) center, 0), in - 1);
                lo = j;
                wts = new double[] {1};
                sum = 1;
            }
            int lines = horizontal ? h : w;
            for (int line = 0; line < lines; line++) {
                for (int c = 0; c < 3; c++) {
                    double acc = 0;
                    for (int k = 0; k < wts.length; k++) {
                        int j = lo + k;
                        int idx = horizontal ? (line * w + j) * 3 + c : (j * w + line) * 3 + c;
                        double v = srcB != null ? (srcB[idx] & 0xff) : srcD[idx];
                        acc += v * wts[k];
                    }
                    int o = horizontal ? (line * n + i) * 3 + c : (i * w + line) * 3 + c;
                    dst[o] = acc / sum;
                }
            }
        }
    }

    /** The display PNG of a square image with the SIMULATED mark and the provenance chunk. */
    static byte[] renderPng(byte[] squareRgb, int r, int displayWidth, int displayHeight, String label,
            Provenance provenance) {
        int[] px = resizePacked(squareRgb, r, r, displayWidth, displayHeight);
        DirectColorModel cm = new DirectColorModel(24, 0xff0000, 0xff00, 0xff);
        WritableRaster raster = Raster.createPackedRaster(new DataBufferInt(px, px.length), displayWidth,
                displayHeight, displayWidth, cm.getMasks(), null);
        BufferedImage img = new BufferedImage(cm, raster, false, null);
        drawLabel(img, label);
        byte[] rgb = new byte[px.length * 3];
        for (int i = 0; i < px.length; i++) {
            rgb[i * 3] = (byte) (px[i] >> 16);
            rgb[i * 3 + 1] = (byte) (px[i] >> 8);
            rgb[i * 3 + 2] = (byte) px[i];
        }
        Map<String, String> text = new LinkedHashMap<>();
        text.put("Software", "IVP Studio");
        text.put("Description", "SIMULATED image predicted by a model - not a diagnostic image");
        text.put(PROVENANCE_KEY, provenance.toJson());
        return PngEncoder.encode(rgb, displayWidth, displayHeight, text);
    }

    static String label(String patientCode) {
        return patientCode == null ? "SIMULATED" : "SIMULATED \u00b7 " + asciiSafe(patientCode);
    }

    private static String asciiSafe(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().limit(40).forEach(cp -> b.appendCodePoint(Character.isISOControl(cp) ? '?' : cp));
        return b.toString();
    }

    private static final java.util.concurrent.ConcurrentHashMap<Float, Font> SIZED = new java.util.concurrent.ConcurrentHashMap<>();

    private static Font font(float size) {
        return SIZED.computeIfAbsent(size, sz -> FONT.deriveFont(Font.BOLD, sz));
    }

    private static void drawLabel(BufferedImage img, String label) {
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_OFF);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
            float size = Math.max(9f, img.getHeight() / 22f);
            g.setFont(font(size));
            FontMetrics fm = g.getFontMetrics();
            int pad = Math.max(2, Math.round(size / 4));
            int tw = fm.stringWidth(label);
            int th = fm.getAscent() + fm.getDescent();
            int x = img.getWidth() - tw - 2 * pad - pad;
            int y = img.getHeight() - th - 2 * pad - pad;
            g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.45f));
            g.setColor(Color.BLACK);
            g.fillRect(x, y, tw + 2 * pad, th + 2 * pad);
            g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.85f));
            g.setColor(Color.WHITE);
            g.drawString(label, x + pad, y + pad + fm.getAscent());
        } finally {
            g.dispose();
        }
    }

    /** A colour for t in 0..1 (dark blue → purple → orange → yellow), for the uncertainty map. */
    static int heat(double t) {
        double[][] stops = {{0, 0, 0, 4}, {0.25, 60, 15, 110}, {0.5, 150, 40, 105}, {0.75, 235, 110, 35},
                {1, 252, 240, 150}};
        t = Math.max(0, Math.min(1, t));
        for (int i = 1; i < stops.length; i++) {
            if (t <= stops[i][0]) {
                double f = (t - stops[i - 1][0]) / (stops[i][0] - stops[i - 1][0]);
                int r = (int) Math.round(stops[i - 1][1] + f * (stops[i][1] - stops[i - 1][1]));
                int gg = (int) Math.round(stops[i - 1][2] + f * (stops[i][2] - stops[i - 1][2]));
                int b = (int) Math.round(stops[i - 1][3] + f * (stops[i][3] - stops[i - 1][3]));
                return (r << 16) | (gg << 8) | b;
            }
        }
        return 0xfcf096;
    }
}
