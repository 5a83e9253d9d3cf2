#!/usr/bin/env bash
# Executes every notebook headless on a published run and keeps the executed copies (with their
# figures). Exits non-zero when any cell of any notebook fails.
#
# usage: notebooks/run_notebooks.sh WAREHOUSE RUN_DATE [OUTPUT_DIR]
#   OUTPUT_DIR defaults to jobs/target/notebooks (beside the build's other artifacts).
# Environment passed to the notebooks: CITYCLUSTER_WAREHOUSE, CITYCLUSTER_RUN_DATE, and when set
# CITYCLUSTER_LEVEL, CITYCLUSTER_CLUSTER, CITYCLUSTER_METRIC, CITYCLUSTER_DATA_BACKEND,
# CITYCLUSTER_DUCKDB_JAR. Needs Debian's jupyter-nbconvert, python3-ipykernel, python3-pandas,
# python3-matplotlib, python3-geopandas and python3-jpype (or pyarrow for the pandas reader).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [ $# -lt 2 ]; then
  sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
warehouse="$(cd "$1" && pwd)"
run_date="$2"
out="${3:-$here/../jobs/target/notebooks}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
nbconvert="${JUPYTER_NBCONVERT:-/usr/bin/jupyter-nbconvert}"
if [ ! -x "$nbconvert" ]; then
  nbconvert="$(command -v jupyter-nbconvert || true)"
fi
if [ -z "$nbconvert" ]; then
  echo "run_notebooks: jupyter-nbconvert not found (apt-get install jupyter-nbconvert python3-ipykernel)" >&2
  exit 3
fi
export CITYCLUSTER_WAREHOUSE="$warehouse" CITYCLUSTER_RUN_DATE="$run_date"
export PYDEVD_DISABLE_FILE_VALIDATION=1
failed=0
for nb in "$here"/[0-9]*.ipynb; do
  name="$(basename "$nb")"
  echo "run_notebooks: executing $name"
  # --ExecutePreprocessor.timeout: a cell may take a while on a busy machine (the JVM starts once).
  if ! (cd "$here" && "$nbconvert" --to notebook --execute --ExecutePreprocessor.timeout=600 \
        --ExecutePreprocessor.kernel_name=python3 --output-dir "$out" "$name"); then
    echo "run_notebooks: FAILED: $name (see the traceback above)" >&2
    failed=1
  fi
done
if [ "$failed" -ne 0 ]; then
  exit 1
fi
echo "run_notebooks: OK: executed notebooks in $out"
