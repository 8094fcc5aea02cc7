# Shared by every script: repository paths, the stack's ports and addresses, JVM flags, and
# "build what is missing". Source it; do not run it.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export ROOT

# Where the local stack keeps data, logs and pid files; ports of its services (loopback only).
# Two stacks side by side (say, the demo and the tests) need a different STACK_DIR and ports.
: "${STACK_DIR:=$ROOT/.stack}"
: "${KAFKA_PORT:=9092}"
: "${KAFKA_CONTROLLER_PORT:=9093}"
: "${ZK_PORT:=2181}"
: "${HBASE_MASTER_PORT:=16000}"
: "${HBASE_REGIONSERVER_PORT:=16020}"
: "${KAFKA_HEAP_OPTS:=-Xms256m -Xmx512m}"
: "${HBASE_HEAP_OPTS:=-Xms256m -Xmx768m}"
export STACK_DIR KAFKA_PORT KAFKA_CONTROLLER_PORT ZK_PORT HBASE_MASTER_PORT HBASE_REGIONSERVER_PORT

# What the Java programs read for their defaults (see pipeline-core's Endpoints).
: "${KAFKA_BOOTSTRAP:=127.0.0.1:$KAFKA_PORT}"
: "${HBASE_ZOOKEEPER:=127.0.0.1:$ZK_PORT}"
export KAFKA_BOOTSTRAP HBASE_ZOOKEEPER

# What each script runs, built by Maven (classpath files list a module's dependencies in ~/.m2).
KAFKA_CP_FILE="$ROOT/local-stack/kafka-broker/target/classpath.txt"
KAFKA_JAR="$ROOT/local-stack/kafka-broker/target/kafka-broker-1.0.0-SNAPSHOT.jar"
HBASE_CP_FILE="$ROOT/local-stack/hbase-standalone/target/classpath.txt"
HBASE_JAR="$ROOT/local-stack/hbase-standalone/target/hbase-standalone-1.0.0-SNAPSHOT.jar"
SPARK_CP_FILE="$ROOT/local-stack/spark-runtime/target/classpath.txt"
CORE_JAR="$ROOT/pipeline-core/target/pipeline-core-1.0.0-SNAPSHOT.jar"
PRODUCER_JAR="$ROOT/kafka-producer/target/kafka-producer-1.0.0-SNAPSHOT.jar"
PROCESSOR_JAR="$ROOT/spark-processor/target/spark-processor-1.0.0-SNAPSHOT-all.jar"
PROFILER_JAR="$ROOT/spark-profiler/target/spark-profiler-1.0.0-SNAPSHOT-all.jar"
DASHBOARD_JAR="$ROOT/vaadin-dashboard/target/vaadin-dashboard-1.0.0-SNAPSHOT.jar"
JRUBY_CP_FILE="$ROOT/local-stack/hbase-standalone/target/jruby-classpath.txt"

# The flags HBase's own bin/hbase adds on Java 17.
HBASE_JVM_FLAGS=(
  -XX:+UseG1GC --add-modules jdk.unsupported
  --add-opens java.base/java.io=ALL-UNNAMED --add-opens java.base/java.nio=ALL-UNNAMED
  --add-opens java.base/sun.nio.ch=ALL-UNNAMED --add-opens java.base/java.lang=ALL-UNNAMED
  --add-opens java.base/jdk.internal.ref=ALL-UNNAMED --add-opens java.base/java.lang.reflect=ALL-UNNAMED
  --add-opens java.base/java.util=ALL-UNNAMED --add-opens java.base/java.util.concurrent=ALL-UNNAMED
  --add-exports java.base/jdk.internal.misc=ALL-UNNAMED --add-exports java.base/sun.net.dns=ALL-UNNAMED
  --add-exports java.base/sun.net.util=ALL-UNNAMED --add-exports java.security.jgss/sun.security.krb5=ALL-UNNAMED
  -Dorg.apache.hbase.thirdparty.io.netty.tryReflectionSetAccessible=true
  -Djava.util.logging.config.class=org.apache.hadoop.hbase.logging.JulToSlf4jInitializer
)

# The flags Spark's launcher adds on Java 17 (org.apache.spark.launcher.JavaModuleOptions).
SPARK_JVM_FLAGS=(
  -XX:+IgnoreUnrecognizedVMOptions
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
  --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  --add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED
  -Djdk.reflect.useDirectMethodHandle=false
)

die() {
  echo "error: $*" >&2
  exit 1
}

info() {
  echo "$*" >&2
}

require_java17() {
  command -v java >/dev/null 2>&1 || die "java not found: install a JDK 17 (e.g. apt-get install openjdk-17-jdk-headless)"
  local version
  version=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  [ "$version" = "17" ] || die "Java 17 is required (Spark 3.5 and HBase 2.6 fail on newer ones); 'java' is $version. Point JAVA_HOME/PATH at a JDK 17."
}

# is_fresh MODULE ARTIFACT: ARTIFACT exists and is newer than the module's (and pipeline-core's) sources.
is_fresh() {
  local module=$1 artifact=$2
  [ -e "$artifact" ] && [ -z "$(find "$ROOT/$module/src/main" "$ROOT/$module/pom.xml" "$ROOT/pipeline-core/src/main" \
    "$ROOT/pom.xml" -newer "$artifact" -print -quit 2>/dev/null)" ]
}

# maven_package [-pl MODULE -am]: a quiet Maven package without tests.
maven_package() {
  command -v mvn >/dev/null 2>&1 || die "mvn not found: install Apache Maven 3.8+ (e.g. apt-get install maven)"
  # (sed: Debian's Maven 3.8 prints colour resets even in batch mode.)
  (cd "$ROOT" && mvn -q -B -Dstyle.color=never -DskipTests "$@" package 2>&1 | sed 's/\x1b\[[0-9;]*m//g') >&2
}

# ensure_built MODULE ARTIFACT: runs the Maven build of MODULE (and what it needs) when ARTIFACT is
# missing or older than the module's sources. The first run downloads from Maven Central; later
# runs need no network.
ensure_built() {
  ensure_built_modules "$1 $2"
}

# ensure_built_modules "MODULE ARTIFACT"...: as ensure_built, one Maven build for all the stale ones.
ensure_built_modules() {
  local part
  local -a modules=() artifacts=()
  for part in "$@"; do
    is_fresh ${part} && continue
    modules+=("${part%% *}")
    artifacts+=("${part#* }")
  done
  [ ${#modules[@]} -gt 0 ] || return 0
  info "building ${modules[*]} (the first build downloads dependencies from Maven Central: a few minutes)..."
  maven_package -pl "$(IFS=,; echo "${modules[*]}")" -am || die "build of ${modules[*]} failed"
  # Maven leaves an unchanged output file alone; mark it as fresh so the next run does not rebuild.
  touch "${artifacts[@]}"
}

# ensure_built_all: one Maven build of the whole project when any part is missing or stale
# (faster than building the parts one by one, which would rebuild pipeline-core each time).
ensure_built_all() {
  local -a parts=(
    "local-stack/kafka-broker $KAFKA_JAR" "local-stack/hbase-standalone $HBASE_JAR"
    "local-stack/spark-runtime $SPARK_CP_FILE" "pipeline-core $CORE_JAR" "kafka-producer $PRODUCER_JAR"
    "spark-processor $PROCESSOR_JAR" "spark-profiler $PROFILER_JAR" "vaadin-dashboard $DASHBOARD_JAR")
  local part stale=false
  for part in "${parts[@]}"; do
    is_fresh ${part} || stale=true
  done
  [ "$stale" = true ] || return 0
  info "building the project (the first build downloads dependencies from Maven Central: a few minutes)..."
  maven_package || die "the build failed"
  for part in "${parts[@]}"; do
    touch "${part#* }"
  done
}

classpath_of() {
  tr -d '\n' <"$1"
}

# A service NAME (kafka, hbase, or a path such as cluster/kafka-1) keeps its state in $STACK_DIR/NAME,
# its pid in BASENAME.pid and its output in BASENAME.out there.

# is_our_process PID NAME: true when PID is alive and is this stack's NAME service (so a reused pid
# of some other program is never signalled).
is_our_process() {
  local pid=$1 name=$2
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] || return 1
  # One argument a line, matched whole: cluster/kafka-1 must not match cluster/kafka-10. (Read first:
  # grep -q on a pipe can end tr with SIGPIPE, which pipefail turns into a false "not ours".)
  local args
  args=$(tr '\0' '\n' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
  grep -qxF -- "-Dclickstream.stack=$STACK_DIR/$name" <<<"$args"
}

pid_of() {
  local name=$1 file="$STACK_DIR/$1/${1##*/}.pid"
  [ -f "$file" ] || return 1
  local pid
  pid=$(cat "$file")
  is_our_process "$pid" "$name" && echo "$pid"
}

# launch NAME CLASSPATH [JVM OPTIONS...] -- MAIN [ARGS...]: starts a JVM detached from this shell and
# records its pid. The JVM carries -Dclickstream.stack=$STACK_DIR/NAME, by which pid_of knows it, and
# -Dstack.log.dir for its log configuration.
launch() {
  local name=$1 classpath=$2
  shift 2
  local -a options=()
  while [ $# -gt 0 ] && [ "$1" != -- ]; do options+=("$1"); shift; done
  shift
  local dir="$STACK_DIR/$name" base=${name##*/}
  mkdir -p "$dir/logs"
  # setsid: the JVM outlives this script and a Ctrl-C in the caller's terminal.
  setsid java "${options[@]}" "-Dclickstream.stack=$dir" "-Dstack.log.dir=$dir/logs" \
    -cp "$classpath" "$@" </dev/null >"$dir/$base.out" 2>&1 &
  local pid=$!
  echo "$pid" >"$dir/$base.pid"
  # pid_of recognises the JVM by its command line, which the forked shell only has once it has
  # exec'd; on a busy machine that takes long enough for a caller to see a stranger and give up.
  local i
  for ((i = 0; i < 50; i++)); do
    is_our_process "$pid" "$name" && return 0
    [ -d "/proc/$pid" ] || return 0
    sleep 0.1
  done
}

# wait_exit PID SECONDS: true when PID is gone within SECONDS.
wait_exit() {
  local pid=$1 seconds=$2 i
  for ((i = 0; i < seconds * 5; i++)); do
    [ -d "/proc/$pid" ] || return 0
    sleep 0.2
  done
  [ ! -d "/proc/$pid" ]
}

# terminate SECONDS PID...: SIGTERM to every PID, then SIGKILL to those still there after SECONDS.
# False when one survives even that.
terminate() {
  local seconds=$1 pid
  shift
  for pid in "$@"; do kill -TERM "$pid" 2>/dev/null || true; done
  local deadline=$((SECONDS + seconds))
  for pid in "$@"; do
    wait_exit "$pid" $((deadline > SECONDS ? deadline - SECONDS : 0)) && continue
    info "pid $pid did not stop within $seconds s of SIGTERM; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
  done
  for pid in "$@"; do wait_exit "$pid" 10 || return 1; done
}

port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}
