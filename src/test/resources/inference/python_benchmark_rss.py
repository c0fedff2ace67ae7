"""Runs training/benchmark_python.py in this process, then adds (a) the peak RSS and (b) process CPU time per
operation (mean ms of CPU over all threads, less sensitive than wall time when other work shares the cores).

    /usr/bin/python3 src/test/resources/inference/python_benchmark_rss.py <training dir> <bundle> [benchmark args]

Used by InferenceBenchmark (Java), which measures its own process CPU time the same way.
"""
import contextlib
import io
import json
import resource
import sys
import time

import torch

training, bundle, rest = sys.argv[1], sys.argv[2], sys.argv[3:]
sys.path.insert(0, training)
import benchmark_python  # noqa: E402

buf = io.StringIO()
with contextlib.redirect_stdout(buf):
    benchmark_python.main([bundle] + rest)
out = json.loads(buf.getvalue().strip().splitlines()[-1])


def cpu_ms(fn, repeats, warmup):
    for _ in range(warmup):
        fn()
    t = time.process_time()
    for _ in range(repeats):
        fn()
    return round((time.process_time() - t) * 1000 / repeats, 3)


# the same three operations as benchmark_python.py, timed in process CPU time
m = json.loads((__import__("pathlib").Path(bundle) / "manifest.json").read_text())
load = lambda f: torch.jit.load(str(__import__("pathlib").Path(bundle) / f), map_location="cpu").eval()
img_enc, mapping, synth = load(m["encoder"]["file"]), load(m["generator"]["mapping_file"]), load(m["generator"]["synthesis_file"])
g = m["generator"]
H, W = out["photo_hw"]
gen = torch.Generator().manual_seed(0)
photo = torch.randint(0, 256, (1, 3, H, W), generator=gen).float()
V = 4
psi = torch.tensor([float(g["default_psi"])])
z = torch.randn(1, g["z_dim"], generator=gen)
reps = out["repeats"]
with torch.no_grad():
    kappa = img_enc(photo)
    kb, ka = kappa * 0.9, kappa * 1.1
    four = lambda: synth(mapping(torch.eye(V), kappa.expand(V, -1), z.expand(V, -1), psi))

    def strip():
        alphas = torch.linspace(-1.5, 1.5, 7)
        k = (kappa + alphas.view(7, 1) * (ka - kb)).repeat_interleave(V, 0)
        return synth(mapping(torch.eye(V).repeat(7, 1), k, z.expand(7 * V, -1), psi))

    out["cpu_image_embedding_b1_ms"] = cpu_ms(lambda: img_enc(photo), reps, 3)
    out["cpu_four_views_ms"] = cpu_ms(four, reps, 3)
    out["cpu_nudge_strip_7x4_ms"] = cpu_ms(strip, reps, 3)
out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
print(json.dumps(out))
