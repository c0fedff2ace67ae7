"""Runs training/benchmark_python.py in this process, then adds (a) the peak RSS and (b) process CPU time per
operation (mean ms of CPU over all threads, less sensitive than wall time when other work shares the cores) and
(c) minor page faults per call.

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
_, _, _, ops = benchmark_python.operations(__import__("pathlib").Path(bundle), out["threads"],
                                           "%dx%d" % tuple(out["photo_hw"]))
reps = out["repeats"]
with torch.no_grad():
    out["cpu_image_embedding_b1_ms"] = cpu_ms(ops["emb"], reps, 3)
    out["cpu_four_views_ms"] = cpu_ms(ops["four"], reps, 3)
    out["cpu_nudge_strip_7x4_ms"] = cpu_ms(ops["strip"], reps, 3)


def faults_per_call(fn, repeats):
    fn(); fn()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    for _ in range(repeats):
        fn()
    return round((resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before) / repeats, 1)


with torch.no_grad():
    out["faults_image_embedding_b1"] = faults_per_call(ops["emb"], reps)
    out["faults_four_views"] = faults_per_call(ops["four"], reps)
    out["faults_nudge_strip_7x4"] = faults_per_call(ops["strip"], reps)
out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
print(json.dumps(out))
