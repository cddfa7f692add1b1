"""The Python API against the naive numpy formula, for every function and derivative.

    python benchmarks/api_speed.py                 # 10^7 values, best of 5 runs each
    python benchmarks/api_speed.py --size 1e6 --runs 3

Each function (and derivative) of actplot is timed on the same 10^7 doubles (vector functions on
10^4 rows of 1000) next to the formula a numpy user would write for it (the textbook one, with the
max subtracted in softmax; gelu's through ``scipy.special.erf``, as numpy has no erf; scipy is
installed with actplot, for ``stats``). The runs are interleaved (actplot, naive,
actplot, ...) after a warm-up, and the best of each is kept, so that other load on the machine
affects both alike. Goal (SPEC, Speed): no ratio above 3. The inputs are normal with scale 3 (no
overflow in the naive formulas), plus the API's conversion and checks for every call.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import actplot  # noqa: E402

SQRT2 = math.sqrt(2.0)
SQRT_2_OVER_PI = math.sqrt(2.0 / math.pi)
SELU_ALPHA, SELU_SCALE = 1.6732632423543772, 1.0507009873554805


def _erf():
    try:
        from scipy.special import erf
    except ImportError:
        return None
    return erf


def _sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def _softmax(x):
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def naive_formulas() -> dict:
    """name -> (f, f'), the naive numpy formulas (None where there is none without scipy)."""
    erf = _erf()

    def gelu(x):
        return 0.5 * x * (1.0 + erf(x / SQRT2))

    def d_gelu(x):
        return 0.5 * (1.0 + erf(x / SQRT2)) + x * np.exp(-0.5 * x * x) / math.sqrt(2 * math.pi)

    def gelu_tanh(x):
        return 0.5 * x * (1.0 + np.tanh(SQRT_2_OVER_PI * (x + 0.044715 * x**3)))

    def d_gelu_tanh(x):
        th = np.tanh(SQRT_2_OVER_PI * (x + 0.044715 * x**3))
        return 0.5 * (1 + th) + 0.5 * x * (1 - th * th) * SQRT_2_OVER_PI * (1 + 3 * 0.044715 * x * x)

    def mish(x):
        return x * np.tanh(np.log1p(np.exp(x)))

    def d_mish(x):
        sp = np.log1p(np.exp(x))
        th = np.tanh(sp)
        return th + x * (1 - th * th) * _sigmoid(x)

    def d_silu(x):
        s = _sigmoid(x)
        return s * (1 + x * (1 - s))

    def d_sigmoid(x):
        s = _sigmoid(x)
        return s * (1 - s)

    def log_softmax(x):
        z = x - x.max(axis=-1, keepdims=True)
        return z - np.log(np.exp(z).sum(axis=-1, keepdims=True))

    def d_softmax(x):
        p = _softmax(x)
        return p * (1 - p)

    return {
        "identity": (lambda x: np.array(x), lambda x: np.ones_like(x)),
        "step": (lambda x: np.where(x > 0, 1.0, 0.0), lambda x: np.zeros_like(x)),
        "sigmoid": (_sigmoid, d_sigmoid),
        "relu": (lambda x: np.maximum(x, 0.0), lambda x: np.where(x > 0, 1.0, 0.0)),
        "tanh": (np.tanh, lambda x: 1.0 - np.tanh(x) ** 2),
        "leaky_relu": (lambda x: np.where(x >= 0, x, 0.01 * x), lambda x: np.where(x > 0, 1.0, 0.01)),
        "elu": (lambda x: np.where(x > 0, x, np.expm1(x)), lambda x: np.where(x > 0, 1.0, np.exp(x))),
        "selu": (
            lambda x: SELU_SCALE * np.where(x > 0, x, SELU_ALPHA * np.expm1(x)),
            lambda x: SELU_SCALE * np.where(x > 0, 1.0, SELU_ALPHA * np.exp(x)),
        ),
        "celu": (
            lambda x: np.maximum(0.0, x) + np.minimum(0.0, np.exp(x) - 1.0),
            lambda x: np.where(x > 0, 1.0, np.exp(x)),
        ),
        "gelu": (gelu, d_gelu) if erf else None,
        "gelu[tanh]": (gelu_tanh, d_gelu_tanh),
        "silu": (lambda x: x * _sigmoid(x), d_silu),
        "mish": (mish, d_mish),
        "softplus": (lambda x: np.log1p(np.exp(x)), _sigmoid),
        "softsign": (lambda x: x / (1.0 + np.abs(x)), lambda x: 1.0 / (1.0 + np.abs(x)) ** 2),
        "relu6": (lambda x: np.clip(x, 0.0, 6.0), lambda x: np.where((x > 0) & (x < 6), 1.0, 0.0)),
        "hard_sigmoid": (lambda x: np.clip(x / 6.0 + 0.5, 0.0, 1.0), lambda x: np.where(np.abs(x) < 3, 1 / 6, 0.0)),
        "hard_swish": (
            lambda x: x * np.clip(x + 3.0, 0.0, 6.0) / 6.0,
            lambda x: np.where(x < -3, 0.0, np.where(x > 3, 1.0, (2 * x + 3) / 6)),
        ),
        "hard_tanh": (lambda x: np.clip(x, -1.0, 1.0), lambda x: np.where((x > -1) & (x < 1), 1.0, 0.0)),
        "log_sigmoid": (lambda x: -np.log1p(np.exp(-x)), lambda x: _sigmoid(-x)),
        "softmax": (_softmax, d_softmax),
        "log_softmax": (log_softmax, lambda x: 1.0 - _softmax(x)),
        "softmin": (lambda x: _softmax(-x), lambda x: -d_softmax(-x)),
    }


def best_of(functions, x, runs: int) -> list[float]:
    """The best time of each function, the runs interleaved after one warm-up."""
    for f in functions:
        f(x)
    best = [math.inf] * len(functions)
    for _ in range(runs):
        for i, f in enumerate(functions):
            start = time.process_time()
            f(x)
            best[i] = min(best[i], time.process_time() - start)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=float, default=1e7, help="values per call (default 1e7)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each (default 5)")
    args = parser.parse_args()
    n = int(args.size)
    rng = np.random.default_rng(0)
    flat = rng.normal(0.0, 3.0, n)
    rows = flat.reshape(-1, 1000) if n % 1000 == 0 else flat.reshape(1, -1)
    naive = naive_formulas()
    print(f"{n:.0e} values (vector functions: {rows.shape[0]} rows of {rows.shape[1]}); best of {args.runs} runs")
    print(f"{'function':18s} {'actplot':>10s} {'naive':>10s} {'ratio':>7s}")
    worst = 0.0
    with np.errstate(all="ignore"):
        for key, formulas in naive.items():
            name, _, form = key.partition("[")
            record = actplot.get(name)
            params = {"approximate": "tanh"} if form else {}
            x = rows if record.vector else flat
            for derivative in (False, True):
                label = key + ("'" if derivative else "")
                ours = record.derivative if derivative else record.function
                if formulas is None:
                    (mine,) = best_of([lambda x, f=ours, p=params: f(x, **p)], x, args.runs)
                    print(f"{label:18s} {mine * 1e3:8.1f} ms {'(no scipy)':>10s}")
                    continue
                mine, theirs = best_of([lambda x, f=ours, p=params: f(x, **p), formulas[derivative]], x, args.runs)
                ratio = mine / theirs
                worst = max(worst, ratio)
                flag = "  over 3x" if ratio > 3 else ""
                print(f"{label:18s} {mine * 1e3:8.1f} ms {theirs * 1e3:7.1f} ms {ratio:6.2f}x{flag}")
    print(f"\nlargest ratio {worst:.2f}x (goal: at most 3x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
