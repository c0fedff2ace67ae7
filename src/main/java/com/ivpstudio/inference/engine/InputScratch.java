package com.ivpstudio.inference.engine;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The native memory that a forward pass's inputs are copied into: one direct buffer per engine thread, reused, the
 * inputs of a call one after another in it (each slice starting on a 64-byte boundary).
 *
 * <p>Why: libtorch reads a tensor straight from a direct buffer, and allocating one per call made the JVM stall in
 * {@code System.gc()} once direct memory filled up (the JVM frees direct buffers only after a collection). Reuse
 * is safe because the tensors made from the buffer live only inside one call on this thread, and the output is
 * copied out before the call returns. Calls needing more than {@value #MAX_REUSED} bytes get a buffer of their own.
 */
final class InputScratch {

    static final int MAX_REUSED = 32 << 20;
    private static final int ALIGN = 64;
    private static final ThreadLocal<ByteBuffer> REUSED = new ThreadLocal<>();

    private InputScratch() {
    }

    /** Room for all of a call's inputs. */
    static Slices forThisThread(Tensors[] inputs) {
        int[] offsets = new int[inputs.length];
        int total = 0;
        for (int i = 0; i < inputs.length; i++) {
            offsets[i] = total;
            total += align(byteSize(inputs[i]));
        }
        return new Slices(buffer(total), offsets);
    }

    private static ByteBuffer buffer(int bytes) {
        if (bytes > MAX_REUSED) {
            return ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
        }
        ByteBuffer b = REUSED.get();
        if (b == null || b.capacity() < bytes) {
            b = ByteBuffer.allocateDirect(Math.max(align(bytes), 1 << 16)).order(ByteOrder.nativeOrder());
            REUSED.set(b);
        }
        return b;
    }

    private static int byteSize(Tensors t) {
        return t.isFloat() ? t.floats().length * 4 : t.isBytes() ? t.bytes().length : t.longs().length * 8;
    }

    private static int align(int bytes) {
        return (bytes + ALIGN - 1) / ALIGN * ALIGN;
    }

    /** The call's inputs, each written into its own native-order slice of the buffer. */
    record Slices(ByteBuffer buffer, int[] offsets) {

        ByteBuffer floats(int input, float[] data) {
            ByteBuffer s = slice(input, data.length * 4);
            s.asFloatBuffer().put(data);
            return s;
        }

        ByteBuffer bytes(int input, byte[] data) {
            ByteBuffer s = slice(input, data.length);
            s.put(0, data);
            return s;
        }

        ByteBuffer longs(int input, long[] data) {
            ByteBuffer s = slice(input, data.length * 8);
            s.asLongBuffer().put(data);
            return s;
        }

        private ByteBuffer slice(int input, int length) {
            return buffer.slice(offsets[input], length).order(ByteOrder.nativeOrder());
        }
    }
}
