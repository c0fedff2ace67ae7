"""Runs training/benchmark_python.py in this process, then adds the peak RSS (kB) to its JSON.

    /usr/bin/python3 src/test/resources/inference/python_benchmark_rss.py <training dir> <bundle> [benchmark args]

Used by InferenceBenchmark (Java) so that both sides report peak memory the same way (VmHWM / ru_maxrss).
"""
import contextlib
import io
import json
import resource
import sys

training, bundle, rest = sys.argv[1], sys.argv[2], sys.argv[3:]
sys.path.insert(0, training)
import benchmark_python  # noqa: E402

buf = io.StringIO()
with contextlib.redirect_stdout(buf):
    benchmark_python.main([bundle] + rest)
out = json.loads(buf.getvalue().strip().splitlines()[-1])
out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
print(json.dumps(out))
