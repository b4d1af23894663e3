#!/usr/bin/env bash
# Runs the lab: builds what it needs (the first build downloads Kafka and the Debezium plugins from Maven Central),
# then starts private MariaDB/PostgreSQL instances, a KRaft broker and a Connect worker on REST port 8083, runs
# the seed's scenario through each pipeline, prints the target tables and serves until Ctrl-C.
# Options are LabMain's: lab/run.sh --help
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -q -pl lab -am package -DskipTests

java_bin=java
if [ -n "${JAVA_HOME:-}" ]; then java_bin="$JAVA_HOME/bin/java"; fi
echo "Full log: lab/target/lab.log"
exec "$java_bin" -cp "lab/target/classes:$(cat lab/target/runtime-classpath.txt)" \
  -Djava.util.logging.manager=org.apache.logging.log4j.jul.LogManager -Dcdcbundle.lab.logFile=lab/target/lab.log io.cdcbundle.lab.LabMain "$@"
