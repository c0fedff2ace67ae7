package com.ivpstudio.phantom;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Label-map codes (one unsigned byte per pixel). Teeth use their FDI number 11..47 (crowns and fillings
 * count as the tooth); everything else uses the small codes below.
 */
public final class Labels {
    public static final int BACKGROUND = 0;
    public static final int GINGIVA = 1;
    public static final int APPLIANCE = 2;
    public static final int LIP = 3;
    public static final int TONGUE = 4;
    public static final int PALATE = 5;
    public static final int MUCOSA = 6;

    private Labels() {
    }

    public static boolean isTooth(int code) {
        int q = code / 10;
        int n = code % 10;
        return q >= 1 && q <= 4 && n >= 1 && n <= 7;
    }

    /** Name of every non-tooth code, in code order. */
    public static Map<Integer, String> codes() {
        Map<Integer, String> m = new LinkedHashMap<>();
        m.put(BACKGROUND, "background (dark oral cavity, outside the mouth)");
        m.put(GINGIVA, "gingiva");
        m.put(APPLIANCE, "appliance (brackets, tubes, archwire)");
        m.put(LIP, "lip and cheek (retracted)");
        m.put(TONGUE, "tongue");
        m.put(PALATE, "palate");
        m.put(MUCOSA, "other soft tissue (floor of the mouth, vestibule)");
        return m;
    }
}
