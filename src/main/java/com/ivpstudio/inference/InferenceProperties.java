package com.ivpstudio.inference;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code ivp.inference.*} settings (see application.properties). {@code ivp.models.demo-bundle} is read by
 * {@link InferenceConfiguration}.
 *
 * @param device              auto (GPU when DJL sees one), cpu or gpu
 * @param threads             libtorch intra-op threads (0 = libtorch default: one per core)
 * @param engineThreads       concurrent forward passes, i.e. engine threads (0 = one on a CPU, two on a GPU)
 * @param engineWaitMs        longest a forward pass waits for its turn on an engine thread before answering "busy"
 * @param workers             generator batch workers
 * @param maxBatch            most images per generator forward pass
 * @param maxDelayMicros      longest a job waits for other jobs to share its batch (only when others are active)
 * @param queueCapacity       generator jobs queued at most; more → EngineBusyException
 * @param requestTimeoutMs    longest an operation waits for its batch result before answering "busy"
 * @param imageEmbeddingCache image embeddings kept in memory
 * @param textEmbeddingCache  text embeddings kept in memory
 * @param imageCacheBytes     bytes of generated PNGs kept in memory
 * @param latencyWindow       operations kept per kind for the latency percentiles
 */
@ConfigurationProperties("ivp.inference")
public record InferenceProperties(String device, int threads, int engineThreads, long engineWaitMs,
        int workers, int maxBatch, long maxDelayMicros, int queueCapacity, long requestTimeoutMs,
        long imageEmbeddingCache, long textEmbeddingCache, long imageCacheBytes, int latencyWindow) {

    public InferenceProperties {
        device = device == null || device.isBlank() ? "auto" : device;
        engineThreads = Math.max(0, engineThreads);
        engineWaitMs = engineWaitMs <= 0 ? 10_000 : engineWaitMs;
        workers = workers <= 0 ? 1 : workers;
        maxBatch = maxBatch <= 0 ? 32 : maxBatch;
        maxDelayMicros = maxDelayMicros < 0 ? 2_000 : maxDelayMicros;
        queueCapacity = queueCapacity <= 0 ? 64 : queueCapacity;
        requestTimeoutMs = requestTimeoutMs <= 0 ? 60_000 : requestTimeoutMs;
        imageEmbeddingCache = imageEmbeddingCache <= 0 ? 10_000 : imageEmbeddingCache;
        textEmbeddingCache = textEmbeddingCache <= 0 ? 2_000 : textEmbeddingCache;
        imageCacheBytes = imageCacheBytes <= 0 ? 64L << 20 : imageCacheBytes;
        latencyWindow = latencyWindow <= 0 ? 512 : latencyWindow;
    }

    public static InferenceProperties defaults() {
        return new InferenceProperties("auto", 0, 0, 10_000, 1, 32, 2_000, 64, 60_000, 10_000, 2_000, 64L << 20, 512);
    }
}
