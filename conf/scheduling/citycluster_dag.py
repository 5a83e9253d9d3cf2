"""Airflow DAG: the nightly citycluster run, one task per level, on the installed cluster jar.

Copy this file into the DAGs folder of Airflow 2.7+ (or 3.x), with the wrapper installed as
described in citycluster-nightly.sh (the jar, citycluster-jvm.options and the wrapper under
/opt/citycluster). The task calls the wrapper with CITYCLUSTER_RETRIES=0, so Airflow owns the
retries, and maps the run's exit code:

  0  success
  1  run failed (an I/O error, a lost executor): retried by Airflow (retries below)
  4  warehouse locked by another run: retried by Airflow
  2  configuration or usage error: failed at once, no retry (the same config fails the same way)
  3  a quality gate failed: failed at once, no retry; the inputs need a look
     (the failed run's dq_issues and manifest are under <warehouse>/_runs/<run_id>/)

on_failure_callback is the place for the alert (mail, chat); it runs on the final failure only.
"""

from __future__ import annotations

import logging
import os
import subprocess
from datetime import datetime, timedelta

from airflow import DAG
from airflow.exceptions import AirflowException, AirflowFailException
from airflow.operators.python import PythonOperator

WRAPPER = "/opt/citycluster/citycluster-nightly.sh"
ENV = {
    "CITYCLUSTER_HOME": "/opt/citycluster",
    "CITYCLUSTER_DATA": "/srv/citycluster/data",
    "CITYCLUSTER_WAREHOUSE": "/srv/citycluster/warehouse",
    "SPARK_SUBMIT": "/opt/spark/bin/spark-submit",
    "CITYCLUSTER_RETRIES": "0",  # Airflow retries (below), not the wrapper
}
RETRIED = {1: "run failed", 4: "warehouse locked by another run"}
NOT_RETRIED = {2: "configuration or usage error", 3: "a quality gate failed"}


def run_level(level: str, ds: str, **_context) -> None:
    """Runs one level for the DAG run's date and turns its exit code into Airflow's outcome."""
    env = dict(os.environ, **ENV, CITYCLUSTER_LEVEL=level, CITYCLUSTER_DATE=ds)
    rc = subprocess.run([WRAPPER], env=env, check=False).returncode
    if rc == 0:
        return
    if rc in NOT_RETRIED:
        raise AirflowFailException(f"citycluster {level} {ds}: {NOT_RETRIED[rc]} (exit {rc})")
    raise AirflowException(f"citycluster {level} {ds}: {RETRIED.get(rc, 'unexpected')} (exit {rc})")


def alert(context) -> None:
    """The final failure of a task: replace the log line with your mail or chat hook."""
    ti = context["task_instance"]
    logging.getLogger("citycluster").error(
        "citycluster failed: %s %s, try %s: %s", ti.task_id, context["ds"], ti.try_number,
        context.get("exception"))


with DAG(
    dag_id="citycluster_nightly",
    start_date=datetime(2026, 1, 1),
    schedule="30 2 * * *",
    catchup=False,
    max_active_runs=1,  # one run at a time holds the warehouse lock anyway
    default_args={
        "retries": 2,
        "retry_delay": timedelta(minutes=15),
        "on_failure_callback": alert,
        "execution_timeout": timedelta(hours=4),
    },
    tags=["citycluster"],
) as dag:
    prefecture = PythonOperator(
        task_id="prefecture", python_callable=run_level, op_kwargs={"level": "prefecture"})
    county = PythonOperator(
        task_id="county", python_callable=run_level, op_kwargs={"level": "county"})
    prefecture >> county  # the same warehouse: one after the other
