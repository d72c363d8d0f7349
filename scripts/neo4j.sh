#!/usr/bin/env bash
# Local Neo4j Community 5.26 for dev, tests and CI -- no Docker, no tarball:
# an embedded DBMS from Maven Central with Bolt on 127.0.0.1 (scripts/neo4j/).
#
#   scripts/neo4j.sh start    # build if needed, start, wait for Bolt; idempotent
#   scripts/neo4j.sh stop     # SIGTERM (clean shutdown), SIGKILL after a timeout
#   scripts/neo4j.sh status   # exit 0 only if running and answering
#   scripts/neo4j.sh env      # just the export lines
#
# start/status/env print `export NEO4J_...=...` on stdout and everything else on
# stderr, so  eval "$(scripts/neo4j.sh start)"  sets up the test environment.
#
# Env knobs: NEO4J_BOLT_PORT (7687), NEO4J_PASSWORD (testpassword, >= 8 chars),
# NEO4J_DATA_DIR (<repo>/.neo4j/data), NEO4J_JAVA_OPTS (heap etc.),
# NEO4J_START_TIMEOUT (180 s), NEO4J_STOP_TIMEOUT (60 s).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PROJ="$ROOT/scripts/neo4j"
TARGET="$PROJ/target"          # git-ignored build output
CLASSPATH_FILE="$TARGET/classpath.txt"

PORT="${NEO4J_BOLT_PORT:-7687}"
PASSWORD="${NEO4J_PASSWORD:-testpassword}"
DATA_DIR="${NEO4J_DATA_DIR:-$ROOT/.neo4j/data}"
DATA_DIR="$(realpath -m "$DATA_DIR")"
RUN_DIR="$(dirname "$DATA_DIR")"   # the launcher writes neo4j.pid and ready here
PID_FILE="$RUN_DIR/neo4j.pid"
READY_FILE="$RUN_DIR/ready"
LOG="$RUN_DIR/neo4j.log"
START_TIMEOUT="${NEO4J_START_TIMEOUT:-180}"
STOP_TIMEOUT="${NEO4J_STOP_TIMEOUT:-60}"
# Heap: Cypher planning + tx state for test-sized data; page cache (192M) is off-heap on top.
JAVA_OPTS="${NEO4J_JAVA_OPTS:--Xms256m -Xmx768m}"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

log() { echo "neo4j.sh: $*" >&2; }

print_env() {
  echo "export NEO4J_URI=bolt://127.0.0.1:$PORT"
  echo "export NEO4J_USERNAME=neo4j"
  printf 'export NEO4J_PASSWORD=%q\n' "$PASSWORD"   # quoted: the output is meant for eval
  echo "export NEO4J_DATABASE=neo4j"
}

# PID of our launcher, or nothing. Checks the command line so a recycled PID
# belonging to some other process is never signalled.
launcher_pid() {
  local pid
  pid="$(cat "$PID_FILE" 2>/dev/null || true)"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null \
    && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'Neo4jLauncher' \
    && echo "$pid"
  return 0
}

port_open() { timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$PORT" 2>/dev/null; }

# Ready marker (written only after the password is set) plus a live TCP accept.
answering() { [[ -n "$(launcher_pid)" && -f "$READY_FILE" ]] && port_open; }

needs_build() {
  [[ -f "$CLASSPATH_FILE" && -d "$TARGET/classes/kgraph" ]] || return 0
  [[ -n "$(find "$PROJ/pom.xml" "$PROJ/src" -newer "$CLASSPATH_FILE" -print -quit)" ]] && return 0
  # ~/.m2 may have been wiped since the classpath was recorded.
  local jar
  while IFS= read -r jar; do [[ -f "$jar" ]] || return 0; done < <(tr ':' '\n' <"$CLASSPATH_FILE")
  return 1
}

build() {
  log "building launcher with Maven (the first build downloads ~160 MB of jars into ~/.m2)..."
  # classpath.txt is written last, so it doubles as the "build complete" stamp.
  rm -f "$CLASSPATH_FILE"
  # Output only on failure: -q still emits stray ANSI resets on Maven 3.8.
  # Full plugin coordinates (not "dependency:") skip Maven's daily plugin-prefix
  # lookup on Central, so a rebuild with a warm ~/.m2 stays offline (~6 s vs ~15 s).
  local out
  if ! out="$(mvn -q -B -Dstyle.color=never -f "$PROJ/pom.xml" compile \
      org.apache.maven.plugins:maven-dependency-plugin:3.6.1:build-classpath \
      -Dmdep.outputFile="$CLASSPATH_FILE" 2>&1)"; then
    echo "$out" >&2
    log "ERROR: Maven build of the launcher failed"
    exit 1
  fi
}

fail_with_log() {
  log "ERROR: $*"
  if [[ -f "$LOG" ]]; then log "last lines of $LOG:"; tail -n 40 "$LOG" >&2; fi
  exit 1
}

cmd_start() {
  # Serialise concurrent starts (e.g. parallel test jobs); fd 9 is closed for java below
  # so the lock is released when this script ends, not when Neo4j does.
  mkdir -p "$RUN_DIR"
  exec 9>"$RUN_DIR/start.lock"
  flock -w "$START_TIMEOUT" 9 || fail_with_log "another 'start' is still holding $RUN_DIR/start.lock"
  if answering; then
    log "already running (pid $(launcher_pid)) on bolt://127.0.0.1:$PORT"
    print_env; return 0
  fi
  local pid
  pid="$(launcher_pid)"
  if [[ -z "$pid" ]]; then
    rm -f "$PID_FILE" "$READY_FILE"   # leftovers of a killed run
    if port_open; then
      fail_with_log "port $PORT is already taken by another process (set NEO4J_BOLT_PORT)"
    fi
    needs_build && build
    mkdir -p "$DATA_DIR"
    [[ -f "$LOG" ]] && mv -f "$LOG" "$LOG.1"
    log "starting Neo4j (data $DATA_DIR, log $LOG)"
    # setsid: own session, so a Ctrl-C or closed terminal doesn't kill it; -w keeps $!
    # alive exactly as long as java even if setsid has to fork.
    # shellcheck disable=SC2086  # JAVA_OPTS is a word list on purpose
    NEO4J_BOLT_PORT="$PORT" NEO4J_PASSWORD="$PASSWORD" setsid -w "$JAVA" $JAVA_OPTS \
      -XX:+ExitOnOutOfMemoryError -XX:-OmitStackTraceInFastThrow \
      -Djdk.nio.maxCachedBufferSize=1024 -Dio.netty.tryReflectionSetAccessible=true \
      -Dlog4j2.disable.jmx=true \
      --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED \
      --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED \
      -cp "$TARGET/classes:$(cat "$CLASSPATH_FILE")" kgraph.devtools.Neo4jLauncher "$DATA_DIR" \
      >"$LOG" 2>&1 </dev/null 9>&- &
    pid=$!
  elif [[ -f "$READY_FILE" && "$(cat "$READY_FILE")" != "bolt://127.0.0.1:$PORT" ]]; then
    fail_with_log "this data dir is already served by pid $pid at $(cat "$READY_FILE"); stop it first"
  else
    log "already starting (pid $pid); waiting"
  fi

  local deadline=$((SECONDS + START_TIMEOUT))
  until answering; do
    kill -0 "$pid" 2>/dev/null || fail_with_log "Neo4j exited during startup"
    if ((SECONDS >= deadline)); then
      fail_with_log "Bolt not answering on 127.0.0.1:$PORT after ${START_TIMEOUT}s (still running as pid $pid; 'scripts/neo4j.sh stop' to kill it)"
    fi
    sleep 0.5
  done
  log "ready on bolt://127.0.0.1:$PORT (pid $(launcher_pid))"
  print_env
}

cmd_stop() {
  local pid
  pid="$(launcher_pid)"
  if [[ -z "$pid" ]]; then
    log "not running"; rm -f "$PID_FILE" "$READY_FILE"; return 0
  fi
  log "stopping pid $pid"
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + STOP_TIMEOUT))
  while kill -0 "$pid" 2>/dev/null; do
    if ((SECONDS >= deadline)); then
      log "no clean exit after ${STOP_TIMEOUT}s; SIGKILL (next start will run recovery)"
      kill -KILL "$pid" 2>/dev/null || true
      break
    fi
    sleep 0.5
  done
  rm -f "$PID_FILE" "$READY_FILE"
  log "stopped"
}

cmd_status() {
  local pid
  pid="$(launcher_pid)"
  if answering; then
    log "running (pid $pid) on bolt://127.0.0.1:$PORT, data $DATA_DIR"
    print_env; return 0
  elif [[ -n "$pid" ]]; then
    log "process $pid alive but Bolt not answering yet (starting or unhealthy; see $LOG)"; return 1
  fi
  log "stopped"; return 3
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  env) print_env ;;
  *) echo "usage: $0 start|stop|status|env" >&2; exit 2 ;;
esac
