"""Every function and derivative, correctly rounded in low precision: at every bit pattern of
float16 and bfloat16 (65,536 each) and at a random million float32 values, actplot.precision's
result is the reference (tests/reference.py, mpmath from the definitions) rounded to the dtype,
bit for bit: NaN for NaN, and +0 and -0 as one value (a zero whose sign is not the exact value's
is counted and printed, not failed: it is the sign actplot's float64 function gives a value
below 2**-1075). Also every float32 value near the roots of the derivatives that cross zero.

Slow (47 minutes on a shared machine, 30 CPU minutes): CI skips it. Run and see the counts with
    python -m pytest -m slow tests/test_precision_exhaustive.py -s -p no:cacheprovider
"""

from __future__ import annotations

import math
from functools import cache

import numpy as np
import pytest
from reference import BINARY_FORMATS, CASES, Case, every_value, round_exact, same_bits
from test_accuracy import LIMITS
from test_gated_precision import expected_rounded

import actplot
from actplot import precision

pytestmark = pytest.mark.slow

FLOAT32_COUNT = 1_000_000
DEFAULTS = [case for case in CASES if not case.params]


@cache
def inputs(dtype: str) -> np.ndarray:
    """Every value of a 16-bit format (NaNs quietened); for float32 a million: half random bit
    patterns over the whole range, half random bit patterns of magnitudes 2**-10 to 2**7, where
    the functions bend."""
    if dtype != "float32":
        x = every_value(dtype)
        return np.where(np.isnan(x), np.nan, x)
    rng = np.random.default_rng(20240611)
    half = FLOAT32_COUNT // 2
    wide = rng.integers(0, 2**32, half, dtype=np.uint64).astype(np.uint32)
    low, high = (int(np.array(v, dtype=np.float32).view(np.uint32)) for v in (2.0**-10, 2.0**7))
    near = rng.integers(low, high, half, dtype=np.uint64).astype(np.uint32) | (
        rng.integers(0, 2, half, dtype=np.uint64).astype(np.uint32) << np.uint32(31)
    )
    with np.errstate(invalid="ignore"):
        x = np.concatenate([wide, near]).view(np.float32).astype(np.float64)
    return np.where(np.isnan(x), np.nan, x)


def exact_values(case: Case, x, derivative: bool) -> list:
    """The exact values at an input (a scalar) or a row (a vector function), as a list; at ±inf the
    limit from test_accuracy's table, at NaN NaN."""
    if case.vector:
        return case.exact(x, derivative)
    if math.isnan(x):
        return [math.nan]
    if math.isinf(x):
        return [LIMITS[case.name](**case.kwargs)[2 * derivative + (x > 0)]]
    return [case.exact(x, derivative)]


def check(case: Case, dtype: str, points: np.ndarray) -> None:
    """Every result at ``points`` (inputs, or rows of a vector function) against the reference,
    value and derivative; the counts printed, the first few mismatches asserted."""
    fmt, record = BINARY_FORMATS[dtype], actplot.get(case.name)
    failures = []
    for derivative in (False, True):
        got = precision.evaluate(record, points, case.kwargs, dtype, derivative)
        wrong, zero_signs = [], 0
        for point, results in zip(points.tolist(), got.reshape(len(points), -1).tolist(), strict=True):
            exacts = exact_values(case, point, derivative)
            # a gated unit's a b on a midpoint with h(b) a hair below b: see expected_rounded
            rounded = expected_rounded(case, point, dtype, derivative, exacts) if case.gated else None
            for i, (result, exact) in enumerate(zip(results, exacts, strict=True)):
                expected = rounded[i] if case.gated else round_exact(exact, fmt)
                if not same_bits(result, expected):
                    wrong.append((point, result, expected))
                elif result == 0 and exact != 0 and math.copysign(1, result) != math.copysign(1, expected):
                    zero_signs += 1
        what = f"{case}{chr(39) if derivative else ''}"
        counts = f"{got.size:8d} results  {len(wrong)} mismatches  {zero_signs} zeros of the other sign"
        print(f"\n{dtype:9s} {what:38s} {counts}")
        failures += wrong[:5]
    assert failures == []


def points(case: Case, dtype: str) -> np.ndarray:
    """The inputs; for a vector function rows [x, y], x every finite input, y a random finite one
    (for a gated unit the pair a = x, b = y)."""
    x = inputs(dtype)
    if not case.vector:
        return x
    x = x[np.isfinite(x)]
    return np.stack([x, np.random.default_rng(7).permutation(x)], axis=-1)


@pytest.mark.parametrize("dtype", ["float16", "bfloat16"])
@pytest.mark.parametrize("case", CASES, ids=str)
def test_every_16_bit_value_is_correctly_rounded(case, dtype):
    check(case, dtype, points(case, dtype))


@pytest.mark.parametrize("case", DEFAULTS, ids=str)
def test_a_million_float32_values_are_correctly_rounded(case):
    check(case, "float32", points(case, "float32"))


ROOTS = [case for case in CASES if not case.vector and case.derivative_root() is not None]


@pytest.mark.parametrize("case", ROOTS, ids=str)
def test_float32_derivatives_at_every_value_near_their_root(case):
    """silu', mish' and both gelu' cross zero near -1, where a float64 derivative accurate only to
    its larger term would misround: every float32 value within 2**13 values of the root (the value
    too)."""
    root = int(np.array(case.derivative_root(), dtype=np.float32).view(np.uint32))
    x = np.arange(root - 2**13, root + 2**13, dtype=np.uint64).astype(np.uint32).view(np.float32)
    check(case, "float32", x.astype(np.float64))
