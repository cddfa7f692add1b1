"""Fit the Mills ratio of the normal distribution that actplot's gelu is built on.

    python tools/normal_tail_fit.py            # print the fits and their errors
    python tools/normal_tail_fit.py --write    # and write them into actplot/_normal.py

``M(t) = Φ(-t) e^(t²/2)`` (for ``t >= 0``) is smooth, positive and slowly varying, so that
``Φ(-t) = M(t) e^(-t²/2)`` keeps full relative precision wherever ``e^(-t²/2)`` does (and the
square ``t²`` is exact as a double-double): no ``erfc`` of a rounded ``t/√2``, no cancellation.
``M`` is fitted by Chebyshev fits in mpmath (160 bits): on ``[0, 8]`` in 16 pieces of width 1/2,
each a polynomial in ``s = 4(t - centre)``; on ``[8, 40]`` as ``t·M(t) = G(u)``, ``u = 1/t²``, a
polynomial in ``s = (u - centre)/half-width``. Each fit is within 2**-60 of ``M`` relative; the
constant terms are kept as double-doubles, the other coefficients as doubles. Needs mpmath (the
test extras).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from _generated import publish, split
from mpmath import mp, mpf

PIECE = 0.5  # width of the pieces on [0, SPLIT]
SPLIT = 8.0  # from here on, the fit in u = 1/t²
END = 40.0  # beyond, Φ(-t) e^... is below every double
TARGET = mpf(2) ** -60
MODULE = Path(__file__).resolve().parent.parent / "actplot" / "_normal.py"


def mills(t):
    return mp.ncdf(-t) * mp.exp(t * t / 2)


def fit(f, degree_floor: int = 3) -> tuple[list, float]:
    """The lowest-degree Chebyshev fit of ``f`` on [-1, 1] within TARGET relative; coefficients lowest first."""
    smallest = min(abs(f(s)) for s in mp.linspace(-1, 1, 41))
    for degree in range(degree_floor, 40):
        coefficients, error = mp.chebyfit(f, [-1, 1], degree + 1, error=True)
        if error < TARGET * smallest:
            return coefficients[::-1], float(error / smallest)
    raise RuntimeError("no fit reached the target")


def rounded_error(f, coefficients) -> float:
    """The relative error of the fit with its coefficients rounded as the library holds them, in units of 2**-53."""
    hi, lo = split(coefficients[0])
    rest = [float(c) for c in coefficients[1:]]

    def value(s):
        p = mpf(0)
        for c in reversed(rest):
            p = p * s + mpf(c)
        return mpf(hi) + mpf(lo) + s * p

    return float(max(abs(value(s) - f(s)) / abs(f(s)) for s in mp.linspace(-1, 1, 201)) / mpf(2) ** -53)


def fits() -> tuple[list, list, float, float]:
    pieces = []
    for k in range(int(SPLIT / PIECE)):
        centre = mpf(k) * PIECE + mpf(PIECE) / 2
        pieces.append(fit(lambda s, centre=centre: mills(centre + s * mpf(PIECE) / 2))[0])
    u_low, u_high = 1 / mpf(END) ** 2, 1 / mpf(SPLIT) ** 2
    u_centre, u_half = (u_low + u_high) / 2, (u_high - u_low) / 2

    def g(s):
        u = u_centre + s * u_half
        t = 1 / mp.sqrt(u)
        return t * mills(t)

    return pieces, fit(g)[0], float(u_centre), float(u_half)


def wrapped(values, indent: str) -> list[str]:
    """Numbers four a line, each line ending with a comma."""
    return [indent + ", ".join(repr(v) for v in values[i : i + 4]) + "," for i in range(0, len(values), 4)]


def source(pieces, tail, u_centre, u_half) -> list[str]:
    degree = max(len(c) for c in pieces) - 1
    lines = [
        f"PIECE = {PIECE!r}",
        f"SPLIT = {SPLIT!r}",
        "# M(centre + s·PIECE/2) = c0 + s·(c1 + s·(c2 + ...)), a row a piece: c0 as hi, lo, then c1 … (zero-padded)",
        "PIECES = np.array([",
    ]
    for coefficients in pieces:
        row = [*split(coefficients[0]), *(float(c) for c in coefficients[1:])]
        row += [0.0] * (degree + 2 - len(row))
        lines += ["    [", *wrapped(row, "        "), "    ],"]
    lines += [
        "])",
        f"U_CENTRE = {u_centre!r}",
        f"U_HALF = {u_half!r}",
        "# t·M(t) = G(u), u = 1/t², s = (u - U_CENTRE)/U_HALF: c0 as hi, lo, then c1 …",
        "TAIL = (",
        *wrapped([*split(tail[0]), *(float(c) for c in tail[1:])], "    "),
        ")",
    ]
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="write the fits into actplot/_normal.py")
    args = parser.parse_args()
    mp.prec = 160
    pieces, tail, u_centre, u_half = fits()
    for k, coefficients in enumerate(pieces):
        centre = mpf(k) * PIECE + mpf(PIECE) / 2
        error = rounded_error(lambda s, centre=centre: mills(centre + s * mpf(PIECE) / 2), coefficients)
        print(f"t in [{k * PIECE:4.1f}, {(k + 1) * PIECE:4.1f}]: degree {len(coefficients) - 1:2d}, "
              f"relative error with rounded coefficients {error:.3f} x 2**-53")  # fmt: skip

    def g(s):
        u = mpf(u_centre) + s * mpf(u_half)
        t = 1 / mp.sqrt(u)
        return t * mills(t)

    print(f"t in [{SPLIT}, {END}] (u = 1/t²): degree {len(tail) - 1}, "
          f"relative error with rounded coefficients {rounded_error(g, tail):.3f} x 2**-53")  # fmt: skip
    publish("normal_tail_fit.py", source(pieces, tail, u_centre, u_half), MODULE, args.write)
    return 0


if __name__ == "__main__":
    sys.exit(main())
