"""Lets glibc's malloc keep the memory a training step frees, for the next step.

Why: by default glibc serves blocks above its mmap threshold (128 KB at first, adapting up to 32 MB) with fresh
mmaps and gives freed memory at the top of its heap back to the kernel, so the activations and gradients of every
training step arrive as fresh pages the kernel must fault in and zero. Measured on 2 cores (torch 1.13, glibc
2.36, batch 16): half of an adversarial run's CPU time went to the kernel (top: 50 % sys, 0.12 steps/s); with the
thresholds raised, CPU seconds per step fell from 9.6 to 2.3 (encoder), 11.3 to 3.7 (generator) and 17.6 to 5.3
(adversarial), as scripts/profile_cpu_steps.py measures each phase both ways. Training runs on the main thread, whose heap can grow past 32 MB, so the mmap
threshold goes well beyond glibc's adaptive ceiling; the memory kept is bounded by the trim threshold. The Java side
raises the same two thresholds for inference (com.ivpstudio.inference.engine.NativeAllocatorTuning), capped at 32 MB
there because its forward passes run in secondary arenas, whose heaps are at most 64 MB.
"""
from __future__ import annotations

import ctypes
import ctypes.util

M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3  # glibc's mallopt parameters (malloc.h)
MMAP_THRESHOLD_MB = 1024  # glibc 2.36 accepts it for the main arena
TRIM_THRESHOLD_MB = 1024

_applied = False


def keep_freed_memory() -> bool:
    """Raises glibc's mmap and trim thresholds once per process; False where there is no glibc (another C library
    or OS: training is slower there, nothing else)."""
    global _applied
    if _applied:
        return True
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
        mallopt = libc.mallopt if libc is not None else None
    except (OSError, AttributeError):
        mallopt = None
    if mallopt is None:
        return False
    _applied = (mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_MB << 20) == 1
                and mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD_MB << 20) == 1)
    return _applied
