"""Deterministic latent z from a seed (the app and the Java side implement the same algorithm).

SplitMix64 stream (state starts at ``seed`` as unsigned 64-bit):
    state += 0x9E3779B97F4A7C15
    x = state
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9
    x = (x ^ (x >> 27)) * 0x94D049BB133111EB
    x = x ^ (x >> 31)                      (all mod 2^64)
uniform double  u = (x >> 11) * 2^-53   in [0, 1)
Box–Muller per pair (u1, u2 drawn in this order):
    r = sqrt(-2 ln(1 - u1));  z[2k] = r cos(2 pi u2);  z[2k+1] = r sin(2 pi u2)
in float64, then cast to float32; an odd last element uses only the cosine value.
"""
import math
from typing import List

import numpy as np

M64 = (1 << 64) - 1


class SplitMix64:
    def __init__(self, seed: int):
        self.state = seed & M64

    def next_u64(self) -> int:
        self.state = (self.state + 0x9E3779B97F4A7C15) & M64
        x = self.state
        x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & M64
        x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & M64
        return x ^ (x >> 31)

    def next_double(self) -> float:
        return (self.next_u64() >> 11) * (1.0 / (1 << 53))


def z_from_seed(seed: int, z_dim: int) -> np.ndarray:
    rng = SplitMix64(seed)
    out: List[float] = []
    while len(out) < z_dim:
        u1 = rng.next_double()
        u2 = rng.next_double()
        r = math.sqrt(-2.0 * math.log(1.0 - u1))
        out.append(r * math.cos(2.0 * math.pi * u2))
        out.append(r * math.sin(2.0 * math.pi * u2))
    return np.asarray(out[:z_dim], dtype=np.float64).astype(np.float32)
