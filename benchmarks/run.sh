#!/usr/bin/env bash
# JMH: our transforms and converter side by side with the anchors (Debezium's ExtractNewRecordState, Kafka's Flatten,
# RegexRouter and JsonConverter) on identical Debezium-shaped events; prints a table of medians and ratios. About 4 minutes.
# Usage: benchmarks/run.sh [measurement-iterations]   (default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -pl benchmarks -am package -DskipTests
java_bin=java
if [ -n "${JAVA_HOME:-}" ]; then java_bin="$JAVA_HOME/bin/java"; fi
exec "$java_bin" -cp "benchmarks/target/classes:$(cat benchmarks/target/runtime-classpath.txt)" \
  io.cdcbundle.benchmarks.TransformBenchmarks "$@"
