#!/usr/bin/env bash
# The nightly citycluster run for a scheduler (cron, systemd, or any that runs a command): calls
# the INSTALLED cluster jar with spark-submit (never a Maven build), retries what a retry can fix
# and alerts on the rest. Exit code: the last run's (0 ok, 1 failed, 2 usage/config, 3 quality
# gate failed, 4 warehouse locked by another run).
#
# Install once (from a checkout, after `mvn -B -DskipTests package`):
#   install -D -m 644 jobs/target/citycluster-jobs-cluster.jar /opt/citycluster/citycluster-jobs-cluster.jar
#   install -D -m 644 jobs/target/classes/citycluster-jvm.options /opt/citycluster/citycluster-jvm.options
#   install -D -m 755 conf/scheduling/citycluster-nightly.sh /opt/citycluster/citycluster-nightly.sh
#
# Environment (defaults in brackets):
#   CITYCLUSTER_HOME   where the jar and citycluster-jvm.options are [/opt/citycluster]
#   CITYCLUSTER_DATA   input root [/srv/citycluster/data]
#   CITYCLUSTER_WAREHOUSE  output root [/srv/citycluster/warehouse]
#   CITYCLUSTER_LEVEL  prefecture | county [prefecture]
#   CITYCLUSTER_DATE   run date [today, UTC]
#   SPARK_SUBMIT       spark-submit of a Spark 4.0.x (Scala 2.13) installation [spark-submit]
#   SPARK_MASTER       [local[*]]; a cluster's master URL works the same
#   CITYCLUSTER_DRIVER_MEMORY [6g]
#   CITYCLUSTER_RETRIES  further attempts after exit 1 (failed) or 4 (locked) [2]
#   CITYCLUSTER_RETRY_WAIT_S  seconds between attempts [900]
#   CITYCLUSTER_ALERT  command run with one message argument when the run finally fails
#                      [logger -t citycluster -p user.err]
# Exit codes 2 (configuration) and 3 (a quality gate: the inputs need a look) are not retried:
# the same inputs would fail the same way. Set CITYCLUSTER_RETRIES=0 when the scheduler retries
# itself (the Airflow DAG beside this file does).
set -uo pipefail

home="${CITYCLUSTER_HOME:-/opt/citycluster}"
jar="$home/citycluster-jobs-cluster.jar"
opens_file="$home/citycluster-jvm.options"
retries="${CITYCLUSTER_RETRIES:-2}"
wait_s="${CITYCLUSTER_RETRY_WAIT_S:-900}"
date_arg="${CITYCLUSTER_DATE:-$(date -u +%F)}"
alert_cmd="${CITYCLUSTER_ALERT:-logger -t citycluster -p user.err}"

alert() {
  echo "citycluster-nightly: $1" >&2
  # shellcheck disable=SC2086
  $alert_cmd "$1" || echo "citycluster-nightly: the alert command failed: $alert_cmd" >&2
}

if [ ! -f "$jar" ] || [ ! -f "$opens_file" ]; then
  alert "no installed jar: $jar or $opens_file missing (see the install lines in $0)"
  exit 2
fi
opens="$(cat "$opens_file")"

attempt=0
while :; do
  attempt=$((attempt + 1))
  "${SPARK_SUBMIT:-spark-submit}" \
    --master "${SPARK_MASTER:-local[*]}" \
    --name "citycluster ${CITYCLUSTER_LEVEL:-prefecture} $date_arg" \
    --class org.citycluster.Main \
    --driver-memory "${CITYCLUSTER_DRIVER_MEMORY:-6g}" \
    --conf spark.serializer=org.apache.spark.serializer.KryoSerializer \
    --conf spark.kryo.registrator=org.apache.sedona.core.serde.SedonaKryoRegistrator \
    --conf "spark.driver.extraJavaOptions=$opens" \
    --conf "spark.executor.extraJavaOptions=$opens" \
    "$jar" run \
    --data "${CITYCLUSTER_DATA:-/srv/citycluster/data}" \
    --warehouse "${CITYCLUSTER_WAREHOUSE:-/srv/citycluster/warehouse}" \
    --date "$date_arg" \
    --level "${CITYCLUSTER_LEVEL:-prefecture}"
  rc=$?
  case "$rc" in
    0) exit 0 ;;
    2) alert "run $date_arg: configuration or usage error (exit 2), not retried"; exit 2 ;;
    3) alert "run $date_arg: a quality gate failed (exit 3), not retried; see _runs/<run_id>/ in the warehouse"; exit 3 ;;
    1 | 4)
      if [ "$attempt" -gt "$retries" ]; then
        alert "run $date_arg: failed with exit $rc after $attempt attempt(s)"
        exit "$rc"
      fi
      echo "citycluster-nightly: attempt $attempt ended with exit $rc; retrying in ${wait_s} s" >&2
      sleep "$wait_s" ;;
    *) alert "run $date_arg: ended with unexpected exit $rc (killed?), not retried"; exit "$rc" ;;
  esac
done
