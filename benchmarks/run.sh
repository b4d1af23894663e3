#!/usr/bin/env bash
# JMH: our transforms and converter side by side with the anchors (Debezium's ExtractNewRecordState, Kafka's Flatten,
# RegexRouter and JsonConverter) on identical Debezium-shaped events; prints a table of medians and ratios and writes
# it, with the machine and the date, into docs/benchmarks.md (section "jmh"). About 4 minutes.
# Usage: benchmarks/run.sh [measurement-iterations]   (default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
# The lab module holds BenchmarkReport, which writes docs/benchmarks.md for every benchmark command.
mvn -q -pl benchmarks,lab -am package -DskipTests
java_bin=java
if [ -n "${JAVA_HOME:-}" ]; then java_bin="$JAVA_HOME/bin/java"; fi
table=$(mktemp)
trap 'rm -f "$table"' EXIT
"$java_bin" -Dcdcbundle.report.file="$table" -cp "benchmarks/target/classes:$(cat benchmarks/target/runtime-classpath.txt)" \
  io.cdcbundle.benchmarks.TransformBenchmarks "$@"
"$java_bin" -cp "lab/target/classes:$(cat lab/target/runtime-classpath.txt)" io.cdcbundle.lab.BenchmarkReport \
  jmh "JMH: our plugins beside their anchors" "benchmarks/run.sh${*:+ $*}" < "$table"
