"""IVP Studio demo-model training: small CLIP-like encoder + view-conditional StyleGAN2-style generator."""
__version__ = "0.1.0"

import os as _os

# Busy-waiting OpenMP threads are catastrophic on a shared, oversubscribed CPU (measured 10x slower);
# must be set before torch (libgomp) is loaded.
_os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
