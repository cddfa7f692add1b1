"""The accuracy report: the worst error, in ulp, of every function and derivative against mpmath.

    python benchmarks/ulp_report.py                 # the full report (a few minutes on 2 cores)
    python benchmarks/ulp_report.py --points 2000   # a quicker, smaller sample
    python benchmarks/ulp_report.py --check         # and fail unless info and the README agree

For every case of the tests (``tests/reference.py``: each function with its default parameters
and a spread of others, alpha, beta, T = 0.1, 0.3, 3.7, 1e-3 and more, negative alpha for celu)
it measures the deterministic grid of the accuracy tests and a random sample (seeded, so the
report is reproducible): magnitudes log-uniform from 1e-320 to 1e308 of both signs, the region
where the functions bend, and points dense around every landmark, kinks, roots, and where a value
or derivative goes subnormal, underflows or overflows (found from the reference itself); for the
vector functions, rows whose logits ``c + T·u`` reach every part of exp's range. The reference is
mpmath at 300 bits written from the definitions, independent of actplot's code.

It prints the worst error of each case, then one row per function (the worst over its cases),
which is what the records' ``measured_ulp`` (``actplot info``) and the README's accuracy table
quote; ``--check`` compares them and exits 1 where they differ.
"""

from __future__ import annotations

import argparse
import math
import sys
from multiprocessing import Pool
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]  # this checkout's library, and the tests' reference

from reference import CASES, ULP_TOLERANCE, Worst, measure, readme_accuracy_table, sample  # noqa: E402

import actplot  # noqa: E402

SEED = 2026


def _measure(job) -> tuple[str, Worst, Worst]:
    case, points, seed = job
    record = actplot.get(case.name)
    inputs = sample(case, points // 10 if case.vector else points, seed)
    worst = []
    for derivative in (False, True):
        function = record.derivative if derivative else record.function

        def evaluate(x, function=function):
            return function(x, **case.kwargs)

        grid = measure(case, evaluate, derivative=derivative)
        random = measure(case, evaluate, derivative=derivative, points=inputs)
        worst.append(max(grid, random, key=lambda w: w.error))
    return str(case), worst[0], worst[1]


def ceiling(error: float) -> float:
    """An error as the report quotes it: two decimals, rounded up (0 stays 0)."""
    return math.ceil(error * 100 - 1e-9) / 100 if error > 0 else 0.0


def _where(worst: Worst) -> str:
    if isinstance(worst.x, float):
        return repr(worst.x)
    shown = ", ".join(f"{v:.4g}" for v in worst.x[:3])
    return f"[{shown}{', ...' if len(worst.x) > 3 else ''}]"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=20000, help="random inputs a scalar case (rows: a tenth)")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--jobs", type=int, default=2, help="processes (default 2)")
    parser.add_argument("--check", action="store_true", help="exit 1 unless info and the README quote this report")
    args = parser.parse_args()
    for case in CASES:  # the landmarks, once, before the workers copy the cases
        case.landmarks()
    jobs = [(case, args.points, args.seed) for case in CASES]
    with Pool(args.jobs) as pool:
        results = pool.map(_measure, jobs, chunksize=1)

    header = ("case", "value ulp", "at x", "derivative ulp", "at x")
    rows = [(name, f"{v.error:.3g}", _where(v), f"{d.error:.3g}", _where(d)) for name, v, d in results]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, tuple("-" * w for w in widths), *rows]:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())

    by_function: dict[str, list[float]] = {}
    for (_, value, slope), case in zip(results, CASES, strict=True):
        worst = by_function.setdefault(case.name, [0.0, 0.0])
        worst[0], worst[1] = max(worst[0], value.error), max(worst[1], slope.error)
    print(f"\nBy function, the worst over its cases ({args.points} random inputs a scalar case, seed {args.seed}):\n")
    print("| function | value | derivative |\n|---|---|---|")
    for name, (value, slope) in by_function.items():
        print(f"| `{name}` | {ceiling(value):g} | {ceiling(slope):g} |")

    offenders = [
        f"{name}{prime}: {worst}"
        for name, value, slope in results
        for prime, worst in (("", value), ("'", slope))
        if worst.error > ULP_TOLERANCE
    ]
    print(f"\nAbove {ULP_TOLERANCE:g} ulp: " + ("none" if not offenders else ""))
    for offender in offenders:
        print("  " + offender)
    status = 1 if offenders else 0

    if args.check:
        readme = readme_accuracy_table(ROOT / "README.md")
        for name, (value, slope) in by_function.items():
            quoted = (ceiling(value), ceiling(slope))
            if tuple(actplot.get(name).measured_ulp) != quoted:
                print(f"info {name}: measured_ulp {actplot.get(name).measured_ulp}, this report {quoted}")
                status = 1
            if readme.get(name) != quoted:
                print(f"README {name}: {readme.get(name)}, this report {quoted}")
                status = 1
        print("check: " + ("info and the README quote this report" if status == 0 else "they differ (above)"))
    return status


if __name__ == "__main__":
    sys.exit(main())
