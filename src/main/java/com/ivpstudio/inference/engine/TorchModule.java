package com.ivpstudio.inference.engine;

import com.ivpstudio.inference.EngineBusyException;
import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * One TorchScript module loaded through DJL's PyTorch engine. Plain Java arrays go in and out; NDArrays exist only
 * inside one call's own NDManager.
 *
 * <p>Calls run on the engine threads ({@link EngineThreads}), which bound how many forward passes run at once and
 * answer "busy" when a caller waited too long. The module's block is called directly, not through DJL predictors
 * (which are not thread-safe and would need a pool): a predictor adds a context, a translator and a manager per
 * call and nothing this module needs — measured at 10 % of an image embedding.
 */
public final class TorchModule implements AutoCloseable {

    private final String name;
    private final Model model;
    private final Block block;
    private final ParameterStore parameters;
    private final long waitMillis;

    private TorchModule(String name, Model model, long waitMillis) {
        this.name = name;
        this.model = model;
        this.block = model.getBlock();
        this.parameters = new ParameterStore(model.getNDManager(), false);
        this.waitMillis = waitMillis;
    }

    public static TorchModule load(Path file, Device device, long waitMillis) throws IOException, MalformedModelException {
        String fileName = file.getFileName().toString();
        Model model = Model.newInstance(fileName, device, "PyTorch");
        try {
            model.load(file, fileName.endsWith(".pt") ? fileName.substring(0, fileName.length() - 3) : fileName,
                    Map.of("mapLocation", "true"));
            return new TorchModule(fileName, model, waitMillis);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    public String name() {
        return name;
    }

    /**
     * Runs the module on an engine thread; waits for its turn at most the configured time, else
     * {@link EngineBusyException}. Returns the first output.
     */
    public Tensors run(Tensors... inputs) {
        return EngineThreads.shared().run(() -> forward(inputs), waitMillis);
    }

    private Tensors forward(Tensors[] inputs) {
        try (NDManager call = model.getNDManager().newSubManager()) {
            NDList out = block.forward(parameters, toNd(call, inputs), false);
            call.attachAll(out);
            NDArray first = out.get(0);
            return Tensors.of(first.toFloatArray(), first.getShape().getShape());
        } catch (RuntimeException e) {
            throw new IllegalStateException(name + " failed: " + e.getMessage(), e);
        }
    }

    /** The inputs as NDArrays of this call, their data in this thread's scratch buffer ({@link InputScratch}). */
    private static NDList toNd(NDManager call, Tensors[] inputs) {
        InputScratch.Slices slices = InputScratch.forThisThread(inputs);
        NDList list = new NDList(inputs.length);
        for (int i = 0; i < inputs.length; i++) {
            Tensors t = inputs[i];
            Shape shape = new Shape(t.shape());
            if (t.isFloat()) {
                list.add(call.create(slices.floats(i, t.floats()), shape, DataType.FLOAT32));
            } else if (t.isBytes()) {
                NDArray bytes = call.create(slices.bytes(i, t.bytes()), shape, DataType.UINT8);
                list.add(t.bytesStayUint8() ? bytes : bytes.toType(DataType.FLOAT32, false));
            } else {
                list.add(call.create(slices.longs(i, t.longs()), shape, DataType.INT64));
            }
        }
        return list;
    }

    @Override
    public void close() {
        model.close();
    }
}
