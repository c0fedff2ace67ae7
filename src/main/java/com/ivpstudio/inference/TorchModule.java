package com.ivpstudio.inference;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslateException;
import ai.djl.translate.TranslatorContext;
import java.io.IOException;
import ai.djl.ndarray.types.DataType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One TorchScript module loaded through DJL's PyTorch engine, with a bounded pool of predictors (DJL predictors
 * are not thread-safe). NDArrays exist only inside a predictor call's own NDManager; plain Java arrays go in and
 * out.
 */
final class TorchModule implements AutoCloseable {

    private final String name;
    private final Model model;
    private final BlockingQueue<Predictor<Tensors[], Tensors>> pool;
    private final List<Predictor<Tensors[], Tensors>> all = new ArrayList<>();
    private final long waitMillis;

    private TorchModule(String name, Model model, int poolSize, long waitMillis) {
        this.name = name;
        this.model = model;
        this.waitMillis = waitMillis;
        this.pool = new ArrayBlockingQueue<>(poolSize);
        for (int i = 0; i < poolSize; i++) {
            Predictor<Tensors[], Tensors> p = model.newPredictor(new TensorTranslator());
            all.add(p);
            pool.add(p);
        }
    }

    static TorchModule load(Path file, Device device, int poolSize, long waitMillis)
            throws IOException, MalformedModelException {
        String fileName = file.getFileName().toString();
        Model model = Model.newInstance(fileName, device, "PyTorch");
        try {
            model.load(file, fileName.endsWith(".pt") ? fileName.substring(0, fileName.length() - 3) : fileName,
                    Map.of("mapLocation", "true"));
            return new TorchModule(fileName, model, poolSize, waitMillis);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    String name() {
        return name;
    }

    /**
     * Runs the module on an engine thread ({@link EngineThreads}); waits for its turn and for a free predictor at
     * most the configured time, else {@link EngineBusyException}.
     */
    Tensors run(Tensors... inputs) {
        return EngineThreads.shared().run(() -> predict(inputs), waitMillis);
    }

    private Tensors predict(Tensors[] inputs) {
        Predictor<Tensors[], Tensors> p;
        try {
            p = pool.poll(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineBusyException();
        }
        if (p == null) {
            throw new EngineBusyException();
        }
        try {
            return p.predict(inputs);
        } catch (TranslateException e) {
            throw new IllegalStateException(name + " failed: " + e.getMessage(), e);
        } finally {
            pool.add(p);
        }
    }

    @Override
    public void close() {
        all.forEach(Predictor::close);
        model.close();
    }

    /** A direct native-order ByteBuffer (DJL copies anything else into one first). */
    private static ByteBuffer direct(float[] data, boolean useScratch) {
        ByteBuffer b = buffer(data.length * 4, useScratch);
        b.asFloatBuffer().put(data);
        return b;
    }

    private static final int SCRATCH_MAX = 16 << 20;
    private static final int SCRATCH_MIN = 256 << 10;

    private static ByteBuffer buffer(int bytes, boolean useScratch) {
        return useScratch && bytes >= SCRATCH_MIN ? scratch(bytes)
                : ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
    }
    private static final ThreadLocal<ByteBuffer> SCRATCH = new ThreadLocal<>();

    /**
     * A direct buffer of exactly {@code bytes} (limit), reused per thread up to 16 MB: allocating a fresh direct
     * buffer per call made the JVM stall in System.gc() once direct memory filled up. Safe to reuse because the
     * tensors made from it live only inside one predictor call on this thread.
     */
    private static ByteBuffer scratch(int bytes) {
        if (bytes > SCRATCH_MAX) {
            return ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
        }
        ByteBuffer b = SCRATCH.get();
        if (b == null || b.capacity() < bytes) {
            b = ByteBuffer.allocateDirect(Math.max(bytes, 1 << 16)).order(ByteOrder.nativeOrder());
            SCRATCH.set(b);
        }
        b.clear();
        b.limit(bytes);
        return b.slice().order(ByteOrder.nativeOrder());
    }

    private static final class TensorTranslator implements NoBatchifyTranslator<Tensors[], Tensors> {

        @Override
        public NDList processInput(TranslatorContext ctx, Tensors[] inputs) {
            NDManager m = ctx.getNDManager();
            NDList list = new NDList(inputs.length);
            boolean scratchFree = true; // the per-thread scratch buffer backs at most one input of a call
            for (Tensors t : inputs) {
                Shape shape = new Shape(t.shape());
                if (t.isFloat()) {
                    list.add(m.create(direct(t.floats(), scratchFree && t.floats().length * 4 >= SCRATCH_MIN),
                            shape, DataType.FLOAT32));
                    scratchFree &= t.floats().length * 4 < SCRATCH_MIN;
                } else if (t.isBytes()) {
                    ByteBuffer b = buffer(t.bytes().length, scratchFree);
                    scratchFree = false;
                    b.put(t.bytes()).flip();
                    NDArray u8 = m.create(b, shape, DataType.UINT8);
                    if (t.bytesStayUint8()) {
                        list.add(u8);
                    } else {
                        try (u8) {
                            list.add(u8.toType(DataType.FLOAT32, false));
                        }
                    }
                } else {
                    list.add(m.create(LongBuffer.wrap(t.longs()), shape));
                }
            }
            return list;
        }

        @Override
        public Tensors processOutput(TranslatorContext ctx, NDList list) {
            NDArray out = list.get(0);
            return Tensors.of(out.toFloatArray(), out.getShape().getShape());
        }
    }
}
