"""Print the worst ulp error of every function and derivative over the accuracy tests' grid.

    python benchmarks/ulp_report.py

The grid, the cases and the reference are those of ``tests/test_accuracy.py`` (one copy, in
``tests/reference.py``). A derivative's error marked ``*`` is measured, near the derivative's
root, in units of 2**-53 times its larger term, as the tests do.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]  # this checkout's library, and the tests' reference

from reference import CASES, ULP_TOLERANCE, Worst, measure  # noqa: E402

import actplot  # noqa: E402


def _worst(case, derivative: bool) -> Worst:
    record = actplot.get(case.name)
    function = record.derivative if derivative else record.function
    return measure(case, lambda x: function(x, **case.kwargs), derivative=derivative)


def _cells(worst: Worst) -> tuple[str, str]:
    mark = "*" if worst.relaxed else ("!" if worst.error > ULP_TOLERANCE else "")
    if isinstance(worst.x, float):
        where = repr(worst.x)
    else:  # a vector: abbreviated here, given in full in the list of offenders
        shown = ", ".join(f"{v:.4g}" for v in worst.x[:4])
        where = f"[{shown}{', ...' if len(worst.x) > 4 else ''}]"
    return f"{worst.error:.3g}{mark}", where


def main() -> int:
    header = ("function", "value ulp", "at x", "derivative ulp", "at x")
    rows, offenders = [], []
    for case in CASES:
        value, slope = _worst(case, derivative=False), _worst(case, derivative=True)
        rows.append((str(case), *_cells(value), *_cells(slope)))
        for label, worst in ((str(case), value), (f"{case}'", slope)):
            if worst.error > ULP_TOLERANCE:
                offenders.append(f"{label}: {worst}")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, tuple("-" * w for w in widths), *rows]:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    print(f"\n* near a derivative's root (see the docstring)   ! above {ULP_TOLERANCE:g} ulp:")
    for offender in offenders or ["none"]:
        print("  " + offender)
    return 1 if offenders else 0


if __name__ == "__main__":
    sys.exit(main())
