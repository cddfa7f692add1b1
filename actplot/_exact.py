"""Error-free transformations and special functions that the activations are built from.

Double arithmetic rounds every operation; where an activation amplifies the rounding of an
intermediate (``exp(-x²/2)`` for large ``|x|``, ``x - max(x)`` in softmax), the intermediate is
carried as an unevaluated sum ``hi + lo`` of two doubles, exact to about 106 bits.
"""

from __future__ import annotations

import math
from decimal import Decimal

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


def _split(a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    a = np.where(np.abs(a) < _SPLIT_LIMIT, a, 0.0)
    c = _SPLITTER * a
    hi = c - (c - a)
    return hi, a - hi


def two_prod(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``a * b`` as ``p + err`` exactly (Dekker), for finite ``|a|, |b| < 2**995``.

    Outside that range, and where the product is not finite, ``err`` is 0: callers use the error
    term only where the result is still sensitive to it, which large products never are.
    """
    with np.errstate(over="ignore", invalid="ignore"):
        p = a * b
        a_hi, a_lo = _split(a)
        b_hi, b_lo = _split(b)
        err = ((a_hi * b_hi - p) + a_hi * b_lo + a_lo * b_hi) + a_lo * b_lo
    fine = np.isfinite(p) & (np.abs(a) < _SPLIT_LIMIT) & (np.abs(b) < _SPLIT_LIMIT)
    return p, np.where(fine, err, 0.0)


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
    q = a_hi / b_hi
    p, err = two_prod(q, b_hi)
    return q + ((a_hi - p) - err + a_lo - q * b_lo) / b_hi


_EXP_SUBNORMAL = -708.0  # below this, exp(x) is near or below the smallest normal double


def times_exp(g: np.ndarray, x: np.ndarray) -> np.ndarray:
    """``g * exp(x)`` for ``x <= 0``, accurate also where ``exp(x)`` alone is subnormal.

    ``exp(x)`` rounded to a subnormal has lost relative precision that a factor ``|g| > 1``
    would expose; ``(g * exp(x/2)) * exp(x/2)`` keeps the intermediate normal.
    """
    half = np.exp(x / 2)
    return np.where(x < _EXP_SUBNORMAL, (g * half) * half, g * np.exp(x))


_SQRT1_2 = dd_constant("0.70710678118654752440084436210484903928483593768847")
_TWO_OVER_SQRT_PI = 2.0 / math.sqrt(math.pi)
_ERFC_UNDERFLOW = 26.0  # above, erfc(z) nears the subnormal range (erfc(26.55) = 2**-1022)
_ERFC_TERMS = 24
_erfc_scalar = np.frompyfunc(math.erfc, 1, 1)


def _erfcx_large(z: np.ndarray) -> np.ndarray:
    """``exp(z²) erfc(z)`` for ``z >= 26`` by Laplace's continued fraction (converged there)."""
    d = np.zeros_like(z)
    for k in range(_ERFC_TERMS, 0, -1):
        d = (k / 2) / (z + d)
    return 1.0 / (math.sqrt(math.pi) * (z + d))


def half_erfc_scaled(t: np.ndarray, scale: np.ndarray) -> np.ndarray:
    """``scale * erfc(t/√2) / 2`` for ``0 <= t <= 40``: ``scale`` times the normal tail ``Φ(-t)``.

    Rounding ``t/√2`` would cost ``z²`` ulp (``erfc`` magnifies its argument's error by ``2z²``),
    so ``z = t/√2`` is carried as ``hi + lo`` and ``erfc(hi + lo)`` corrected to first order.
    The scale is applied before the last rounding so that a subnormal tail loses nothing.
    """
    z_hi, z_lo = dd_mul(t, np.zeros_like(t), *_SQRT1_2)
    z_hi = np.asarray(z_hi, dtype=np.float64)
    small = z_hi < _ERFC_UNDERFLOW
    out = np.empty_like(z_hi)
    # erfc(hi + lo) = erfc(hi) * (1 - lo * 2/(√π erfcx(hi))) to first order in lo.
    zs = z_hi[small]
    erfc_hi = _erfc_scalar(zs).astype(np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = _TWO_OVER_SQRT_PI * np.exp(-zs * zs) / erfc_hi
    out[small] = (scale[small] * 0.5) * erfc_hi * (1.0 - z_lo[small] * ratio)
    zb = z_hi[~small]
    if zb.size:
        # Far tail: erfc(z) = exp(-z²) erfcx(z) with z² exact as p + e, exp factored last.
        p, e = two_prod(zb, zb)
        e = e + 2.0 * zb * z_lo[~small]
        factor = (scale[~small] * 0.5) * _erfcx_large(zb) * (1.0 - e)
        out[~small] = factor * np.exp(-p)
    return out


def exp_neg_half_square(t: np.ndarray, scale: np.ndarray) -> np.ndarray:
    """``scale * exp(-t²/2)`` with ``t²`` exact (``p + e``), for ``|t| <= 40``.

    A rounded square would cost ``t²`` ulp; the scale goes in before ``exp``'s factor so that a
    subnormal ``exp`` is not magnified.
    """
    p, e = two_prod(t, t)
    return times_exp(scale * (1.0 - e / 2), -p / 2)
