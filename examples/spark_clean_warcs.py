#!/usr/bin/env python3
"""Clean a list of WARC files with PySpark and deboil: one Spark task per file, each
streaming its file through ``deboil.iter_warc``, the records written as Parquet.

    python examples/spark_clean_warcs.py OUT_DIR WARC [WARC ...]
    python examples/spark_clean_warcs.py OUT_DIR --paths-from LIST    # one path a line

Without ``--master`` (and without a master given by spark-submit) Spark runs in local
mode with two workers (``local[2]``). On a cluster, submit the same script; every
executor needs the ``deboil`` package (``pip install ./python``, or ship the wheel) and
every path must be readable where the executor runs (a shared filesystem; for object
stores, copy the file to local disk in ``clean_partition`` first):

    spark-submit --master yarn --deploy-mode cluster --num-executors 64 \\
        --executor-cores 2 --conf spark.task.cpus=2 \\
        examples/spark_clean_warcs.py hdfs:///clean/cc-2026 --paths-from warc.paths \\
        --threads 2

Each task cleans one file with ``--threads`` threads (default 1; set
``spark.task.cpus`` to match), in bounded memory whatever the file's size. The Parquet
rows have the record's main fields (id, source, url, canonical, title, byline,
published, lang, site, text), ``removed`` (pieces taken out), the WARC origin
(``warc_file``, ``warc_offset``, ``warc_date``) and, for a record that could not be
cleaned, ``error_kind`` and ``error_message`` (its text is then null).
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any, Dict, Iterable, Iterator, List

from pyspark.sql import SparkSession
from pyspark.sql.types import LongType, StringType, StructField, StructType

import deboil

FIELDS = ["id", "source", "url", "canonical", "title", "byline", "published", "lang", "site", "text"]

SCHEMA = StructType(
    [StructField(name, StringType(), nullable=name not in ("id", "source")) for name in FIELDS]
    + [
        StructField("removed", LongType()),
        StructField("warc_file", StringType()),
        StructField("warc_offset", LongType()),
        StructField("warc_date", StringType()),
        StructField("error_kind", StringType()),
        StructField("error_message", StringType()),
    ]
)


def row(record: Dict[str, Any]) -> tuple:
    """A Parquet row of a deboil record (an article or an error record)."""
    warc = record.get("warc") or {}
    error = record.get("error") or {}
    removed = None if error else len(record.get("removed") or [])
    return tuple(record.get(name) for name in FIELDS) + (
        removed,
        warc.get("file"),
        warc.get("offset"),
        warc.get("date"),
        error.get("kind"),
        error.get("message"),
    )


def clean_partition(paths: Iterable[str], options: deboil.Options, threads: int) -> Iterator[tuple]:
    """The rows of every WARC file of one partition (one file per task), streamed."""
    for path in paths:
        for record in options.iter_warc(path, threads=threads):
            yield row(record)


def read_paths(args: argparse.Namespace) -> List[str]:
    """The WARC paths from the arguments or the list file."""
    paths = list(args.warcs)
    if args.paths_from:
        with open(args.paths_from, encoding="utf-8") as listing:
            paths += [line.strip() for line in listing if line.strip() and not line.startswith("#")]
    if not paths:
        raise SystemExit("no WARC files given")
    return paths


def main() -> None:
    """Clean the WARC files into OUT_DIR as Parquet."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", help="Parquet output folder (replaced)")
    parser.add_argument("warcs", nargs="*", help="WARC files")
    parser.add_argument("--paths-from", help="a file listing WARC paths, one a line")
    parser.add_argument("--master", help="Spark master (default: spark-submit's, else local[2])")
    parser.add_argument("--threads", type=int, default=1, help="deboil threads per task")
    parser.add_argument("--no-explain", action="store_true", help="do not list removed pieces (removed is 0)")
    args = parser.parse_args()
    paths = read_paths(args)
    # Local mode: the workers run this very interpreter, where deboil is installed.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName("deboil-clean-warcs")
    if args.master:
        builder = builder.master(args.master)
    elif not os.environ.get("PYSPARK_GATEWAY_PORT"):
        # Not started by spark-submit (which sets the gateway and the master): local mode.
        builder = builder.master("local[2]")
    spark = builder.getOrCreate()
    options = deboil.Options(explain=not args.no_explain)
    threads = args.threads
    try:
        rows = spark.sparkContext.parallelize(paths, numSlices=len(paths)).mapPartitions(
            lambda part: clean_partition(part, options, threads)
        )
        frame = spark.createDataFrame(rows, SCHEMA)
        frame.write.mode("overwrite").parquet(args.out_dir)
        written = spark.read.parquet(args.out_dir)
        print(f"{written.count()} records from {len(paths)} WARC files written to {args.out_dir}")
    finally:
        spark.stop()


if __name__ == "__main__":
    main()
