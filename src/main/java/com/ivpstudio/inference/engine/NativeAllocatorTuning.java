package com.ivpstudio.inference.engine;

import com.sun.jna.Library;
import com.sun.jna.Native;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets glibc's malloc keep the buffers libtorch allocates and frees on every forward pass.
 *
 * <p>Why: forward passes run on an engine thread, so their tensors come from one of glibc's secondary malloc
 * arenas, and glibc hands freed memory at the top of such an arena back to the kernel (and serves large blocks
 * with fresh {@code mmap}s) — every activation tensor of the next pass then arrives as untouched pages that the
 * kernel must fault in and zero. Measured with the demo bundle: 1,311 page faults per four-view synthesis call and
 * 4.1 per image embedding, against 0 in Python (whose main-thread arena keeps its memory); with the thresholds
 * raised 4.6 and 0.4. Raising the mmap threshold to glibc's maximum (32 MB) serves those blocks from the arena,
 * and raising the trim threshold keeps freed memory for the next call. The cost is memory that stays resident
 * after a large batch, bounded by the trim threshold per arena.
 */
final class NativeAllocatorTuning {

    private static final Logger log = LoggerFactory.getLogger(NativeAllocatorTuning.class);

    /** glibc's mallopt parameters (malloc.h); 32 MB is the largest mmap threshold glibc accepts on 64-bit. */
    private static final int M_TRIM_THRESHOLD = -1;
    private static final int M_MMAP_THRESHOLD = -3;
    static final int MMAP_THRESHOLD_MB = 32;
    static final int TRIM_THRESHOLD_MB = 256;

    private static boolean applied;

    private NativeAllocatorTuning() {
    }

    private interface LibC extends Library {
        int mallopt(int param, int value);
    }

    /**
     * Raises glibc's mmap and trim thresholds once per process (later calls only answer); false where there is no
     * glibc (another C library or OS), which costs speed, nothing else.
     */
    static synchronized boolean apply() {
        if (applied) {
            return true;
        }
        try {
            LibC c = Native.load("c", LibC.class);
            applied = c.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_MB << 20) == 1
                    && c.mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD_MB << 20) == 1;
            if (applied) {
                log.info("Native allocator: blocks up to {} MB from the malloc arenas, up to {} MB kept between "
                        + "forward passes", MMAP_THRESHOLD_MB, TRIM_THRESHOLD_MB);
            } else {
                log.info("Native allocator: mallopt refused the thresholds; glibc's defaults stay");
            }
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            log.info("Native allocator: no glibc mallopt here ({}); defaults stay", e.getMessage());
        }
        return applied;
    }
}
