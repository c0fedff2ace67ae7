package com.ivpstudio.inference;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Arrays as the bundle's golden files and the embedding store hold them: raw little-endian values, the byte order
 * numpy's {@code tofile} writes on the exporter's machines.
 */
public final class LittleEndian {

    private LittleEndian() {
    }

    public static byte[] bytes(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        return b.array();
    }

    public static float[] floats(byte[] bytes) {
        float[] v = new float[bytes.length / 4];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        return v;
    }

    public static long[] longs(byte[] bytes) {
        long[] v = new long[bytes.length / 8];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(v);
        return v;
    }
}
