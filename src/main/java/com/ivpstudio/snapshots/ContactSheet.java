package com.ivpstudio.snapshots;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.ImageIO;

/** Several snapshot images on one labelled PNG (up to four per row), headed by title, SIMULATED and the model. */
final class ContactSheet {

    private static final int CELL_W = 320;
    private static final int CELL_H = 192;
    private static final int LABEL_H = 22;
    private static final int HEADER_H = 36;

    private ContactSheet() {
    }

    /** @param header the first line, already in the reader's language */
    static byte[] png(String header, List<SnapshotImage> images) {
        int cols = Math.min(4, images.size());
        int rows = (images.size() + cols - 1) / cols;
        BufferedImage sheet = new BufferedImage(cols * CELL_W, HEADER_H + rows * (CELL_H + LABEL_H),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            g.drawString(header, 8, 22);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            for (int i = 0; i < images.size(); i++) {
                int x = (i % cols) * CELL_W;
                int y = HEADER_H + (i / cols) * (CELL_H + LABEL_H);
                BufferedImage img = ImageIO.read(new ByteArrayInputStream(images.get(i).bytes()));
                if (img != null) {
                    double scale = Math.min((double) (CELL_W - 8) / img.getWidth(), (double) CELL_H / img.getHeight());
                    int w = (int) Math.round(img.getWidth() * scale);
                    int h = (int) Math.round(img.getHeight() * scale);
                    g.drawImage(img, x + (CELL_W - w) / 2, y + (CELL_H - h) / 2, w, h, null);
                }
                g.setColor(Color.DARK_GRAY);
                g.drawString(images.get(i).label(), x + 6, y + CELL_H + 15);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(sheet, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
