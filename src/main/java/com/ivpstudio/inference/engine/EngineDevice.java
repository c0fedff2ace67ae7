package com.ivpstudio.inference.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Chooses the device once: the GPU when DJL's PyTorch engine sees one, else the CPU (logged). */
public final class EngineDevice {

    private static final Logger log = LoggerFactory.getLogger(EngineDevice.class);
    private static volatile Device device;

    private EngineDevice() {
    }

    /**
     * @param preference "auto", "cpu" or "gpu"
     * @param threads    intra-op threads for the CPU (0 = libtorch's default)
     * @param engineThreads concurrent forward passes (0 = one on a CPU, two on a GPU)
     */
    public static synchronized Device choose(String preference, int threads, int engineThreads) {
        if (device != null) {
            return device;
        }
        NativeAllocatorTuning.apply(); // before libtorch's first allocation
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        Engine engine = Engine.getEngine("PyTorch");
        int gpus = engine.getGpuCount();
        Device chosen = switch (preference == null ? "auto" : preference) {
            case "cpu" -> Device.cpu();
            case "gpu" -> {
                if (gpus == 0) {
                    throw new IllegalStateException("ivp.inference.device()=gpu but DJL sees no GPU");
                }
                yield Device.gpu();
            }
            default -> gpus > 0 ? Device.gpu() : Device.cpu();
        };
        if (threads > 0) {
            JniUtils.setNumThreads(threads);
        }
        EngineThreads started = EngineThreads.start(engineThreads > 0 ? engineThreads : chosen.isGpu() ? 2 : 1,
                threads);
        log.info("Inference device: {} (PyTorch {} via DJL {}, GPUs visible: {}, intra-op threads: {}, engine "
                        + "threads: {})", chosen.isGpu() ? "GPU " + chosen : "CPU", engine.getVersion(),
                Engine.getDjlVersion(), gpus, JniUtils.getNumThreads(), started.count());
        device = chosen;
        return chosen;
    }
}
