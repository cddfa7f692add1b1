"""How fast actplot draws a plot, side by side with a plain pyplot script, in one run.

Each command is a whole process, timed from start to exit with ``time.perf_counter`` around
``subprocess.run``; the commands of a case run interleaved (A, B, C, A, B, C, ...) so that drift
in the machine's load hits all of them alike, after one warm-up round. The baseline is the
article's sigmoid script on ``matplotlib.pyplot`` (the article imports ``matplotlib.pylab``,
which is slower to import: not the fair baseline) with ``plt.savefig`` in place of ``plt.show``
and ``MPLBACKEND=Agg``, so that it runs headless. The goals (SPEC.md, Speed; issue 8): the
article's figure at most 0.8x the baseline's time, and a page of the cheat sheet as PNG in at
most 1.2 s.

    python benchmarks/plot_speed.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from _bytecode import compile_actplot, find_actplot

GOAL = 0.8  # the largest acceptable ratio candidate / baseline for the article's figure
SHEET_GOAL = 1.2  # seconds for `actplot sheet -o sheet.png` (one A4 page)

# The article's code (without its comments) on pyplot, savefig in place of show; {x} is how it samples x.
ARTICLE_SCRIPT = """\
import numpy as np
import matplotlib.pyplot as plt

def sigmoid(x):
    return 1 / (1 + np.exp(-x))
x = {x}
y = sigmoid(x)
plt.plot(x, y)
plt.ylim(-0.1, 1.1)
plt.savefig({path!r})
"""


@dataclass
class Case:
    slug: str
    title: str
    baseline_x: str  # how the article's script samples x
    options: list[str]  # actplot's options beyond the article's range
    startup: bool  # the article's figure: start-up dominates, so also time `python -m actplot`, and GOAL applies


CASES = [
    Case("small", "the article's sigmoid figure (about 100 points)", "np.arange(-5.0, 5.0, 0.1)", [], True),
    Case("big", "a 10^6-point sigmoid curve", "np.linspace(-5, 5, 10**6)", ["--num", "1000000"], False),
]


def commands(case: Case, workdir: Path) -> dict[str, list[str]]:
    """The processes to compare for a case: the article's script first, as the baseline."""
    script = workdir / f"article_{case.slug}.py"
    script.write_text(ARTICLE_SCRIPT.format(x=case.baseline_x, path=str(workdir / f"article_{case.slug}.png")))
    plot = ["sigmoid", "--range", "-5", "5", *case.options, "-o"]
    named = {
        "pyplot script": [sys.executable, str(script)],
        "actplot": [find_actplot(), *plot, str(workdir / f"actplot_{case.slug}.png")],
    }
    if case.startup:
        named["python -m actplot"] = [sys.executable, "-m", "actplot", *plot, str(workdir / f"module_{case.slug}.png")]
    return named


def run(command: list[str], env: dict[str, str]) -> float:
    """Seconds from start to exit of one process; a failure stops the benchmark."""
    start = time.perf_counter()
    result = subprocess.run(command, env=env, capture_output=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"failed ({result.returncode}): {' '.join(command)}\n{result.stderr.decode(errors='replace')}")
    return elapsed


def measure(named: dict[str, list[str]], runs: int, env: dict[str, str]) -> dict[str, list[float]]:
    """Wall times of ``runs`` interleaved rounds, after one warm-up round that is not counted."""
    for command in named.values():
        run(command, env)
    times: dict[str, list[float]] = {name: [] for name in named}
    for _ in range(runs):
        for name, command in named.items():
            times[name].append(run(command, env))
    return times


def report(case: Case, times: dict[str, list[float]]) -> None:
    baseline_name, *candidates = times
    baseline = times[baseline_name]
    print(f"\n{case.title}")
    print(f"  {'command':<26}{'median':>9}{'min':>9}")
    for name, seconds in times.items():
        print(f"  {name:<26}{statistics.median(seconds):>8.3f}s{min(seconds):>8.3f}s")
    for name in candidates:
        ratio = statistics.median(times[name]) / statistics.median(baseline)
        verdict = f"; {'meets' if ratio <= GOAL else 'MISSES'} the goal of <= {GOAL}x" if case.startup else ""
        best = min(times[name]) / min(baseline)
        print(f"  ratio {name} / pyplot script: {ratio:.2f}x of the medians ({best:.2f}x of the minima){verdict}")


def sheet(runs: int, env: dict[str, str], workdir: Path) -> None:
    """The cheat sheet's page as PNG (150 dpi, the default), against its goal in seconds."""
    # One page (a PNG holds one): the five families of the README's page, 22 panels.
    families = [arg for family in ("linear", "sigmoid", "relu", "threshold", "shrink") for arg in ("--family", family)]
    command = [find_actplot(), "sheet", *families, "-o", str(workdir / "sheet.png")]
    times = measure({"actplot sheet -o sheet.png": command}, runs, env)["actplot sheet -o sheet.png"]
    median = statistics.median(times)
    verdict = "meets" if median <= SHEET_GOAL else "MISSES"
    print("\nthe cheat sheet, one A4 page as PNG")
    print(f"  {'command':<26}{'median':>9}{'min':>9}")
    print(f"  {'actplot sheet -o sheet.png':<26}{median:>8.3f}s{min(times):>8.3f}s")
    print(f"  {verdict} the goal of <= {SHEET_GOAL} s (median)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10, help="timed runs of each command (default 10)")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    env = {**os.environ, "MPLBACKEND": "Agg"}
    compile_actplot()
    print(f"{args.runs} interleaved runs of each command after one warm-up; wall time of the whole process")
    with tempfile.TemporaryDirectory(prefix="actplot-bench-") as directory:
        for case in CASES:
            report(case, measure(commands(case, Path(directory)), args.runs, env))
        sheet(args.runs, env, Path(directory))


if __name__ == "__main__":
    main()
