package com.ivpstudio.inference;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
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

    static final String VERSION = "ivp-render-1";
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
        byte[] out = new byte[nw * nh * 3];
        double sx = (double) w / nw;
        double sy = (double) h / nh;
        for (int y = 0; y < nh; y++) {
            double fy = Math.max(0, (y + 0.5) * sy - 0.5);
            int y0 = Math.min((int) fy, h - 1);
            int y1 = Math.min(y0 + 1, h - 1);
            double wy = fy - y0;
            for (int x = 0; x < nw; x++) {
                double fx = Math.max(0, (x + 0.5) * sx - 0.5);
                int x0 = Math.min((int) fx, w - 1);
                int x1 = Math.min(x0 + 1, w - 1);
                double wx = fx - x0;
                for (int c = 0; c < 3; c++) {
                    double a = (rgb[(y0 * w + x0) * 3 + c] & 0xff) * (1 - wx) + (rgb[(y0 * w + x1) * 3 + c] & 0xff) * wx;
                    double b = (rgb[(y1 * w + x0) * 3 + c] & 0xff) * (1 - wx) + (rgb[(y1 * w + x1) * 3 + c] & 0xff) * wx;
                    out[(y * nw + x) * 3 + c] = (byte) (int) Math.round(a * (1 - wy) + b * wy);
                }
            }
        }
        return out;
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
        byte[] big = resize(squareRgb, r, r, displayWidth, displayHeight);
        BufferedImage img = new BufferedImage(displayWidth, displayHeight, BufferedImage.TYPE_INT_RGB);
        int[] px = new int[displayWidth * displayHeight];
        for (int i = 0; i < px.length; i++) {
            px[i] = ((big[i * 3] & 0xff) << 16) | ((big[i * 3 + 1] & 0xff) << 8) | (big[i * 3 + 2] & 0xff);
        }
        img.setRGB(0, 0, displayWidth, displayHeight, px, 0, displayWidth);
        drawLabel(img, label);
        img.getRGB(0, 0, displayWidth, displayHeight, px, 0, displayWidth);
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

    private static void drawLabel(BufferedImage img, String label) {
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_OFF);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
            float size = Math.max(9f, img.getHeight() / 22f);
            g.setFont(FONT.deriveFont(Font.BOLD, size));
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
