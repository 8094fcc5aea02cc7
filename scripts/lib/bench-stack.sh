# Sourced by the benchmarks before common.sh: a stack of their own under .stack-bench/ on other
# ports (+$BENCH_PORT_OFFSET, default 20000), so that a demo's data is never touched.
# shellcheck shell=bash
: "${BENCH_PORT_OFFSET:=20000}"
export STACK_DIR="$ROOT/.stack-bench"
export KAFKA_PORT=$((9092 + BENCH_PORT_OFFSET)) KAFKA_CONTROLLER_PORT=$((9093 + BENCH_PORT_OFFSET))
export ZK_PORT=$((2181 + BENCH_PORT_OFFSET)) HBASE_MASTER_PORT=$((16000 + BENCH_PORT_OFFSET))
export HBASE_REGIONSERVER_PORT=$((16020 + BENCH_PORT_OFFSET))
unset KAFKA_BOOTSTRAP HBASE_ZOOKEEPER

# start_bench_stack: a fresh, empty stack, stopped again when the calling script exits.
start_bench_stack() {
  "$ROOT/scripts/stack" stop >/dev/null 2>&1 || true
  rm -rf "$STACK_DIR"
  trap '"$ROOT/scripts/stack" stop' EXIT
  "$ROOT/scripts/stack" start
}
