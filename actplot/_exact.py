"""Error-free transformations and special functions that the activations are built from.

Double arithmetic rounds every operation; where an activation amplifies the rounding of an
intermediate (``exp(-x²/2)`` for large ``|x|``, ``x - max(x)`` in softmax), the intermediate is
carried as an unevaluated sum ``hi + lo`` of two doubles, exact to about 106 bits.
"""

from __future__ import annotations

import functools
import math
from decimal import Decimal, localcontext

import numpy as np

_SPLITTER = 134217729.0  # 2**27 + 1, Dekker's splitting constant
_SPLIT_LIMIT = 2.0**995  # beyond this, _SPLITTER * a overflows


def dd_constant(text: str) -> tuple[float, float]:
    """The decimal ``text`` as ``hi + lo``: the nearest double and the rounding it leaves."""
    exact = Decimal(text)
    hi = float(exact)
    return hi, float(exact - Decimal(hi))


def two_sum(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``a + b`` as ``s + err`` exactly (Knuth); ``err`` is 0 where ``s`` is not finite."""
    with np.errstate(over="ignore", invalid="ignore"):
        s = a + b
        bb = s - a
        err = (a - (s - bb)) + (b - bb)
    return s, np.where(np.isfinite(s), err, 0.0)


def fast_two_sum(a: np.ndarray, b: np.ndarray | float) -> tuple[np.ndarray, np.ndarray]:
    """``a + b`` as ``s + err`` exactly for finite ``|a| >= |b|`` (Dekker's Fast2Sum: three operations)."""
    s = a + b
    return s, b - (s - a)


def finite_two_sum(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``a + b`` as ``s + err`` exactly, for finite ``a`` and ``b`` of any size (Knuth's TwoSum,
    without ``two_sum``'s care for infinities)."""
    s = a + b
    bb = s - a
    return s, (a - (s - bb)) + (b - bb)


def finite_two_prod(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``a * b`` as ``p + err`` exactly (Dekker), for ``|a|, |b|`` below ``2**995`` whose product is
    normal (``two_prod`` without its care for huge operands and infinities)."""
    p = a * b
    a_hi, a_lo = _split(a)
    b_hi, b_lo = _split(b)
    return p, ((a_hi * b_hi - p) + a_hi * b_lo + a_lo * b_hi) + a_lo * b_lo


def finite_square(a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``a * a`` as ``p + err`` exactly, under the conditions of ``finite_two_prod``."""
    p = a * a
    hi, lo = _split(a)
    return p, ((hi * hi - p) + 2.0 * hi * lo) + lo * lo


def square_of_one_plus(t: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``d = 1 + t`` rounded and ``(1 + t)²`` as ``sq + sq_lo`` (to about 2**-55 relative), for
    ``0 <= t <= 1``.

    With ``r = d - 1`` (exact) ``d² = (1 + 2r) + r²``, whose first part is exact, so the rounding of
    ``d·d`` is ``r²`` less what ``d·d - (1 + 2r)`` kept (up to the rounding of ``r²``, below
    ``2**-55 d²``); what rounding ``1 + t`` dropped, ``t - r``, enters to first order.
    """
    d = 1.0 + t
    r = d - 1.0
    sq = d * d
    return d, sq, (((1.0 + 2.0 * r) - sq) + r * r) + 2.0 * d * (t - r)


def exp_parts(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(e^min(x, 0), e^-max(x, 0))``: one of them is 1 and their product ``e^-|x|`` is at most 1,
    so ``σ(x) = a/(a + b)`` and ``σ(-x) = b/(a + b)`` for either sign of ``x``, with no branch (a
    selection by sign costs more, in numpy, than a second ``exp``)."""
    return np.exp(np.minimum(x, 0.0)), np.exp(-np.maximum(x, 0.0))


def _split(a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    c = _SPLITTER * a
    hi = c - (c - a)
    return hi, a - hi


_SCALE_DOWN = 2.0**-128


def two_prod(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``a * b`` as ``p + err`` exactly (Dekker), for finite ``a`` and ``b`` whose product is normal.

    Operands beyond ``2**995`` (where Dekker's split overflows) are scaled down by a power of two
    first and the error scaled back. Where the product is not finite, ``err`` is 0; where it is
    subnormal or nearly so, ``err`` is only approximate (callers use it where it is significant).
    """
    with np.errstate(over="ignore", under="ignore", invalid="ignore"):
        p = a * b
        big_a, big_b = np.abs(a) >= _SPLIT_LIMIT, np.abs(b) >= _SPLIT_LIMIT
        big = np.any(big_a) or np.any(big_b)
        if big:
            a = np.where(big_a, a * _SCALE_DOWN, a)
            b = np.where(big_b, b * _SCALE_DOWN, b)
        q = a * b if big else p
        a_hi, a_lo = _split(a)
        b_hi, b_lo = _split(b)
        err = ((a_hi * b_hi - q) + a_hi * b_lo + a_lo * b_hi) + a_lo * b_lo
        if big:
            err = np.ldexp(err, 128 * (big_a.astype(np.int64) + big_b))
    return p, np.where(np.isfinite(p), err, 0.0)


def dd_mul(a_hi, a_lo, b_hi, b_lo) -> tuple[np.ndarray, np.ndarray]:
    """``(a_hi + a_lo) * (b_hi + b_lo)`` as a double-double, to about 2**-104 relative."""
    p, err = two_prod(a_hi, b_hi)
    return p, err + (a_hi * b_lo + a_lo * b_hi)


def dd_add(a_hi, a_lo, b_hi, b_lo) -> tuple[np.ndarray, np.ndarray]:
    """``(a_hi + a_lo) + (b_hi + b_lo)`` as a double-double."""
    s, err = two_sum(a_hi, b_hi)
    return s, err + (a_lo + b_lo)


def dd_div(a_hi, a_lo, b_hi, b_lo) -> np.ndarray:
    """``(a_hi + a_lo) / (b_hi + b_lo)`` rounded to double (within about 1/2 ulp)."""
    q, q_lo = dd_quotient_dd(a_hi, a_lo, b_hi, b_lo)
    return q + q_lo


def dd_quotient_dd(a_hi, a_lo, b_hi, b_lo) -> tuple[np.ndarray, np.ndarray]:
    """``(a_hi + a_lo) / (b_hi + b_lo)`` as a double-double (to about 2**-100 relative)."""
    q = a_hi / b_hi
    p, err = two_prod(q, b_hi)
    return q, ((a_hi - p) - err + a_lo - q * b_lo) / b_hi


@functools.lru_cache(maxsize=256)
def log_constant(value: float) -> tuple[float, float]:
    """``ln(value)`` for a positive double (a parameter) as ``hi + lo``, to about 2**-106 relative."""
    with localcontext() as context:
        context.prec = 40
        exact = Decimal(value).ln()
        hi = float(exact)
        return hi, float(exact - Decimal(hi))


def dd_div_scalar(hi: np.ndarray, lo: np.ndarray, divisor: float) -> tuple[np.ndarray, np.ndarray]:
    """``(hi + lo) / divisor`` as a double-double, for ``0.5 <= |divisor| < 1`` (scale it there first).

    Where the quotient overflows, ``lo`` is 0.
    """
    with np.errstate(over="ignore", invalid="ignore"):
        q = hi / divisor
        p, err = two_prod(q, np.float64(divisor))
        q_lo = (((hi - p) - err) + lo) / divisor
    return q, np.where(np.isfinite(q), q_lo, 0.0)


def dd_quotient(x: np.ndarray, divisor: float) -> tuple[np.ndarray, np.ndarray]:
    """``x / divisor`` as a double-double, for any double ``x`` and non-zero finite ``divisor``.

    The divisor's power of two goes into ``x`` first (exactly, unless ``x`` then overflows, where
    the quotient does too, or goes subnormal, where the quotient is below 2**-1021 and its low part
    does not matter).
    """
    mantissa, exponent = math.frexp(divisor)
    with np.errstate(over="ignore", under="ignore"):
        return dd_div_scalar(np.ldexp(x, -exponent), np.zeros_like(x), mantissa)


def accurate_sum(
    values: np.ndarray, values_lo: np.ndarray, largest: float | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """The sum of ``values + values_lo`` along the last axis (kept), as ``hi + lo``, for
    non-negative ``values`` and small corrections ``values_lo``: the error of about one rounding
    however long the rows (a plain sum adds up to log2(n) of them).

    Rump, Ogita and Oishi's error-free splitting: with ``σ`` a power of two at least ``n`` times
    the largest value, ``q = (σ + v) - σ`` keeps the leading bits of every ``v`` on a common grid,
    so that the ``q`` add up exactly; the remainders ``v - q`` are exact and so small (below
    ``n · max / 2**53`` in all) that their plain sum's rounding no longer counts. ``largest``, if
    known, is a bound on the values (saves finding each row's maximum).
    """
    n = values.shape[-1]
    bits = max(1, math.ceil(math.log2(n)))
    bound = np.max(values, axis=-1, keepdims=True) if largest is None else largest
    _, exponent = np.frexp(bound)  # every value is below 2**exponent
    remainder = values
    hi = lo = 0.0
    # One split leaves remainders below n · 2**(exponent - 53) in all; past 2**20 values split them
    # once more (they have either sign; the same bound on their size serves).
    for _ in range(1 if n <= 2**20 else 2):
        sigma = np.ldexp(1.0, exponent + bits)
        leading = (sigma + remainder) - sigma
        remainder = remainder - leading
        hi, lo_step = two_sum(hi, np.sum(leading, axis=-1, keepdims=True))
        lo = lo + lo_step
        exponent = exponent + bits - 52
    rest = np.sum(remainder, axis=-1, keepdims=True) + np.sum(values_lo, axis=-1, keepdims=True)
    return two_sum(hi, lo + rest)


# ln 2 in two parts (fdlibm's): the high part has 32 significant bits, so j * _LN2_HI is exact
# for |j| < 2**21, and z - j * ln 2 keeps every bit of z.
_LN2_HI = 6.93147180369123816490e-01
_LN2_LO = 1.90821492927058770002e-10
_INV_LN2 = 1.44269504088896338700e00
_EXP_REACH = 3000.0  # e**±3000 times any double is 0 or ±inf


def exp_scaled(g: np.ndarray, z_hi: np.ndarray, z_lo: np.ndarray | float = 0.0, k: np.ndarray | int = 0) -> np.ndarray:
    """``g · e**(z_hi + z_lo) · 2**k`` for any doubles ``g`` and ``z``, rounded once at the end.

    ``e**z`` is formed as ``e**r · 2**j`` with ``|r| <= ln(2)/2`` and the powers of two (of ``g``,
    ``e**z`` and ``k``) applied last by ``ldexp``: no intermediate overflows or goes subnormal, so
    a result that is subnormal, or normal although ``e**z`` alone is not, keeps its precision.
    Within about 1.2 ulp, plus the error ``g`` carries.
    """
    with np.errstate(over="ignore", under="ignore", invalid="ignore"):
        m, g_exponent = np.frexp(g)
        z_lo = np.where(np.abs(z_hi) < _EXP_REACH, z_lo, 0.0)  # beyond, only z_hi's sign counts
        z = np.clip(z_hi, -_EXP_REACH, _EXP_REACH)
        j = np.rint(z * _INV_LN2)
        j = np.where(np.isnan(j), 0.0, j)  # a NaN z stays NaN through r
        r = ((z - j * _LN2_HI) - j * _LN2_LO) + z_lo
        return np.ldexp(m * np.exp(r), g_exponent + j.astype(np.int64) + k)


_EXP_SUBNORMAL = -708.0  # below this, exp(x) is near or below the smallest normal double


def times_exp(g: np.ndarray, x: np.ndarray) -> np.ndarray:
    """``g * exp(x)`` for ``x <= 0``, accurate also where ``exp(x)`` alone is subnormal.

    ``exp(x)`` rounded to a subnormal has lost relative precision that a factor ``|g| > 1``
    would expose; ``(g * exp(x/2)) * exp(x/2)`` keeps the intermediate normal.
    """
    half = np.exp(x / 2)
    return np.where(x < _EXP_SUBNORMAL, (g * half) * half, g * np.exp(x))
