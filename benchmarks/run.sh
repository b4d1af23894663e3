#!/usr/bin/env bash
# JMH: our transforms side by side with Debezium's ExtractNewRecordState and Kafka's Flatten on identical
# Debezium-shaped events; prints a table of medians and ratios. Takes about 3 minutes.
# Usage: benchmarks/run.sh [measurement-iterations]   (default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -pl benchmarks -am package -DskipTests
java_bin=java
if [ -n "${JAVA_HOME:-}" ]; then java_bin="$JAVA_HOME/bin/java"; fi
exec "$java_bin" -cp "benchmarks/target/classes:$(cat benchmarks/target/runtime-classpath.txt)" \
  io.cdcbundle.benchmarks.TransformBenchmarks "$@"
