#!/usr/bin/env bash
# Trains the demo model on a GPU machine from a device pack (ivp_training/device_pack.py), within BUDGET
# seconds: the base phase (encoder, generator reconstruction) then one adversarial phase per reconstruction
# weight side by side. Weights land in $OUT as .npz; logs, loss histories and summaries in $OUT/small.tar.
#   usage (from the directory that holds training/ and pack/): OUT=... BUDGET=400 training/scripts/device_run.sh
set -u
S=$(date +%s)
DL=$((S + ${BUDGET:-400}))
WEIGHTS=${REC_WEIGHTS:-"20 5 1.5"}
W=${WORK:-/tmp/ivp-device-work}
P=${PACK:-$PWD/pack}
mkdir -p "$W" "$OUT"
export PYTHONUNBUFFERED=1
cd training
nvidia-smi -L 2>/dev/null | tee "$W/gpu.txt"
T="python3 -m ivp_training.device_train --pack $P --config ${CONFIG:-configs/demo.json} --work $W --out $OUT --deadline $DL"
$T --phase base
for w in $WEIGHTS; do
  $T --phase adversarial --rec-weight "$w" --tag "rec${w/./_}" &
done
wait
(cd "$W" && tar cf "$OUT/small.tar" *.json *.log gpu.txt)
echo "device run finished after $(( $(date +%s) - S )) s"
