#!/usr/bin/env bash
# Prepares DEVRUN for device_continue.sh from the shipped demo bundle, on this machine: phantom data (if missing),
# the WebP pack, the training forms recovered from the bundle, optionally an encoder refreshed on more phantom
# patients (REFRESH_STEPS > 0; about 2.5 s a step on 2 cores, resumable), the runs file and the code. Prints what
# will travel, against the 64 MiB a device call carries (the repository's tracked files count too: set models/
# and docs/images aside for the call, as training/README says).
#   usage (from training/): scripts/prepare_device_continue.sh DEVRUN [REFRESH_STEPS]
set -euo pipefail
D=$(realpath -m "${1:?usage: scripts/prepare_device_continue.sh DEVRUN [REFRESH_STEPS]}")
STEPS=${2:-0}
PY=/usr/bin/python3
CFG=configs/demo.json
$PY -m ivp_training.pipeline --config $CFG --data-only
$PY -m ivp_training.device_pack --cache work/demo/data/main-cache --out "$D/pack" --max-mb 38
$PY -m ivp_training.training_form --bundle ../models/demo --config $CFG --out "$D/start"
cp "$D/start/tokenizer.json" "$D/pack/"
if [ "$STEPS" -gt 0 ]; then
  $PY -m ivp_training.encoder_refresh --config $CFG --start "$D/start" --steps "$STEPS"
fi
{
  echo 'c10m {"rec_weight": 10, "batch": 64, "mismatch_weight": 1}'
  if [ -f "$D/start/encoder-refreshed.npz" ]; then
    echo 'c10r {"rec_weight": 10, "batch": 64, "mismatch_weight": 1, "encoder": "encoder-refreshed.npz"}'
  else
    echo 'c5m {"rec_weight": 5, "batch": 64, "mismatch_weight": 1}'
  fi
} > "$D/runs.txt"
rm -rf "$D/training" && mkdir -p "$D/training"
cp -r ivp_training configs scripts "$D/training/"
find "$D/training" -name __pycache__ -prune -exec rm -rf {} +
echo "runs:"; cat "$D/runs.txt"
echo "travels: $(du -sm "$D" | cut -f1) MiB in $D, plus the tracked files outside models/ and docs/images:" \
  "$(cd .. && git ls-files -z -- . ':!models' ':!docs/images' | xargs -0 du -cm 2>/dev/null | tail -1 | cut -f1) MiB (limit 64)"
