# How the stack's services are configured, probed and stopped, shared by scripts/stack (one node
# each), scripts/spark-cluster and scripts/cluster (several). Source it after common.sh.
# shellcheck shell=bash

KAFKA_TOOLS_LOG="-Dlog4j2.configurationFile=$ROOT/local-stack/kafka-broker/conf/tools-log4j2.properties"
HBASE_TOOLS_LOG="-Dlog4j2.configurationFile=$ROOT/hbase-config/shell-log4j2.properties"

# The broker's jars, its CLI tools and the probe (built by ensure_built local-stack/kafka-broker).
kafka_classpath() {
  echo "$(classpath_of "$KAFKA_CP_FILE"):$KAFKA_JAR"
}

# write_kafka_properties FILE NODE_ID PORT CONTROLLER_PORT VOTERS REPLICAS MIN_ISR DATA_DIR: a KRaft
# node that is broker and controller. VOTERS is controller.quorum.voters (id@host:port,...); REPLICAS
# and MIN_ISR apply to every topic created without its own (the internal ones included).
write_kafka_properties() {
  local file=$1 node=$2 port=$3 controller_port=$4 voters=$5 replicas=$6 min_isr=$7 data=$8
  cat >"$file" <<PROPS
# Written by scripts/stack or scripts/cluster; edit the script (or its environment), not this file.
process.roles=broker,controller
node.id=$node
controller.quorum.voters=$voters
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$data
num.partitions=3
default.replication.factor=$replicas
min.insync.replicas=$min_isr
offsets.topic.replication.factor=$replicas
offsets.topic.num.partitions=3
transaction.state.log.replication.factor=$replicas
transaction.state.log.min.isr=$min_isr
share.coordinator.state.topic.replication.factor=$replicas
share.coordinator.state.topic.min.isr=$min_isr
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
PROPS
}

kafka_random_uuid() {
  java -Xmx128m -cp "$(kafka_classpath)" "$KAFKA_TOOLS_LOG" kafka.tools.StorageTool random-uuid
}

# format_kafka_storage PROPERTIES DATA_DIR CLUSTER_ID: once, when DATA_DIR holds no Kafka storage yet.
format_kafka_storage() {
  local properties=$1 data=$2 cluster_id=$3
  [ -f "$data/meta.properties" ] && return 0
  info "formatting Kafka storage in $data"
  mkdir -p "$data"
  java -Xmx128m -cp "$(kafka_classpath)" "$KAFKA_TOOLS_LOG" \
    kafka.tools.StorageTool format -t "$cluster_id" -c "$properties" >"$data/../format.out" 2>&1 \
    || { cat "$data/../format.out" >&2; die "formatting Kafka storage in $data failed"; }
}

# kafka_probe BOOTSTRAP TIMEOUT PIDS BROKERS: true once BROKERS brokers are registered (PIDS: the
# brokers' pids, comma-separated; the wait ends early when one exits). Errors on stderr.
kafka_probe() {
  java -Xmx128m -cp "$(kafka_classpath)" "$KAFKA_TOOLS_LOG" org.clickstream.stack.KafkaProbe "$@"
}

# hbase_probe CONF_DIR TIMEOUT PIDS SERVERS: true once HBase (as CONF_DIR's hbase-site.xml says) serves
# hbase:meta with SERVERS live region servers.
hbase_probe() {
  local conf=$1
  shift
  java -Xmx128m "${HBASE_JVM_FLAGS[@]}" -cp "$conf:$(classpath_of "$HBASE_CP_FILE"):$HBASE_JAR" "$HBASE_TOOLS_LOG" \
    org.clickstream.stack.HBaseProbe "$@"
}

# hbase_shutdown CONF_DIR: the clean way, as bin/stop-hbase.sh: ask the master to shut the whole
# cluster down (region servers flush their memstores). Bounded: a dead master cannot answer.
hbase_shutdown() {
  local conf=$1
  timeout 60 java -Xmx128m "${HBASE_JVM_FLAGS[@]}" -cp "$conf:$(classpath_of "$HBASE_CP_FILE")" "$HBASE_TOOLS_LOG" \
    org.apache.hadoop.hbase.master.HMaster stop --shutDownCluster >"$conf/../stop.out" 2>&1 || true
}

# Spark standalone daemons from the Maven jars. A worker launches executors from $SPARK_HOME/jars, as
# in a Spark distribution; without a release file it also needs to be told the Scala version.
# spark_prepare_home DIR: links Spark's jars into DIR/jars and makes DIR the daemons' SPARK_HOME.
spark_prepare_home() {
  local home=$1
  mkdir -p "$home/jars"
  tr ':' '\n' <"$SPARK_CP_FILE" | while read -r jar || [ -n "$jar" ]; do ln -sf "$jar" "$home/jars/"; done
  export SPARK_HOME=$home SPARK_SCALA_VERSION=2.12
  # Spark's web UIs bind to SPARK_LOCAL_IP (all interfaces without it).
  export SPARK_LOCAL_IP=127.0.0.1
}

# spark_daemon NAME JVM_OPTS MAIN [ARGS...]: a Spark master or worker, launched from $SPARK_HOME/jars
# (JVM_OPTS: heap and the like, one string).
spark_daemon() {
  local name=$1 jvm_opts=$2
  shift 2
  local -a opts
  read -r -a opts <<<"$jvm_opts"
  launch "$name" "$SPARK_HOME/jars/*" "${opts[@]}" "${SPARK_JVM_FLAGS[@]}" \
    "-Dlog4j2.configurationFile=$ROOT/local-stack/spark-runtime/conf/log4j2.properties" -- "$@"
}

# spark_alive_workers WEBUI_PORT: how many workers the master on that port counts as alive (its JSON
# status page, read without curl, which is not on every machine).
spark_alive_workers() {
  (
    exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 0
    printf 'GET /json/ HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3
    timeout 5 cat <&3 || true
  ) 2>/dev/null | sed -n 's/.*"aliveworkers" *: *\([0-9]*\).*/\1/p' | head -n 1
}
