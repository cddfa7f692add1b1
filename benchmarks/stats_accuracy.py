"""Print how close ``actplot stats`` comes to mpmath: for each figure, the largest relative error
over the tests' cases (every function and parameter setting of the reference at N(0, 1), N(0.5, 2²)
and N(-1.5, 0.7²), and the unbounded functions at N(0, 30²), N(±25, 10²)), and where.

    python benchmarks/stats_accuracy.py

The exact figures are those the tests use (``tests/stats_reference.py``, cached in
``tests/data/stats_mpmath.json``). A mean whose integral cancels (positive and negative parts
nearly equal) is measured relative to E|f| instead, as the tests do, and marked ``*``.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]  # this checkout's library, and the tests' reference

import stats_reference  # noqa: E402
from mpmath import mp, mpf  # noqa: E402

from actplot import stats  # noqa: E402

FIGURES = ("mean", "variance", "second_moment", "derivative_mean", "derivative_second_moment", "dead_fraction", "gain")


def main() -> None:
    worst = {name: (0.0, "", False) for name in FIGURES}
    cancelling = []
    for case, mean, std in stats_reference.cached_cases():
        result = stats(case.name, mean=mean, std=std, **case.kwargs)
        exact = stats_reference.exact(case, mean, std)
        with mp.workdps(50):
            for name in FIGURES:
                if name not in exact:
                    continue
                error = abs(mpf(getattr(result, name)) - exact[name])
                size = abs(exact[name])
                scale = exact.get(name + "_abs", size)
                relaxed = error > 1e-12 * size and scale > size
                relative = float(error / (scale if relaxed else size)) if (scale if relaxed else size) else 0.0
                if relaxed:
                    cancelling.append(f"{stats_reference.key(case, mean, std)}: {name} ({relative:.1e} of E|h|)")
                if relative > worst[name][0]:
                    worst[name] = (relative, stats_reference.key(case, mean, std), relaxed)
    print(f"{'figure':26}{'largest relative error':>24}  where")
    for name, (relative, where, relaxed) in worst.items():
        print(f"{name:26}{relative:>23.2e}{'*' if relaxed else ' '}  {where}")
    print("measured relative to E|h|, where the integral cancels:", "; ".join(cancelling) or "none")


if __name__ == "__main__":
    main()
