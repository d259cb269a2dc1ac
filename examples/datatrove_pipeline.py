#!/usr/bin/env python3
"""Clean a folder of WARC files with datatrove and deboil: WarcReader -> DeboilExtractor
-> JsonlWriter, on datatrove's local executor.

    python examples/datatrove_pipeline.py CRAWL_DIR OUT_DIR [--tasks 4] [--workers 2]

Every WARC file under CRAWL_DIR (``*.warc.gz`` by default, ``--glob`` to change) is
read by datatrove's WarcReader (2xx HTML responses and WET conversions), each page is
cleaned in-process by deboil (its text replaced by the clean body; title, byline,
published, lang and the removed count added to the metadata; pages without article
text dropped), and the documents are written to OUT_DIR/NNNNN.jsonl.gz, one file per
task. datatrove's stats (kept, dropped, clean errors by kind) and logs go to
``--logging-dir`` (default: OUT_DIR/../logs-<name of OUT_DIR>).

On a Slurm cluster, build the same pipeline and swap the executor; each of the
``tasks`` array tasks reads its share of the files:

    from datatrove.executor import SlurmPipelineExecutor

    SlurmPipelineExecutor(
        pipeline=pipeline(crawl_dir, out_dir),
        tasks=512,                 # files are spread over the tasks
        time="04:00:00",
        partition="cpu",           # your cluster's partition
        cpus_per_task=1,           # deboil cleans one document at a time per task
        mem_per_cpu_gb=2,
        job_name="deboil",
        logging_dir="s3://bucket/logs/deboil",  # any fsspec path every node reaches
    ).run()

The ``deboil`` package must be installed in the environment the Slurm jobs run
(``pip install ./python`` from the repository, or the wheel it builds).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.readers import WarcReader
from datatrove.pipeline.writers import JsonlWriter

from deboil.datatrove import DeboilExtractor


def pipeline(crawl_dir: str, out_dir: str, glob: str = "*.warc.gz", keep_record: bool = False) -> list:
    """The steps: read the WARC files, clean with deboil, write JSON Lines."""
    return [
        WarcReader(crawl_dir, glob_pattern=glob),
        DeboilExtractor(keep_record=keep_record),
        JsonlWriter(out_dir),
    ]


def main() -> None:
    """Run the pipeline on the local machine."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("crawl_dir", help="folder of WARC files (read recursively)")
    parser.add_argument("out_dir", help="folder for the cleaned documents (NNNNN.jsonl.gz)")
    parser.add_argument("--glob", default="*.warc.gz", help="which files to read (default: *.warc.gz)")
    parser.add_argument("--tasks", type=int, default=1, help="tasks the files are split into")
    parser.add_argument("--workers", type=int, default=-1, help="tasks run at once (default: all)")
    parser.add_argument("--logging-dir", help="datatrove's logs and stats")
    parser.add_argument("--keep-record", action="store_true", help="store deboil's whole record in metadata['deboil']")
    args = parser.parse_args()
    out = Path(args.out_dir)
    logging_dir = args.logging_dir or str(out.parent / f"logs-{out.name}")
    LocalPipelineExecutor(
        pipeline=pipeline(args.crawl_dir, args.out_dir, args.glob, args.keep_record),
        tasks=args.tasks,
        workers=args.workers,
        logging_dir=logging_dir,
    ).run()


if __name__ == "__main__":
    main()
