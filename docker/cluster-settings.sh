# The local cluster's settings from the environment, shared by local-cluster.sh, fault-drills.sh and cluster-load.sh
# (sourced, not run): IVP_CLUSTER_DIR, IVP_LB_PORT, IVP_NODE_PORTS, IVP_PG_PORT.
# shellcheck shell=bash disable=SC2034
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="${IVP_CLUSTER_DIR:-$ROOT/target/local-cluster}"
LB_PORT="${IVP_LB_PORT:-8080}"
read -r -a NODE_PORTS <<< "${IVP_NODE_PORTS:-8081 8082}"
PG_PORT="${IVP_PG_PORT:-55432}"
