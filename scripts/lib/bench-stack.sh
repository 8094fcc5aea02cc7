# Sourced by the benchmarks before common.sh: a stack of their own under .stack-bench/ on other
# ports (+$BENCH_PORT_OFFSET, default 20000), so that a demo's data is never touched.
# shellcheck shell=bash
: "${BENCH_PORT_OFFSET:=20000}"
export STACK_DIR="$ROOT/.stack-bench"
export KAFKA_PORT=$((9092 + BENCH_PORT_OFFSET)) KAFKA_CONTROLLER_PORT=$((9093 + BENCH_PORT_OFFSET))
export ZK_PORT=$((2181 + BENCH_PORT_OFFSET)) HBASE_MASTER_PORT=$((16000 + BENCH_PORT_OFFSET))
export HBASE_REGIONSERVER_PORT=$((16020 + BENCH_PORT_OFFSET))
export BENCH_DASHBOARD_PORT=$((8050 + BENCH_PORT_OFFSET))
unset KAFKA_BOOTSTRAP HBASE_ZOOKEEPER

# start_bench_stack [kafka|hbase]: a fresh, empty stack (or only the part named), stopped again
# when the calling script exits.
start_bench_stack() {
  "$ROOT/scripts/stack" stop >/dev/null 2>&1 || true
  rm -rf "$STACK_DIR"
  trap '"$ROOT/scripts/stack" stop' EXIT
  "$ROOT/scripts/stack" start "$@"
}

# run_benchmark all|processor|backfill|producer [OPTIONS...]: the benchmarks module's command
# (org.clickstream.bench.BenchCommand), built when stale, run from the repository's root. Results
# files without a folder land there.
run_benchmark() {
  local jar="$ROOT/benchmarks/target/benchmarks-1.0.0-SNAPSHOT.jar"
  ensure_built benchmarks "$jar"
  (cd "$ROOT" && java -Xmx512m -cp "$jar:$(classpath_of "$ROOT/benchmarks/target/classpath.txt")" \
    org.clickstream.bench.BenchCommand "$@")
}

# wants_help ARGS...: true when -h or --help is among them (then no stack is started).
wants_help() {
  local arg
  for arg in "$@"; do
    case "$arg" in -h | --help) return 0 ;; esac
  done
  return 1
}

# script_help FILE LAST_LINE: the script's header comment, lines 2..LAST_LINE.
script_help() {
  sed -n "2,${2}p" "$1" | sed 's/^# \{0,1\}//'
  echo
}
