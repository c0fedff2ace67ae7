#!/usr/bin/env bash
# Continues the adversarial phase on a GPU machine from weights an earlier device run returned, within BUDGET
# seconds: one run per line of RUNS ("tag JSON-overrides"), side by side on the same GPU. Weights land in $OUT
# as .npz; logs, loss histories and summaries in $OUT/small.tar.
#   usage (from the directory that holds training/, with START holding encoder.npz and generator.npz):
#   OUT=... BUDGET=420 PACK=... START=... RUNS=runs.txt training/scripts/device_continue.sh
set -u
S=$(date +%s)
DL=$((S + ${BUDGET:-400}))
W=${WORK:-/tmp/ivp-device-work}
mkdir -p "$W" "$OUT"
export PYTHONUNBUFFERED=1
RUNS=$(realpath "$RUNS")
cd training
nvidia-smi -L 2>/dev/null | tee "$W/gpu.txt"
while read -r tag settings; do
  [ -z "$tag" ] && continue
  python3 -m ivp_training.device_train --pack "$PACK" --config "${CONFIG:-configs/demo.json}" --work "$W" \
    --out "$OUT" --deadline "$DL" --phase continue --start-encoder "$START/encoder.npz" \
    --start-generator "$START/generator.npz" --tag "$tag" --set "$settings" &
done < "$RUNS"
wait
(cd "$W" && tar cf "$OUT/small.tar" *.json *.log gpu.txt)
echo "device run finished after $(( $(date +%s) - S )) s"
