package com.ivpstudio.inference;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A plain-Java tensor (what goes in and out of the engine; NDArrays never leave a call): either float32 or int64
 * data, row-major, with its shape.
 */
record Tensors(float[] floats, long[] longs, byte[] bytes, java.nio.ByteBuffer direct, long[] shape) {

    static Tensors of(float[] data, long... shape) {
        check(data.length, shape);
        return new Tensors(data, null, null, null, shape);
    }

    static Tensors ofLongs(long[] data, long... shape) {
        check(data.length, shape);
        return new Tensors(null, data, null, null, shape);
    }

    /** uint8 values 0..255 that the module receives as float32 (exact: a quarter of the bytes cross JNI). */
    static Tensors ofUnsignedBytes(byte[] data, long... shape) {
        check(data.length, shape);
        return new Tensors(null, null, data, null, shape);
    }

    /** float32 values already in a direct native-order buffer (no copy on the Java side). */
    static Tensors ofDirectFloats(java.nio.ByteBuffer data, long... shape) {
        check(data.capacity() / 4, shape);
        return new Tensors(null, null, null, data, shape);
    }

    private static void check(int length, long[] shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        if (n != length) {
            throw new IllegalArgumentException("data length " + length + " does not match shape " + Arrays.toString(shape));
        }
    }

    boolean isFloat() {
        return floats != null;
    }

    boolean isDirect() {
        return direct != null;
    }

    boolean isBytes() {
        return bytes != null;
    }

    static byte[] toLittleEndian(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        return b.array();
    }

    static float[] floatsFromLittleEndian(byte[] bytes) {
        float[] v = new float[bytes.length / 4];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        return v;
    }

    static long[] longsFromLittleEndian(byte[] bytes) {
        long[] v = new long[bytes.length / 8];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(v);
        return v;
    }

    @Override
    public String toString() {
        return (isFloat() || isDirect() ? "float32" : isBytes() ? "uint8→float32" : "int64") + Arrays.toString(shape);
    }
}
