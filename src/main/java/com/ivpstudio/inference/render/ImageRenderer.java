package com.ivpstudio.inference.render;

import com.ivpstudio.inference.OperationContext;
import com.ivpstudio.inference.Provenance;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.DirectColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Model output → display PNG: the R×R square stretched to the display size ({@link DisplayResize}), the SIMULATED
 * mark drawn in ({@link SimulatedLabel}), the provenance JSON in a tEXt chunk ({@link PngEncoder}). Everything is
 * deterministic: the same inputs give the same bytes.
 */
public final class ImageRenderer {

    public static final String VERSION = "ivp-render-2"; // 2: PNG rows Sub-filtered, Huffman-only deflate
    public static final String PROVENANCE_KEY = "ivp:provenance";

    private ImageRenderer() {
    }

    /**
     * A display image marked as {@code drawn} (its provenance) says, marked again with {@code word} (the reader's
     * word for "simulated"; null: English) and {@code patientCode} (null: none): for copies that leave the staff app
     * (a patient's link, in the patient's language, perhaps without the code). The old mark is painted over for good;
     * an image whose mark already reads so is left as it is. Returns whether the image changed (it is changed in
     * place).
     */
    public static boolean remark(BufferedImage displayImage, Provenance drawn, String word, String patientCode) {
        String old = SimulatedLabel.label(drawn);
        String now = SimulatedLabel.label(OperationContext.markOrNull(word), patientCode);
        if (old.equals(now)) {
            return false;
        }
        SimulatedLabel.replace(displayImage, old, now);
        return true;
    }

    /** The display PNG of a square image with the SIMULATED mark and the provenance chunk. */
    static byte[] renderPng(byte[] squareRgb, int r, int displayWidth, int displayHeight, String label,
            Provenance provenance) {
        int[] px = DisplayResize.resizePacked(squareRgb, r, r, displayWidth, displayHeight);
        DirectColorModel cm = new DirectColorModel(24, 0xff0000, 0xff00, 0xff);
        WritableRaster raster = Raster.createPackedRaster(new DataBufferInt(px, px.length), displayWidth,
                displayHeight, displayWidth, cm.getMasks(), null);
        BufferedImage img = new BufferedImage(cm, raster, false, null);
        SimulatedLabel.draw(img, label);
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
}
