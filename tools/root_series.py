"""Fit the series that actplot evaluates near the roots of the derivatives of silu, mish and gelu.

    python tools/root_series.py            # print the fits and their errors
    python tools/root_series.py --write    # and write them into actplot/_roots.py

A derivative ``f'`` with a root ``r`` is, for ``x = r + h``, ``h·Q(h)``: no double computation of
``f'`` as a sum of its terms is accurate relative to a result that vanishes, but ``h`` (formed
exactly from ``x`` and ``r`` as a double-double) and ``Q`` (which does not vanish) are. ``Q`` is
fitted on ``|h| <= WIDTH`` by a Chebyshev fit in mpmath at 200 bits, to a relative error below
2**-62; its constant term is kept as a double-double, the others as doubles (whose rounding adds
about a quarter of an ulp, printed). Needs mpmath (the test extras).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import mpmath
from _generated import publish, split
from mpmath import mp, mpf

WIDTH = 0.25  # the series serves |x - r| <= WIDTH; beyond, the direct formulas are within 3 ulp
TARGET = mpf(2) ** -62  # relative error of the fit itself; rounding its coefficients adds about 2**-55
ROOTS_FILE = Path(__file__).resolve().parent.parent / "actplot" / "_roots.py"
GELU_CUBIC = "0.044715"  # converted at the working precision, as an exact decimal


def sigmoid(x):
    return 1 / (1 + mp.exp(-x))


def softplus(x):
    return mp.log1p(mp.exp(x))


def d_silu(x):
    return sigmoid(x) * (1 + x * sigmoid(-x))


def d_mish(x):
    s = softplus(x)
    return mp.tanh(s) + x * mp.sech(s) ** 2 * sigmoid(x)


def d_gelu(x):
    return mp.ncdf(x) + x * mp.npdf(x)


def d_gelu_tanh(x):
    c = mp.sqrt(2 / mp.pi)
    v = 2 * c * (x + mpf(GELU_CUBIC) * x**3)
    dv = 2 * c * (1 + 3 * mpf(GELU_CUBIC) * x**2)
    return sigmoid(v) + x * sigmoid(v) * sigmoid(-v) * dv


DERIVATIVES = {"SILU": d_silu, "MISH": d_mish, "GELU": d_gelu, "GELU_TANH": d_gelu_tanh}


def fit(derivative) -> tuple[tuple[float, float], tuple[float, float], tuple[float, ...], int, float]:
    """(root, constant term, higher coefficients c1, c2, ..., degree, relative error of the fit)."""
    root = mp.findroot(derivative, mpf(-1))
    root_hi, root_lo = split(root)
    exact_root = mpf(root_hi) + mpf(root_lo)  # the root the library subtracts

    def q(h):
        return derivative(exact_root + h) / h if h else mp.diff(derivative, exact_root)

    smallest = min(abs(q(h)) for h in mp.linspace(-WIDTH, WIDTH, 101))
    for degree in range(4, 60):
        coefficients, error = mp.chebyfit(q, [-WIDTH, WIDTH], degree + 1, error=True)
        if error < TARGET * smallest:
            break
    else:
        raise RuntimeError("no fit reached the target")
    coefficients = coefficients[::-1]  # lowest first
    c0 = split(coefficients[0])
    rest = tuple(float(c) for c in coefficients[1:])

    def rounded(h):
        p = mpf(0)
        for c in reversed(rest):
            p = p * h + mpf(c)
        return mpf(c0[0]) + mpf(c0[1]) + h * p

    worst = max(abs(rounded(h) - q(h)) / abs(q(h)) for h in mp.linspace(-WIDTH, WIDTH, 401))
    return (root_hi, root_lo), c0, rest, degree, float(worst / mpf(2) ** -53)


def source(fits: dict) -> list[str]:
    lines = [f"WIDTH = {WIDTH!r}"]
    for name, (root, c0, rest, _, _) in fits.items():
        lines.append(f"{name}_ROOT = RootSeries(")
        lines.append(f"    root={root!r},")
        lines.append(f"    constant={c0!r},")
        lines.append("    coefficients=(")
        lines += [f"        {c!r}," for c in rest]
        lines.append("    ),")
        lines.append(")")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="write the fits into actplot/_roots.py")
    args = parser.parse_args()
    mp.prec = 200
    fits = {name: fit(d) for name, d in DERIVATIVES.items()}
    for name, (root, _, _, degree, error) in fits.items():
        print(f"{name:10s} root {mpmath.nstr(mpf(root[0]) + mpf(root[1]), 30)}  degree {degree}  "
              f"relative error with its rounded coefficients {error:.2g} × 2**-53")  # fmt: skip
    publish("root_series.py", source(fits), ROOTS_FILE, args.write)
    return 0


if __name__ == "__main__":
    sys.exit(main())
