package com.ivpstudio.inference.render;

import com.ivpstudio.inference.OperationContext;
import com.ivpstudio.inference.Provenance;
import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The small semi-transparent mark "SIMULATED" (in the reader's language, and the patient code where one applies)
 * drawn in the bottom-right corner of every predicted image, with DejaVu Sans Bold so the pixels are the same on
 * every machine that has it.
 */
final class SimulatedLabel {

    private static final Font FONT = loadFont();
    private static final ConcurrentHashMap<Float, Font> SIZED = new ConcurrentHashMap<>();

    private SimulatedLabel() {
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

    /** The mark's text: "SIMULATED", with the patient code (control characters replaced, at most 40). */
    static String label(String patientCode) {
        return label(null, patientCode);
    }

    /**
     * The mark's text in a language: {@code word} ("SIMULIERT"; null: the English "SIMULATED", at most 24 characters),
     * with the patient code (control characters replaced, at most 40).
     */
    static String label(String word, String patientCode) {
        String w = word == null ? OperationContext.ENGLISH_MARK : safe(word, 24);
        return patientCode == null ? w : w + " \u00b7 " + safe(patientCode, 40);
    }

    /** The mark a provenance says was drawn: its word and the patient code it names. */
    static String label(Provenance p) {
        return label(p.mark(), p.patientCode());
    }

    private static String safe(String s, int max) {
        StringBuilder b = new StringBuilder();
        s.codePoints().limit(max).forEach(cp -> b.appendCodePoint(Character.isISOControl(cp) ? '?' : cp));
        return b.toString();
    }

    private static Font font(float size) {
        return SIZED.computeIfAbsent(size, sz -> FONT.deriveFont(Font.BOLD, sz));
    }

    static void draw(BufferedImage img, String label) {
        Graphics2D g = graphics(img);
        try {
            Box box = box(g, img, label);
            g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.45f));
            g.setColor(Color.BLACK);
            g.fillRect(box.x, box.y, box.width, box.height);
            g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.85f));
            g.setColor(Color.WHITE);
            g.drawString(label, box.x + box.pad, box.y + box.pad + box.ascent);
        } finally {
            g.dispose();
        }
    }

    /**
     * Paints over the mark {@code drawn} (as {@link #draw} placed it on an image of this size) with an opaque box,
     * then draws {@code replacement}: what was under the old mark cannot be recovered, so its text is gone for good.
     */
    static void replace(BufferedImage img, String drawn, String replacement) {
        Graphics2D g = graphics(img);
        try {
            Box box = box(g, img, drawn);
            g.setColor(new Color(0x3a, 0x3a, 0x3a));
            g.fillRect(box.x, box.y, box.width, box.height);
        } finally {
            g.dispose();
        }
        draw(img, replacement);
    }

    private record Box(int x, int y, int width, int height, int pad, int ascent) {
    }

    private static Graphics2D graphics(BufferedImage img) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_OFF);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        return g;
    }

    private static Box box(Graphics2D g, BufferedImage img, String label) {
        float size = Math.max(9f, img.getHeight() / 22f);
        g.setFont(font(size));
        FontMetrics fm = g.getFontMetrics();
        int pad = Math.max(2, Math.round(size / 4));
        int tw = fm.stringWidth(label);
        int th = fm.getAscent() + fm.getDescent();
        int x = img.getWidth() - tw - 2 * pad - pad;
        int y = img.getHeight() - th - 2 * pad - pad;
        return new Box(x, y, tw + 2 * pad, th + 2 * pad, pad, fm.getAscent());
    }
}
