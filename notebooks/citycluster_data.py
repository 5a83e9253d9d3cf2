"""Read a citycluster warehouse from notebooks, with or without pyarrow.

Tables are read from one published partition,
``<warehouse>/<table>/level=<level>/run_date=<date>/*.parquet`` (see ../../shared/OUTPUTS.md
and ../schemas/), into pandas DataFrames with the same columns:

* backend ``pandas``: ``pandas.read_parquet`` (needs pyarrow);
* backend ``duckdb``: DuckDB's JDBC driver (org.duckdb:duckdb_jdbc) through JPype, fully offline.
  DuckDB writes the rows to a temporary CSV that pandas reads with the types DuckDB reported.

``CITYCLUSTER_DATA_BACKEND`` = ``auto`` (default: pandas when pyarrow imports, else duckdb),
``pandas`` or ``duckdb``. Geometry columns (GeoParquet WKB) come back as ``bytes``;
:func:`read_geo` decodes them with shapely into a GeoDataFrame (EPSG:4326, lon/lat).

Where things are found (environment variables, all optional):

* ``CITYCLUSTER_WAREHOUSE`` the warehouse (default: ``warehouse`` beside ``notebooks/``);
* ``CITYCLUSTER_RUN_DATE`` the run date (default: the newest published one), ``CITYCLUSTER_LEVEL``
  (default ``prefecture``);
* ``CITYCLUSTER_DUCKDB_JAR`` the DuckDB JDBC jar (default: from ``jobs/target/runtime-classpath.txt``
  written by ``./citycluster build``, else the newest one in ``~/.m2/repository``);
* ``CITYCLUSTER_JPYPE_JAR`` JPype's support jar (default: ``/usr/share/java/org.jpype.jar``, which
  Debian's python3-jpype needs on the class path, when it exists).
"""

from __future__ import annotations

import glob
import os
import re
import tempfile
from pathlib import Path

import pandas as pd

REPO = Path(__file__).resolve().parent.parent
_DUCKDB = None  # the JDBC connection, opened on first use


def warehouse() -> Path:
    """The warehouse directory."""
    return Path(os.environ.get("CITYCLUSTER_WAREHOUSE") or REPO / "warehouse").expanduser().resolve()


def level() -> str:
    """The level read by default: prefecture or county."""
    return os.environ.get("CITYCLUSTER_LEVEL") or "prefecture"


def run_dates(table: str = "clusters", lvl: str | None = None) -> list[str]:
    """The run dates published for a table and level, oldest first."""
    base = warehouse() / table / f"level={lvl or level()}"
    return sorted(p.name.split("=", 1)[1] for p in base.glob("run_date=*") if any(p.glob("*.parquet")))


def run_date() -> str:
    """The run date read by default: CITYCLUSTER_RUN_DATE, else the newest published one."""
    chosen = os.environ.get("CITYCLUSTER_RUN_DATE")
    if chosen:
        return chosen
    dates = run_dates()
    if not dates:
        raise FileNotFoundError(
            f"no published run in {warehouse()} (run ./citycluster run, or set CITYCLUSTER_WAREHOUSE)"
        )
    return dates[-1]


def partition(table: str, date: str | None = None, lvl: str | None = None) -> Path:
    """The directory of one published partition of a table."""
    return warehouse() / table / f"level={lvl or level()}" / f"run_date={date or run_date()}"


def has_table(table: str, date: str | None = None, lvl: str | None = None) -> bool:
    """True when the run published the table (newer tables may be absent from older runs)."""
    return any(partition(table, date, lvl).glob("*.parquet"))


def backend() -> str:
    """The reader in use: 'pandas' or 'duckdb'."""
    chosen = (os.environ.get("CITYCLUSTER_DATA_BACKEND") or "auto").lower()
    if chosen not in ("auto", "pandas", "duckdb"):
        raise ValueError(f"CITYCLUSTER_DATA_BACKEND must be auto, pandas or duckdb, not {chosen!r}")
    if chosen != "auto":
        return chosen
    try:
        import pyarrow  # noqa: F401

        return "pandas"
    except ImportError:
        return "duckdb"


def columns(table: str, date: str | None = None, lvl: str | None = None) -> list[str]:
    """The column names of a published table ([] when the run did not publish it)."""
    if not has_table(table, date, lvl):
        return []
    return list(_describe(table, date, lvl).keys())


def read(table: str, date: str | None = None, lvl: str | None = None, cols: list[str] | None = None) -> pd.DataFrame:
    """One published partition of a table as a DataFrame (geometry as WKB bytes)."""
    part = partition(table, date, lvl)
    if not has_table(table, date, lvl):
        raise FileNotFoundError(f"table {table} was not published in {part}")
    if backend() == "pandas":
        return pd.read_parquet(part, columns=cols)
    return _read_duckdb(table, date, lvl, cols)


def read_geo(table: str, date: str | None = None, lvl: str | None = None, cols: list[str] | None = None):
    """A table with a WKB ``geometry`` column as a GeoDataFrame in EPSG:4326 (lon/lat)."""
    import geopandas as gpd

    if cols is not None and "geometry" not in cols:
        cols = [*cols, "geometry"]
    df = read(table, date, lvl, cols)
    wkb = [None if g is None or g is pd.NA else bytes(g) for g in df["geometry"]]
    geometry = gpd.GeoSeries.from_wkb(wkb, index=df.index, crs="EPSG:4326")
    return gpd.GeoDataFrame(df.drop(columns=["geometry"]), geometry=geometry, crs="EPSG:4326")


# --- DuckDB through JPype ------------------------------------------------------------------


def duckdb_jar() -> str:
    """The DuckDB JDBC jar to use (see the module docstring)."""
    env = os.environ.get("CITYCLUSTER_DUCKDB_JAR")
    if env:
        if not Path(env).is_file():
            raise FileNotFoundError(f"CITYCLUSTER_DUCKDB_JAR={env} is not a file")
        return env
    cp = REPO / "jobs" / "target" / "runtime-classpath.txt"
    if cp.is_file():
        for entry in cp.read_text().strip().split(os.pathsep):
            if re.search(r"duckdb_jdbc-[^/]*\.jar$", entry) and Path(entry).is_file():
                return entry
    found = glob.glob(str(Path.home() / ".m2/repository/org/duckdb/duckdb_jdbc/*/duckdb_jdbc-*.jar"))
    if found:
        return sorted(found, key=lambda p: [int(x) if x.isdigit() else 0 for x in re.split(r"[.-]", Path(p).parent.name)])[-1]
    raise FileNotFoundError(
        "no DuckDB JDBC jar: run ./citycluster build (or mvn package), or set CITYCLUSTER_DUCKDB_JAR"
    )


def _connection():
    global _DUCKDB
    if _DUCKDB is not None:
        return _DUCKDB
    import jpype

    if not jpype.isJVMStarted():
        classpath = [duckdb_jar()]
        jpype_jar = os.environ.get("CITYCLUSTER_JPYPE_JAR") or "/usr/share/java/org.jpype.jar"
        if Path(jpype_jar).is_file():
            classpath.append(jpype_jar)
        jpype.startJVM(classpath=classpath, convertStrings=True)
    jpype.JClass("org.duckdb.DuckDBDriver")  # registers the driver
    props = jpype.JClass("java.util.Properties")()
    props.setProperty("autoinstall_known_extensions", "false")
    props.setProperty("autoload_known_extensions", "false")
    _DUCKDB = jpype.JClass("java.sql.DriverManager").getConnection("jdbc:duckdb:", props)
    return _DUCKDB


def _source(table, date, lvl) -> str:
    glob_path = str(partition(table, date, lvl) / "*.parquet").replace("'", "''")
    return f"read_parquet('{glob_path}', hive_partitioning = false)"


def _describe(table, date, lvl) -> dict[str, str]:
    if backend() == "pandas":
        import pyarrow.parquet as pq

        first = sorted(partition(table, date, lvl).glob("*.parquet"))[0]
        return {f.name: str(f.type) for f in pq.read_schema(first)}
    st = _connection().createStatement()
    try:
        rs = st.executeQuery(f"DESCRIBE SELECT * FROM {_source(table, date, lvl)}")
        out = {}
        while rs.next():
            out[str(rs.getString(1))] = str(rs.getString(2))
        return out
    finally:
        st.close()


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _read_duckdb(table, date, lvl, cols) -> pd.DataFrame:
    types = _describe(table, date, lvl)
    wanted = cols or list(types)
    missing = [c for c in wanted if c not in types]
    if missing:
        raise KeyError(f"{table} has no column(s) {missing}; it has {list(types)}")
    select, dtypes, parse_dates, blobs, bools = [], {}, [], [], []
    for c in wanted:
        t = types[c].upper()
        q = _quote(c)
        if t == "BLOB":
            select.append(f"hex({q}) AS {q}")
            blobs.append(c)
            dtypes[c] = "object"
        elif t in ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "UTINYINT", "USMALLINT", "UINTEGER", "HUGEINT", "UBIGINT"):
            select.append(q)
            dtypes[c] = "Int64"
        elif t in ("DOUBLE", "FLOAT", "REAL") or t.startswith("DECIMAL"):
            select.append(q)
            dtypes[c] = "float64"
        elif t == "BOOLEAN":
            select.append(q)
            bools.append(c)
            dtypes[c] = "object"
        elif t.startswith("TIMESTAMP") or t == "DATE":
            select.append(f"CAST({q} AS VARCHAR) AS {q}")
            parse_dates.append(c)
            dtypes[c] = "object"
        else:
            select.append(f"CAST({q} AS VARCHAR) AS {q}")
            dtypes[c] = "object"
    with tempfile.TemporaryDirectory(prefix="citycluster-") as tmp:
        out = str(Path(tmp) / "rows.csv").replace("'", "''")
        st = _connection().createStatement()
        try:
            st.execute(
                f"COPY (SELECT {', '.join(select)} FROM {_source(table, date, lvl)}) TO '{out}'"
                " (FORMAT csv, HEADER true, NULLSTR '\\N')"
            )
        finally:
            st.close()
        na = {c: ["\\N"] + (["nan", "inf", "-inf"] if dtypes[c] == "float64" else []) for c in wanted}
        df = pd.read_csv(Path(tmp) / "rows.csv", dtype=dtypes, na_values=na, keep_default_na=False)
    for c in blobs:
        df[c] = [None if pd.isna(v) else bytes.fromhex(v) for v in df[c]]
    for c in bools:
        df[c] = df[c].map({"true": True, "false": False}).astype("boolean")
    for c in parse_dates:
        df[c] = pd.to_datetime(df[c])
    return df
