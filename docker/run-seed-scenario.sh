#!/usr/bin/env bash
# Starts docker-compose.yml (the seed's architecture with the cdc-bundle connect image), registers the three
# pipelines' connectors from connectors/, runs the seed's scenario on each main database and checks that each
# replica's target_table holds exactly (1,test1),(2,test4),(3,test3),(5,test5).
# Needs a Docker engine, and the plugins built first: mvn -B package -DskipTests (from the repository root).
# Usage: docker/run-seed-scenario.sh [--line 3.5|2.7] [--preset fast] [mariadb|mysql|postgres ...]
#   --line 2.7: debezium/connect 2.7.3.Final next to Kafka 3.9.1, with connectors/2.7/ where values differ there
#   --preset fast: the tuned connector settings of connectors/fast/ (3.5 line only; see docs/pipeline-benchmark.md)
# It can run again: the source tables are emptied (the deletes replicate) and their ids start at 1 again.
set -euo pipefail
cd "$(dirname "$0")"

connectors=connectors
line=3.5
while [ $# -gt 0 ]; do
  case "$1" in
    --line)
      case "${2:-}" in
        3.5|2.7) line=$2 ;;
        *) echo "Unknown line '${2:-}': use 3.5 or 2.7" >&2; exit 2 ;;
      esac
      shift 2 ;;
    --preset)
      case "${2:-}" in
        fast) connectors=connectors/fast ;;
        default) ;;
        *) echo "Unknown preset '${2:-}': use default or fast" >&2; exit 2 ;;
      esac
      shift 2 ;;
    *) break ;;
  esac
done
pipelines=("$@")
if [ ${#pipelines[@]} -eq 0 ]; then pipelines=(mariadb mysql postgres); fi
connect_url=${CONNECT_URL:-http://localhost:8083}

# Each line is a compose project of its own: a Kafka 3.9 broker cannot read a 4.1 broker's data volume.
if [ "$line" = 2.7 ]; then
  if [ "$connectors" != connectors ]; then echo "The fast preset needs the 3.5 line" >&2; exit 2; fi
  export DEBEZIUM_TAG=2.7.3.Final KAFKA_TAG=3.9.1 COMPOSE_PROJECT_NAME=cdc-bundle-27
else
  export DEBEZIUM_TAG=3.5.0.Final KAFKA_TAG=4.1.1 COMPOSE_PROJECT_NAME=cdc-bundle
fi

# The connector file for this line: connectors/2.7/ holds those whose values differ on 2.7.
connector_file() {
  if [ "$line" = 2.7 ] && [ -f "connectors/2.7/$1" ]; then echo "connectors/2.7/$1"; else echo "$connectors/$1"; fi
}

compose() {
  if docker compose version >/dev/null 2>&1; then docker compose "$@"; else docker-compose "$@"; fi
}

if [ ! -d ../packaging/target/plugins/cdc-bundle ]; then
  echo "Build the plugins first: (cd .. && mvn -B package -DskipTests)" >&2
  exit 2
fi

# Random passwords, created once. Compose bind-mounts each file with its host owner and mode, and the containers
# read it as their own users (kafka, uid 1001, in the connect image; mysql; postgres): the files must be readable
# by all, so the directory (never mounted) is what keeps other host users out.
mkdir -p secrets
chmod 700 secrets
for name in mariadb_password mysql_password postgres_password; do
  if [ ! -s "secrets/$name" ]; then
    head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' > "secrets/$name"
  fi
  chmod 644 "secrets/$name"
done

compose up -d --build

echo "Waiting for Kafka Connect at $connect_url ..."
for _ in $(seq 1 120); do
  if curl -fs "$connect_url/connectors" >/dev/null; then break; fi
  sleep 2
done
curl -fs "$connect_url/connectors" >/dev/null

# Runs SQL on a database container with its own client, as the root/postgres user, password from the secret.
# The single-quoted $(cat ...) is meant to expand inside the container, where the secret is mounted.
# shellcheck disable=SC2016
sql() {
  local service=$1 statements=$2
  case "$service" in
    mariadb-*) compose exec -T "$service" sh -c 'mariadb -uroot -p"$(cat /run/secrets/mariadb_password)" -N -B connect_test_db' <<< "$statements" ;;
    mysql-*) compose exec -T "$service" sh -c 'mysql -uroot -p"$(cat /run/secrets/mysql_password)" -N -B connect_test_db 2>/dev/null' <<< "$statements" ;;
    postgres-*) compose exec -T "$service" psql -U postgres -d connect_test_db -At -F ' ' <<< "$statements" ;;
  esac
}

wait_for_database() {
  for _ in $(seq 1 60); do
    if sql "$1" "select 1;" >/dev/null 2>&1; then return 0; fi
    sleep 2
  done
  echo "$1 did not accept connections" >&2
  return 1
}

register() {
  local file=$1 name
  name=$(sed -n 's/^ *"name": *"\([^"]*\)".*/\1/p' "$file" | head -n 1)
  curl -fs -X DELETE "$connect_url/connectors/$name" >/dev/null 2>&1 || true
  curl -fsS -X POST -H "Content-Type: application/json" --data @"$file" "$connect_url/connectors" >/dev/null
  for _ in $(seq 1 60); do
    if curl -fs "$connect_url/connectors/$name/status" | grep -q '"tasks":\[{"id":0,"state":"RUNNING"'; then
      echo "  $name RUNNING"
      return 0
    fi
    sleep 2
  done
  echo "  $name did not reach RUNNING:" >&2
  curl -fs "$connect_url/connectors/$name/status" >&2 || true
  return 1
}

expected=$'1 test1\n2 test4\n3 test3\n5 test5'
failed=0
for p in "${pipelines[@]}"; do
  echo "== $p"
  wait_for_database "$p-main"
  wait_for_database "$p-replica"
  register "$(connector_file "$p-source.json")"
  register "$(connector_file "$p-sink.json")"
  table=source_table
  restart_ids="alter table $table auto_increment = 1;"
  if [ "$p" = postgres ]; then
    table=public.source_table
    restart_ids="select setval(pg_get_serial_sequence('$table', 'id'), 1, false);"
  fi
  sql "$p-main" "delete from $table;
$restart_ids
insert into $table (name) values ('test1');
insert into $table (name) values ('test2');
insert into $table (name) values ('test3');
insert into $table (name) values ('test4');
insert into $table (name) values ('test5');
update $table set name='test4' where id=2;
delete from $table where id=4;" >/dev/null
  actual=""
  for _ in $(seq 1 60); do
    actual=$(sql "$p-replica" "select id, name from target_table order by id;" 2>/dev/null | tr '\t' ' ' || true)
    if [ "$actual" = "$expected" ]; then break; fi
    sleep 2
  done
  if [ "$actual" = "$expected" ]; then
    echo "  target_table equals the seed's expected rows"
  else
    echo "  MISMATCH in $p-replica target_table:" >&2
    echo "$actual" >&2
    failed=1
  fi
done
exit $failed
