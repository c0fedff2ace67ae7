package com.ivpstudio.inference;

import java.util.Arrays;
import java.util.Objects;

/**
 * One generated image: the PNG to show (display aspect, "SIMULATED" mark and patient code drawn in, provenance in
 * tEXt chunks) and the raw square model output for comparisons.
 *
 * @param view       the view, or null for a map over several views
 * @param png        the display PNG (width × height)
 * @param width      display width in pixels
 * @param height     display height in pixels
 * @param squareRgb  the model's R×R output as RGB bytes (row-major, 3 bytes per pixel), without any mark
 * @param resolution R
 * @param provenance how it was made
 */
public record GeneratedImage(ViewKind view, byte[] png, int width, int height, byte[] squareRgb, int resolution,
        Provenance provenance) {

    public GeneratedImage {
        Objects.requireNonNull(png);
        Objects.requireNonNull(provenance);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GeneratedImage g && Arrays.equals(g.png, png) && g.provenance.equals(provenance);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(png);
    }

    @Override
    public String toString() {
        return "GeneratedImage[" + view + ", " + width + "x" + height + ", " + png.length + " bytes, "
                + provenance.operation() + "]";
    }
}
