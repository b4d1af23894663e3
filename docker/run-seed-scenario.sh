#!/usr/bin/env bash
# Starts docker-compose.yml (the seed's architecture with the cdc-bundle connect image), registers the three
# pipelines' connectors from connectors/, runs the seed's scenario on each main database and checks that each
# replica's target_table holds exactly (1,test1),(2,test4),(3,test3),(5,test5).
# Needs a Docker engine, and the plugins built first: mvn -B package -DskipTests (from the repository root).
# Usage: docker/run-seed-scenario.sh [--preset fast] [mariadb|mysql|postgres ...]   (default: all three)
#   --preset fast: the tuned connector settings of connectors/fast/ (see the README)
set -euo pipefail
cd "$(dirname "$0")"

connectors=connectors
if [ "${1:-}" = "--preset" ]; then
  case "${2:-}" in
    fast) connectors=connectors/fast ;;
    default) ;;
    *) echo "Unknown preset '${2:-}': use default or fast" >&2; exit 2 ;;
  esac
  shift 2
fi
pipelines=("$@")
if [ ${#pipelines[@]} -eq 0 ]; then pipelines=(mariadb mysql postgres); fi
connect_url=${CONNECT_URL:-http://localhost:8083}

export COMPOSE_PROJECT_NAME=cdc-bundle

compose() {
  if docker compose version >/dev/null 2>&1; then docker compose "$@"; else docker-compose "$@"; fi
}

if [ ! -d ../packaging/target/plugins/cdc-bundle ]; then
  echo "Build the plugins first: (cd .. && mvn -B package -DskipTests)" >&2
  exit 2
fi

# Random passwords, created once, readable only by their owner; the databases and connectors read them.
mkdir -p secrets
for name in mariadb_password mysql_password postgres_password; do
  if [ ! -s "secrets/$name" ]; then
    (umask 077 && head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' > "secrets/$name")
  fi
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
  register "$connectors/$p-source.json"
  register "$connectors/$p-sink.json"
  table=source_table
  if [ "$p" = postgres ]; then table=public.source_table; fi
  sql "$p-main" "delete from $table;
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
