package com.ivpstudio.inference.render;

/** The colour scale of the uncertainty map: dark blue → purple → orange → yellow. */
public final class HeatColours {

    private HeatColours() {
    }

    /** A colour for t in 0..1 (dark blue → purple → orange → yellow), for the uncertainty map. */
    public static int heat(double t) {
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
