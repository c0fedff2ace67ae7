package com.ivpstudio.phantom;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/** Contact sheet: N patients x 5 views, then one patient's treatment stages (front and upper view). */
public final class ContactSheet {
    private ContactSheet() {
    }

    public static BufferedImage render(long seed, int patients, int cellH) {
        int cellW = (int) Math.round(cellH * 5 / 3.0);
        int gap = 4;
        int head = 16;
        int stageN = 5;
        int cols = 5;
        int rows = patients + 2;
        int w = cols * (cellW + gap) + gap;
        int h = head + rows * (cellH + gap) + gap + head;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(24, 24, 28));
        g.fillRect(0, 0, w, h);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.MONOSPACED, Font.BOLD, 11));
        g.setColor(Color.WHITE);
        View[] views = View.values();
        for (int c = 0; c < cols; c++) {
            g.drawString(views[c].id(), gap + c * (cellW + gap) + 2, 12);
        }
        double aspect = 5 / 3.0;
        for (int i = 0; i < patients; i++) {
            long ps = PhantomExport.patientSeed(seed, i);
            PhantomPatient p = PhantomPatient.generate(ps);
            PhantomScene sc = PhantomScene.build(p, PhantomRenderer.detailFor(cellW, cellH));
            for (int c = 0; c < cols; c++) {
                PhantomRenderer.Rendered r = PhantomRenderer.render(sc, views[c], PhantomExport.photoSeed(ps, 0, views[c]),
                    cellW, cellH, aspect);
                g.drawImage(r.image, gap + c * (cellW + gap), head + i * (cellH + gap), null);
            }
            g.setColor(Color.WHITE);
            g.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 9));
            g.drawString(PhantomExport.patientId(i), gap + 3, head + i * (cellH + gap) + 10);
        }
        // treatment stages of the first crowded demo patient: front row then upper row
        DemoPatients.Demo demo = DemoPatients.all().get(0);
        List<PhantomPatient> st = Treatment.stages(PhantomPatient.generate(demo.seed), stageN);
        for (int k = 0; k < stageN; k++) {
            PhantomScene sc = PhantomScene.build(st.get(k), PhantomRenderer.detailFor(cellW, cellH));
            for (int row = 0; row < 2; row++) {
                View v = row == 0 ? View.FRONT : View.UPPER;
                PhantomRenderer.Rendered r = PhantomRenderer.render(sc, v, 7 + k, cellW, cellH, aspect);
                g.drawImage(r.image, gap + k * (cellW + gap), head + (patients + row) * (cellH + gap), null);
            }
            g.setColor(Color.WHITE);
            g.drawString("stage " + k + "/" + stageN, gap + k * (cellW + gap) + 3, head + patients * (cellH + gap) + 10);
        }
        g.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 10));
        g.drawString("treatment stages of demo '" + demo.name + "' (front, upper)", gap, h - 5);
        g.dispose();
        return img;
    }
}
