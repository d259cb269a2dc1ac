#!/usr/bin/env python3
"""Speed of the Python package, in one run, on the same pages:

* the command line, ``deboil clean -j1 DIR`` (release binary, end to end: start-up,
  reading and gunzipping the files, cleaning, writing JSON Lines to a file);
* ``deboil.clean_file`` on one thread, path by path: the same work from Python
  (reading, gunzipping, cleaning, the record as a dict). Its overhead over the command
  line is the issue's target (at most 10%);
* ``deboil.clean`` and ``trafilatura.extract(fast=True)`` on the same pages held in
  memory (decompressed), one thread each;
* ``deboil.clean_many`` on 1 and 2 threads (target: 2 threads at least 1.6 times as
  fast as 1).

    python python/bench/bench.py [--pages DIR] [--cli target/release/deboil] [--repeat 3] [--limit N]

Defaults: the dev corpus pages ``../shared/corpus/wcxb-dev/pages/*.html.gz`` (relative
to the repository) and ``target/release/deboil``. Each figure is the fastest of
``--repeat`` runs (wall clock), with the least CPU time (user and system, the CLI's
process included) beside it, which load from other processes disturbs less; the table
gives pages per second and MB per second of decompressed HTML.
"""

from __future__ import annotations

import argparse
import gzip
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable, List, Tuple

import deboil

REPO = Path(__file__).resolve().parents[2]


def cpu_seconds() -> float:
    """CPU time (user and system) of this process and its finished children so far."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def best_of(repeat: int, run: Callable[[], object]) -> Tuple[float, float]:
    """The fastest wall time and the least CPU time of `repeat` runs of `run`, in
    seconds (CPU time counts the command line's process too, and is what another
    process's load on the machine disturbs least)."""
    walls, cpus = [], []
    for _ in range(repeat):
        started, cpu = time.perf_counter(), cpu_seconds()
        run()
        walls.append(time.perf_counter() - started)
        cpus.append(cpu_seconds() - cpu)
    return min(walls), min(cpus)


def pages_in(folder: Path, limit: int) -> List[Path]:
    """The corpus pages (``*.html.gz``, ``*.html``), sorted, at most `limit` (0: all)."""
    pages = sorted(p for p in folder.iterdir() if p.name.endswith((".html.gz", ".html")))
    return pages[:limit] if limit else pages


def linked_copy(pages: List[Path], into: Path) -> Path:
    """A folder holding exactly `pages` (symbolic links), for the command line."""
    folder = into / "pages"
    folder.mkdir()
    for page in pages:
        (folder / page.name).symlink_to(page.resolve())
    return folder


def run_cli(cli: Path, folder: Path, out: Path) -> None:
    """``deboil clean -j1 FOLDER --output OUT``; fails loudly."""
    done = subprocess.run(
        [str(cli), "clean", "-j1", "--follow-links", str(folder), "--output", str(out)],
        capture_output=True,
    )
    if done.returncode not in (0, 1):
        raise SystemExit(f"deboil clean failed: {done.stderr.decode(errors='replace')}")


def check_same_records(cli_out: Path, pages: List[Path]) -> int:
    """The number of pages whose Python record differs from the CLI's (id aside)."""
    import json

    with open(cli_out, encoding="utf-8") as lines:
        cli_records = [json.loads(line) for line in lines]
    python_records = deboil.clean_many([p.read_bytes() for p in pages], threads=None)
    differ = 0
    for want, got in zip(cli_records, python_records):
        want = {k: v for k, v in want.items() if k not in ("id", "source")}
        got = {k: v for k, v in got.items() if k not in ("id", "source")}
        differ += want != got
    return differ + abs(len(cli_records) - len(python_records))


def row(name: str, times: Tuple[float, float], count: int, megabytes: float, base: Tuple[float, float]) -> str:
    """One table row: wall seconds, pages/s, MB/s, wall and CPU time against the CLI's."""
    seconds, cpu = times
    return (
        f"| {name:<44} | {seconds:8.2f} | {count / seconds:8.1f} | {megabytes / seconds:6.2f} |"
        f" {seconds / base[0]:6.2f} | {cpu:8.2f} | {cpu / base[1]:6.2f} |"
    )


def main() -> None:
    """Measure and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=Path, default=REPO.parent / "shared/corpus/wcxb-dev/pages")
    parser.add_argument("--cli", type=Path, default=REPO / "target/release/deboil")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--limit", type=int, default=0, help="use the first N pages only")
    parser.add_argument("--no-trafilatura", action="store_true", help="leave trafilatura out")
    args = parser.parse_args()
    if not args.cli.is_file():
        raise SystemExit(f"{args.cli} not found: build it with `cargo build --release`")
    pages = pages_in(args.pages, args.limit)
    raw = [gzip.decompress(p.read_bytes()) if p.name.endswith(".gz") else p.read_bytes() for p in pages]
    megabytes = sum(map(len, raw)) / 1e6
    count = len(pages)
    print(f"{count} pages, {megabytes:.1f} MB of HTML, best of {args.repeat}, {os.cpu_count()} CPUs, "
          f"deboil {deboil.__version__}, Python {sys.version.split()[0]}")
    results: List[Tuple[str, Tuple[float, float]]] = []
    with tempfile.TemporaryDirectory() as temp:
        folder = linked_copy(pages, Path(temp))
        out = Path(temp) / "records.jsonl"
        results.append(("CLI `deboil clean -j1 DIR` (files, gzip)", best_of(args.repeat, lambda: run_cli(args.cli, folder, out))))
        differ = check_same_records(out, sorted(folder.iterdir()))
        names = sorted(folder.iterdir())
        results.append(("deboil.clean_file, 1 thread (files, gzip)", best_of(args.repeat, lambda: [deboil.clean_file(p) for p in names])))
    results.append(("deboil.clean, 1 thread (in memory)", best_of(args.repeat, lambda: [deboil.clean(r) for r in raw])))
    if not args.no_trafilatura:
        import trafilatura

        results.append(("trafilatura.extract(fast=True) (in memory)", best_of(args.repeat, lambda: [trafilatura.extract(r, fast=True) for r in raw])))
    many1 = best_of(args.repeat, lambda: deboil.clean_many(raw, threads=1))
    many2 = best_of(args.repeat, lambda: deboil.clean_many(raw, threads=2))
    results += [("deboil.clean_many, threads=1 (in memory)", many1), ("deboil.clean_many, threads=2 (in memory)", many2)]
    base = results[0][1]
    print()
    print(f"| {'run':<44} | {'seconds':>8} | {'pages/s':>8} | {'MB/s':>6} | {'vs CLI':>6} | {'CPU s':>8} | {'vs CLI':>6} |")
    print(f"|{'-' * 46}|{'-' * 10}|{'-' * 10}|{'-' * 8}|{'-' * 8}|{'-' * 10}|{'-' * 8}|")
    for name, seconds in results:
        print(row(name, seconds, count, megabytes, base))
    print()
    wall, cpu = (results[1][1][i] / base[i] - 1 for i in (0, 1))
    print(f"Python (clean_file, 1 thread) vs CLI -j1: wall {wall:+.1%}, CPU {cpu:+.1%} (target: at most +10%)")
    timed = dict(results)
    if "trafilatura.extract(fast=True) (in memory)" in timed:
        ratio = timed["trafilatura.extract(fast=True) (in memory)"][0] / timed["deboil.clean, 1 thread (in memory)"][0]
        print(f"deboil.clean vs trafilatura.extract(fast=True): {ratio:.2f}x as fast")
    print(f"clean_many 2 threads vs 1 (wall): {many1[0] / many2[0]:.2f}x (target: at least 1.6x)")
    print(f"load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"records differing from the CLI's (id and source aside): {differ} of {count}")
    if (os.cpu_count() or 1) < 2:
        print("note: fewer than 2 CPUs, the 2-thread figure cannot show a speed-up")


if __name__ == "__main__":
    main()
