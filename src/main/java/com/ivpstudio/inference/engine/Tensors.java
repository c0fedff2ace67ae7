package com.ivpstudio.inference.engine;

import java.util.Arrays;

/**
 * A plain-Java tensor (what goes in and out of the engine; NDArrays never leave a call): float32, int64 or unsigned
 * byte data, row-major, with its shape.
 */
public record Tensors(float[] floats, long[] longs, byte[] bytes, boolean bytesStayUint8, long[] shape) {

    public static Tensors of(float[] data, long... shape) {
        check(data.length, shape);
        return new Tensors(data, null, null, false, shape);
    }

    public static Tensors ofLongs(long[] data, long... shape) {
        check(data.length, shape);
        return new Tensors(null, data, null, false, shape);
    }

    /**
     * Values 0..255 as unsigned bytes (a quarter of the bytes cross JNI). {@code moduleTakesUint8}: the module gets a
     * uint8 tensor as is (a bundle that declares uint8 input: its resize reads the bytes, and the full-size float
     * copy of the photo is never made); otherwise it gets them converted to float32.
     */
    public static Tensors ofUnsignedBytes(byte[] data, boolean moduleTakesUint8, long... shape) {
        check(data.length, shape);
        return new Tensors(null, null, data, moduleTakesUint8, shape);
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

    public boolean isFloat() {
        return floats != null;
    }

    public boolean isBytes() {
        return bytes != null;
    }

    @Override
    public String toString() {
        return (isFloat() ? "float32" : isBytes() ? (bytesStayUint8 ? "uint8" : "uint8→float32") : "int64")
                + Arrays.toString(shape);
    }
}
