#!/usr/bin/env bash
# Fault drills against the local cluster (docker/local-cluster.sh: one PostgreSQL, two nodes, HAProxy). Each drill
# causes one fault, acts as a user in real Chromium (com.ivpstudio.reliability.DrillClinician) and prints what the
# user saw and what the database and the nodes' disks hold afterwards. From the repository root, as root (the disk
# drill mounts a small tmpfs), with the cluster started and the test classes compiled:
#
#   ./mvnw -B -o -q -DskipPrerequisites test-compile dependency:build-classpath \
#       -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
#   IVP_CLINICIAN_PASSWORD=... IVP_ADMIN_PASSWORD=... docker/local-cluster.sh start
#   IVP_CLINICIAN_PASSWORD=... IVP_ADMIN_PASSWORD=... docker/fault-drills.sh [postgres] [kill-node] [corrupt-bundle]
#       [disk-full] [activation]        (no argument: all five, in that order)
#
# The same settings as local-cluster.sh (IVP_CLUSTER_DIR, IVP_LB_PORT, IVP_NODE_PORTS, IVP_PG_PORT).
set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/cluster-settings.sh"
CLINICIAN_PASSWORD="${IVP_CLINICIAN_PASSWORD:?set IVP_CLINICIAN_PASSWORD (the cluster was started with it)}"
ADMIN_PASSWORD="${IVP_ADMIN_PASSWORD:-$(cat "$DIR/admin-password" 2>/dev/null || true)}"
WORK="$DIR/drills"
CLASSPATH_FILE="$ROOT/target/test-classpath.txt"
CLUSTER="$ROOT/docker/local-cluster.sh"

mkdir -p "$WORK"
[ -f "$CLASSPATH_FILE" ] || { echo "missing $CLASSPATH_FILE (see the header of this script)" >&2; exit 1; }

say() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }
result() { printf '[%s] RESULT %s\n' "$(date -u +%H:%M:%S)" "$*"; }

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || echo "$DIR/pg-binaries/bin"; }
sql() { PGPASSWORD="$(cat "$DIR/db-password")" "$(pg_bin)/psql" -h 127.0.0.1 -p "$PG_PORT" -U ivp -d ivp -tAqc "$1"; }
as_pg() { if id postgres >/dev/null 2>&1; then runuser -u postgres -- "$@"; else runuser -u nobody -- "$@"; fi; }
readiness() { curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$1/actuator/health/readiness" || true; }
node_pid() { cat "$DIR/node$1.pid"; }

# ---------------------------------------------------------------------------------------------------- users

declare -A IN_FD
# start_user NAME PORT: a DrillClinician in its own Chromium, talking to PORT (HAProxy or one node)
start_user() {
  local name="$1" port="$2" fd
  rm -f "$WORK/$name.in" "$WORK/$name.out"
  mkfifo "$WORK/$name.in"
  : > "$WORK/$name.out"
  java -cp "$ROOT/target/test-classes:$ROOT/target/classes:$(cat "$CLASSPATH_FILE")" \
    com.ivpstudio.reliability.DrillClinician "$port" < "$WORK/$name.in" > "$WORK/$name.out" 2> "$WORK/$name.err" &
  exec {fd}> "$WORK/$name.in"
  IN_FD[$name]=$fd
}

# ask NAME COMMAND...: sends one command, prints the answer line (waits at most 5 minutes)
ask() {
  local name="$1" n deadline=$((SECONDS + 300))
  shift
  n=$(wc -l < "$WORK/$name.out")
  echo "$*" >&"${IN_FD[$name]}"
  until [ "$(wc -l < "$WORK/$name.out")" -gt "$n" ]; do
    [ $SECONDS -lt $deadline ] || { echo "FAIL $1 no answer within 300 s"; return; }
    sleep 0.3
  done
  sed -n "$((n + 1))p" "$WORK/$name.out"
}

stop_user() {
  local fd="${IN_FD[$1]}"
  echo quit >&"$fd" || true
  exec {fd}>&-
  unset "IN_FD[$1]"
}

wait_ready() {
  local port="$1" deadline=$((SECONDS + ${2:-300}))
  until [ "$(readiness "$port")" = 200 ]; do
    [ $SECONDS -lt $deadline ] || return 1
    sleep 1
  done
}

photo_counts() {
  sql "SELECT count(*) || ' photos, ' || (SELECT count(*) FROM photo p LEFT JOIN photo_content c ON c.photo_id = p.id
       WHERE c.photo_id IS NULL) || ' without content' FROM photo"
}

make_photo() { # FILE WIDTH: a noisy JPEG (large files for a slow upload)
  [ -f "$1" ] || /usr/bin/python3 -c "
import sys, os
from PIL import Image
w = int(sys.argv[2]); Image.frombytes('RGB', (w, w * 3 // 4), os.urandom(w * (w * 3 // 4) * 3)).save(sys.argv[1], quality=97)" "$1" "$2"
}

make_bundle() { # ZIP VERSION PSI: the tiny test bundle with its own identity (and default psi)
  /usr/bin/python3 - "$ROOT/src/test/resources/inference/tiny-bundle" "$1" "$2" "$3" <<'EOF'
import json, os, sys, zipfile
src, out, version, psi = sys.argv[1:]
with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
    for base, _, files in os.walk(src):
        for f in sorted(files):
            p = os.path.join(base, f); rel = os.path.relpath(p, src)
            data = open(p, 'rb').read()
            if rel == 'manifest.json':
                m = json.loads(data); m['version'] = version; m['name'] = 'drill model ' + version
                m['generator']['default_psi'] = float(psi); data = json.dumps(m, indent=2).encode()
            z.writestr(rel, data)
EOF
}

# ---------------------------------------------------------------------------------------------------- drills

drill_postgres() {
  say "== PostgreSQL stopped for 30 s mid-session"
  start_user pg "$LB_PORT"
  say "sign in: $(ask pg signin clinician "$CLINICIAN_PASSWORD")"
  say "case 1 before: $(ask pg views 1)"
  local before_cases
  before_cases="$(sql "SELECT count(*) FROM patient_case") cases, $(photo_counts), $(sql "SELECT count(*) FROM audit_event") audit events"
  as_pg "$(pg_bin)/pg_ctl" -D "$DIR/postgres" -m fast -w stop >/dev/null
  local t0=$SECONDS
  say "PostgreSQL stopped"
  sleep 4
  say "readiness during the outage: node1 $(readiness "${NODE_PORTS[0]}"), node2 $(readiness "${NODE_PORTS[1]}")"
  # the click during the outage is not awaited here: the outage lasts 30 s whatever the page does meanwhile
  local n_out
  n_out=$(wc -l < "$WORK/pg.out")
  echo "views 2" >&"${IN_FD[pg]}"
  curl -s -o /dev/null -w '%{http_code} in %{time_total} s' --max-time 60 \
    "http://127.0.0.1:${NODE_PORTS[0]}/actuator/health/readiness" > "$WORK/readiness-timing" 2>/dev/null &
  while [ $((SECONDS - t0)) -lt 30 ]; do sleep 1; done
  say "node1 readiness asked during the outage answered: $(cat "$WORK/readiness-timing")"
  touch "$DIR/postgres.log"
  as_pg "$(pg_bin)/pg_ctl" -D "$DIR/postgres" -l "$DIR/postgres.log" -w -t 60 \
    -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -k /tmp" start >/dev/null
  local t1=$SECONDS
  say "PostgreSQL started again after $((t1 - t0)) s"
  wait_ready "${NODE_PORTS[0]}" 120 && wait_ready "${NODE_PORTS[1]}" 120 \
    && say "both nodes ready again $((SECONDS - t1)) s after PostgreSQL came back (no node restarted)"
  until [ "$(wc -l < "$WORK/pg.out")" -gt "$n_out" ]; do sleep 0.5; done
  say "case 2, clicked during the outage: $(sed -n "$((n_out + 1))p" "$WORK/pg.out")"
  say "screenshot: $(ask pg shot drill-postgres-outage)"
  local after
  after="$(ask pg views 3)"
  say "case 3 after (same browser session): $after"
  local after_cases
  after_cases="$(sql "SELECT count(*) FROM patient_case") cases, $(photo_counts), $(sql "SELECT count(*) FROM audit_event") audit events"
  say "database before: $before_cases; after: $after_cases"
  stop_user pg
  result "postgres: next action $(echo "$after" | cut -d' ' -f1), node pids unchanged: $(node_pid 1) $(node_pid 2)"
}

drill_kill_node() {
  say "== one node killed (kill -9) with a signed-in user on it and a photo upload in flight"
  local photo="$WORK/large.jpg"
  make_photo "$photo" 3000
  start_user victim "$LB_PORT"
  local signin node port n
  signin="$(ask victim signin clinician "$CLINICIAN_PASSWORD")"
  node="$(echo "$signin" | sed -n 's/.*node=\(node[0-9]\).*/\1/p')"
  n="${node#node}"
  port="${NODE_PORTS[$((n - 1))]}"
  say "signed in on $node: $signin"
  say "case 4: $(ask victim views 4)"
  # a second user uploads straight to the same node, so that an upload is in flight when it dies
  start_user uploader "$port"
  say "uploader sign in on $node: $(ask uploader signin clinician "$CLINICIAN_PASSWORD")"
  local before
  before="$(photo_counts)"
  say "before: $before; photo size $(stat -c %s "$photo") bytes"
  local n_out
  n_out=$(wc -l < "$WORK/uploader.out")
  echo "photo 4 $photo" >&"${IN_FD[uploader]}"
  sleep "${IVP_DRILL_KILL_AFTER:-1.5}"
  kill -KILL "$(node_pid "$n")"
  say "$node killed (kill -9) $(date -u +%T.%N | cut -c1-12)"
  sleep 6
  say "uploader saw: $(sed -n "$((n_out + 1))p" "$WORK/uploader.out" || true)"
  say "victim's next click (case 5): $(ask victim views 5)"
  ask victim shot drill-kill-after >/dev/null
  local again
  again="$(ask victim signin clinician "$CLINICIAN_PASSWORD")"
  say "victim signs in again: $again"
  say "victim case 5: $(ask victim views 5)"
  local after
  after="$(photo_counts)"
  say "photos before: $before; after: $after"
  sql "SELECT 'photo ' || p.id || ' case ' || p.case_id || ' sha ' || left(p.sha256, 12) || ' bytes ' || p.byte_size
       || ' content ' || coalesce(length(c.image), -1) FROM photo p LEFT JOIN photo_content c ON c.photo_id = p.id
       WHERE p.case_id = 4 ORDER BY p.id" | while read -r l; do say "  $l"; done
  stop_user uploader
  stop_user victim
  say "restarting $node"
  "$CLUSTER" start >/dev/null
  result "kill-node: user moved from $node to $(echo "$again" | sed -n 's/.*node=\(node[0-9]\).*/\1/p'); photos $before -> $after"
}

drill_corrupt_bundle() {
  say "== the active bundle's file corrupted on node1's disk"
  local sha dir file good bad now deadline
  sha="$(sql "SELECT manifest_sha256 FROM model_bundle WHERE status = 'ACTIVE'")"
  dir="$DIR/node1/data/models/$sha"
  file="$(find "$dir" -type f -name '*.pt' -printf '%s %p\n' | sort -n | tail -1 | cut -d' ' -f2)"
  good="$(sha256sum "$file" | cut -c1-64)"
  printf '\x5a\x5a\x5a\x5a' | dd of="$file" bs=1 seek=$(( $(stat -c %s "$file") / 2 )) conv=notrunc status=none
  bad="$(sha256sum "$file" | cut -c1-64)"
  say "corrupted $(basename "$file"): sha256 ${good:0:12} -> ${bad:0:12}"
  local t0=$SECONDS
  deadline=$((SECONDS + 60))
  while :; do
    now="$(sha256sum "$file" 2>/dev/null | cut -c1-64 || true)"
    [ "$now" = "$good" ] && break
    [ $SECONDS -lt $deadline ] || break
    sleep 1
  done
  say "node1 log: $(grep -a 'no longer matches\|Materialised model bundle' "$DIR/node1.log" | tail -2 | sed 's/^.*\(WARN\|INFO\)/\1/' | tr '\n' '|')"
  start_user checker "${NODE_PORTS[0]}"
  ask checker signin clinician "$CLINICIAN_PASSWORD" >/dev/null
  local views
  views="$(ask checker views 6)"
  say "case 6 on node1 afterwards: $views"
  stop_user checker
  if [ "$now" = "$good" ]; then
    result "corrupt-bundle: restored to the right sha256 after $((SECONDS - t0)) s; views $(echo "$views" | cut -d' ' -f1)"
  else
    result "corrupt-bundle: NOT restored within 60 s"
  fi
}

# node2's home (its data and temp folder) on a small tmpfs that a filler file then fills
disk_on_tmpfs() {
  local home="$DIR/node2"
  if ! mountpoint -q "$home"; then
    say "moving node2 onto a 64 MiB tmpfs (stop, mount, start)"
    kill -TERM "$(node_pid 2)"
    while kill -0 "$(node_pid 2)" 2>/dev/null; do sleep 1; done
    rm -f "$DIR/node2.pid"
    rm -rf "$home" && mkdir -p "$home"
    mount -t tmpfs -o size=64m tmpfs "$home"
    "$CLUSTER" start >/dev/null
  fi
}

drill_disk_full() {
  say "== disk full on node2 during a photo upload and during a bundle upload"
  disk_on_tmpfs
  local home="$DIR/node2" photo="$WORK/medium.jpg" bundle="$WORK/drill-full.zip"
  make_photo "$photo" 1600
  make_bundle "$bundle" "9.0.$(date +%s)" 0.7
  start_user full "${NODE_PORTS[1]}"
  say "sign in on node2: $(ask full signin admin "$ADMIN_PASSWORD")"
  dd if=/dev/zero of="$home/filler" bs=1M status=none 2>/dev/null || true
  say "node2's disk: $(df -h --output=size,used,avail "$home" | tail -1)"
  find "$home" -type f ! -name filler | sort > "$WORK/files-before"
  local photos_before bundles_before
  photos_before="$(photo_counts)"
  bundles_before="$(sql "SELECT count(*) FROM model_bundle") bundles, $(sql "SELECT count(*) FROM model_bundle_chunk") chunks"
  say "photo upload: $(ask full photo 7 "$photo")"
  ask full shot drill-disk-full-photo >/dev/null
  say "bundle upload: $(ask full bundle "$bundle")"
  ask full shot drill-disk-full-bundle >/dev/null
  find "$home" -type f ! -name filler | sort > "$WORK/files-after"
  say "photos before: $photos_before; after: $(photo_counts)"
  say "bundles before: $bundles_before; after: $(sql "SELECT count(*) FROM model_bundle") bundles, $(sql "SELECT count(*) FROM model_bundle_chunk") chunks"
  say "files left on node2's disk by the uploads: $(comm -13 "$WORK/files-before" "$WORK/files-after" | wc -l) $(comm -13 "$WORK/files-before" "$WORK/files-after" | head -3 | tr '\n' ' ')"
  rm -f "$home/filler"
  say "disk freed: the same bundle again: $(ask full bundle "$bundle")"
  stop_user full
  result "disk-full: see the two upload lines above"
}

drill_activation() {
  say "== activation during load (two models, no mixed outputs)"
  local a="$WORK/drill-a.zip" b="$WORK/drill-b.zip" stamp id_a id_b demo
  stamp="$(date +%s)"
  make_bundle "$a" "8.1.$stamp" 1.0
  make_bundle "$b" "8.2.$stamp" 0.5
  demo="$(sql "SELECT id FROM model_bundle WHERE status = 'ACTIVE'")"
  start_user admin "$LB_PORT"
  say "admin: $(ask admin signin admin "$ADMIN_PASSWORD")"
  say "upload A: $(ask admin bundle "$a")"
  say "upload B: $(ask admin bundle "$b")"
  id_a="$(sql "SELECT id FROM model_bundle WHERE version = '8.1.$stamp'")"
  id_b="$(sql "SELECT id FROM model_bundle WHERE version = '8.2.$stamp'")"
  start_user n1 "${NODE_PORTS[0]}"
  start_user n2 "${NODE_PORTS[1]}"
  ask n1 signin clinician "$CLINICIAN_PASSWORD" >/dev/null
  ask n2 signin clinician "$CLINICIAN_PASSWORD" >/dev/null
  local fa fb
  ask admin activate "$id_a" >/dev/null
  sleep 20
  fa="$(ask n1 views 1 | sed -n 's/.*views=//p')"
  say "model A on node1: $fa; node2: $(ask n2 views 1 | sed -n 's/.*views=//p')"
  ask admin activate "$id_b" >/dev/null
  sleep 20
  fb="$(ask n1 views 1 | sed -n 's/.*views=//p')"
  say "model B on node1: $fb; node2: $(ask n2 views 1 | sed -n 's/.*views=//p')"
  [ -n "$fa" ] && [ "$fa" != "$fb" ] || say "WARNING: the two models' views are not told apart"
  local load_seconds=${IVP_DRILL_LOAD_SECONDS:-90}
  java -cp "$ROOT/target/test-classes:$ROOT/target/classes:$(cat "$CLASSPATH_FILE")" \
    com.ivpstudio.reliability.ClinicLoadBenchmark "http://localhost:$LB_PORT" "${IVP_DRILL_LOAD_USERS:-4}" \
    "$load_seconds" clinician "$CLINICIAN_PASSWORD" > "$WORK/activation-load.json" 2> "$WORK/activation-load.err" &
  local load=$! end=$((SECONDS + load_seconds)) switches=0 checks=0 mixed=0 failed=0 next="$id_a" v
  while [ $SECONDS -lt $end ]; do
    ask admin activate "$next" >/dev/null && switches=$((switches + 1))
    if [ "$next" = "$id_a" ]; then next="$id_b"; else next="$id_a"; fi
    for u in n1 n2; do
      v="$(ask $u views 1)"
      checks=$((checks + 1))
      case "$v" in
        OK*) v="${v##*views=}"
             if [ "$v" != "$fa" ] && [ "$v" != "$fb" ]; then mixed=$((mixed + 1)); say "  MIXED on $u: $v"; fi ;;
        *) failed=$((failed + 1)); say "  $u: $v" ;;
      esac
    done
  done
  wait "$load" || true
  say "background load: $(cat "$WORK/activation-load.json")"
  ask admin activate "$demo" >/dev/null
  stop_user n1
  stop_user n2
  stop_user admin
  result "activation: $switches switches, $checks checks, $mixed mixed, $failed failed; the demo model is active again"
}

# ---------------------------------------------------------------------------------------------------- main

drills=("$@")
[ ${#drills[@]} -gt 0 ] || drills=(postgres kill-node corrupt-bundle disk-full activation)
say "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, load average $(cut -d' ' -f1-3 /proc/loadavg)"
for d in "${drills[@]}"; do
  "drill_${d//-/_}"
  say "load average $(cut -d' ' -f1-3 /proc/loadavg)"
done
