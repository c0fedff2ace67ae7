#!/usr/bin/env bash
# Load through HAProxy on the local cluster (docker/local-cluster.sh): ClinicLoadBenchmark's virtual clinicians in
# real Chromium, while this script samples the load average and each node's resident memory (RSS from /proc) every
# 5 s. Prints the benchmark's JSON line and one line of machine figures. From the repository root, with the cluster
# started (IVP_CLINICIAN_PASSWORD as for the cluster) and target/test-classpath.txt written (see fault-drills.sh):
#
#   docker/cluster-load.sh USERS SECONDS        # e.g. 25 300 for the issue's five-minute level
#
# The same settings as local-cluster.sh (IVP_CLUSTER_DIR, IVP_LB_PORT).
set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/cluster-settings.sh"
USERS="${1:?usage: $0 USERS SECONDS}"
SECONDS_TO_RUN="${2:?usage: $0 USERS SECONDS}"
SAMPLES="$(mktemp)"

rss_mb() { # pid file -> MB, or - when the node does not run
  local pid
  pid="$(cat "$1" 2>/dev/null || true)"
  if [ -n "$pid" ] && [ -r "/proc/$pid/status" ]; then
    awk '/VmRSS/ {printf "%d", $2 / 1024}' "/proc/$pid/status"
  else
    echo -
  fi
}

(
  while :; do
    echo "$(cut -d' ' -f1 /proc/loadavg) $(rss_mb "$DIR/node1.pid") $(rss_mb "$DIR/node2.pid")" >> "$SAMPLES"
    sleep 5
  done
) &
SAMPLER=$!
trap 'kill "$SAMPLER" 2>/dev/null; rm -f "$SAMPLES"' EXIT

java -cp "$ROOT/target/test-classes:$ROOT/target/classes:$(cat "$ROOT/target/test-classpath.txt")" \
  com.ivpstudio.reliability.ClinicLoadBenchmark "http://localhost:$LB_PORT" "$USERS" "$SECONDS_TO_RUN" \
  clinician "${IVP_CLINICIAN_PASSWORD:?set IVP_CLINICIAN_PASSWORD}" 2> "$DIR/load-$USERS.err"

awk -v users="$USERS" '
  { n++; load += $1; if ($1 > maxload) maxload = $1
    if ($2 != "-" && $2 > rss1) rss1 = $2; if ($3 != "-" && $3 > rss2) rss2 = $3 }
  END { printf "{\"users\":%d,\"load_avg_mean\":%.1f,\"load_avg_max\":%.1f,\"node1_rss_max_mb\":%d,\"node2_rss_max_mb\":%d,\"samples\":%d}\n",
        users, load / n, maxload, rss1, rss2, n }' "$SAMPLES"
