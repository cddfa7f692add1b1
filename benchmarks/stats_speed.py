"""How long ``actplot.stats`` takes for every function of one number at N(0, 1), N(-1e5, 30²),
N(1e20, (1e8)²), N(3, (1e-9)²) and N(±40, 1), N(±38, 1) (where a kink's neighbourhood lies at
z = 37 to 41 and φ is below the doubles), and the slowest cases of a sweep over N(0, 1e-300²),
N(1e300, 1), N(-1e300, 1e299²), N(±1e15, 1e14²), N(1e8, 1e7²), N(±38, 1), N(±40, 1), N(±1e3, 1)
(``WORST``), against a baseline checkout, slowest first.

    python benchmarks/stats_speed.py --baseline /work/main      # this checkout against main's
    python benchmarks/stats_speed.py --top 10 --runs 3

Each checkout's library runs in its own Python process (a worker that imports it and answers one
case a line); the cases go to the two workers in turn (candidate, baseline, candidate, ...), after a
warm-up call, so that other load on the machine affects both alike. A time is the call's wall time
in the worker, the best of ``--runs``, with the closed forms' cache emptied before each call (so
that sinc's mpmath quadrature is counted every time). Ratios are candidate / baseline.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POINTS = ((0.0, 1.0), (-1e5, 30.0), (1e20, 1e8), (3.0, 1e-9), (40.0, 1.0), (-40.0, 1.0), (38.0, 1.0), (-38.0, 1.0))
# (function, mean, std, parameters): over 1 s in that sweep, or where an accuracy fix added work
WORST = (
    ("celu", 0.0, 1.0, {"alpha": -1e-300}),
    ("xielu", -1e300, 1e299, {}),
    ("xielu", 1e300, 1e299, {}),
    ("quick_gelu", -1e300, 1e299, {}),
    ("elish", -1e300, 1e299, {}),
    ("hard_elish", -1e300, 1e299, {}),
    ("squareplus", -1e300, 1e299, {}),
    ("gelu_10", -1e300, 1e299, {}),
    ("gelu", -1e300, 1e299, {}),
    ("laplace", -1e300, 1e299, {}),
    ("sinc", 1e15, 1e14, {}),
    ("elish", -1e15, 1e14, {}),
    ("softsign", 1.2e15, 1e14, {}),
    ("arctan", 1.2e15, 1e14, {}),
)

WORKER = """
import json, sys, time
sys.path.insert(0, sys.argv[1])
import actplot
from actplot import _closed_forms
from actplot.stats import refusal, stats
actplot.stats("relu")
print(json.dumps([n for n in actplot.names() if refusal(actplot.get(n)) is None]), flush=True)
for line in sys.stdin:
    name, mean, std, params, runs = json.loads(line)
    best = float("inf")
    for _ in range(runs):
        _closed_forms._remembered.cache_clear()
        start = time.perf_counter()
        stats(name, mean=mean, std=std, **params)
        best = min(best, time.perf_counter() - start)
    print(json.dumps(best), flush=True)
"""


def _worker(checkout: Path) -> tuple[subprocess.Popen, list[str]]:
    process = subprocess.Popen(
        [sys.executable, "-c", WORKER, str(checkout)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    return process, json.loads(process.stdout.readline())


def _ask(process: subprocess.Popen, name: str, mean: float, std: float, params: dict, runs: int) -> float:
    process.stdin.write(json.dumps([name, mean, std, params, runs]) + "\n")
    process.stdin.flush()
    return json.loads(process.stdout.readline())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", type=Path, help="a checkout of actplot to compare with (e.g. /work/main)")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--top", type=int, default=10, help="how many of the slowest cases to print")
    args = parser.parse_args()
    candidate, names = _worker(ROOT)
    baseline = _worker(args.baseline)[0] if args.baseline else None
    rows = []
    cases = [(name, mean, std, {}) for name in names for mean, std in POINTS] + list(WORST)
    for name, mean, std, params in cases:
        new = _ask(candidate, name, mean, std, params, args.runs)
        old = _ask(baseline, name, mean, std, params, args.runs) if baseline else None
        label = name + "".join(f":{key}={value}" for key, value in params.items())
        rows.append((label, mean, std, new, old))
    for process in (candidate, baseline):
        if process:
            process.stdin.close()
            process.wait()
    print(f"{len(rows)} cases; candidate total {sum(r[3] for r in rows):.1f} s", end="")
    print(f", baseline total {sum(r[4] for r in rows):.1f} s" if baseline else "")
    print(f"{'function':<24} {'mean':>8} {'std':>7} {'candidate':>10} {'baseline':>9} {'ratio':>6}")
    slowest = sorted(rows, key=lambda r: -max(r[3], r[4] or 0.0))[: args.top]
    for name, mean, std, new, old in slowest:
        tail = f"{old:8.3f}s {new / old:6.2f}" if old is not None else ""
        print(f"{name:<24} {mean:>8.3g} {std:>7.3g} {new:9.3f}s {tail}")
    over = [r for r in rows if r[3] > 1.0]
    print(f"over 1 s (candidate): {', '.join(f'{r[0]} N({r[1]:g}, {r[2]:g}^2)' for r in over) or 'none'}")


if __name__ == "__main__":
    main()
