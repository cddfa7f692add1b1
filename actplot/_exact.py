"""Error-free transformations and special functions that the activations are built from.

Double arithmetic rounds every operation; where an activation amplifies the rounding of an
intermediate (``exp(-x²/2)`` for large ``|x|``, ``x - max(x)`` in softmax), the intermediate is
carried as an unevaluated sum ``hi + lo`` of two doubles, exact to about 106 bits.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import numpy as np

_SPLITTER = 134217729.0  # 2**27 + 1, Dekker's splitting constant
_SPLIT_LIMIT = 2.0**995  # beyond this, _SPLITTER * a overflows


def decimal_ratio(text: str) -> tuple[int, int]:
    """The decimal ``text`` (``"-1.0507"``, ``"2.5e-3"``) exactly, as numerator and denominator."""
    mantissa, _, exponent = text.strip().lower().partition("e")
    whole, _, fraction = mantissa.partition(".")
    power = int(exponent or 0) - len(fraction)
    numerator = int(whole + fraction)
    return (numerator * 10**power, 1) if power >= 0 else (numerator, 10**-power)


def dd_ratio(numerator: int, denominator: int) -> tuple[float, float]:
    """The rational ``numerator / denominator`` as ``hi + lo``: the nearest double and the nearest
    double to what it leaves (Python divides integers correctly rounded)."""
    hi = numerator / denominator
    p, q = hi.as_integer_ratio()
    return hi, (numerator * q - p * denominator) / (denominator * q)


def dd_constant(text: str) -> tuple[float, float]:
    """The decimal ``text`` as ``hi + lo``: the nearest double and the rounding it leaves."""
    return dd_ratio(*decimal_ratio(text))


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
    with np.errstate(over="ignore", invalid="ignore"):  # NaN and inf propagate, silently
        return p, err + (a_hi * b_lo + a_lo * b_hi)


def dd_add(a_hi, a_lo, b_hi, b_lo) -> tuple[np.ndarray, np.ndarray]:
    """``(a_hi + a_lo) + (b_hi + b_lo)`` as a double-double."""
    s, err = two_sum(a_hi, b_hi)
    return s, err + (a_lo + b_lo)


def dd_sum(a_hi, a_lo, b_hi, b_lo) -> tuple[np.ndarray, np.ndarray]:
    """``dd_add`` renormalised (``|lo| <= ulp(hi)/2``), for chains of operations in which an
    unrenormalised low part would grow where a sum cancels; ``lo`` is 0 where ``hi`` is not finite."""
    return _renormalised(*dd_add(a_hi, a_lo, b_hi, b_lo))


def dd_div(a_hi, a_lo, b_hi, b_lo) -> np.ndarray:
    """``(a_hi + a_lo) / (b_hi + b_lo)`` rounded to double (within about 1/2 ulp)."""
    q, q_lo = dd_quotient_dd(a_hi, a_lo, b_hi, b_lo)
    return q + q_lo


def dd_quotient_dd(a_hi, a_lo, b_hi, b_lo) -> tuple[np.ndarray, np.ndarray]:
    """``(a_hi + a_lo) / (b_hi + b_lo)`` as a double-double (to about 2**-100 relative)."""
    q = a_hi / b_hi
    p, err = two_prod(q, b_hi)
    return q, ((a_hi - p) - err + a_lo - q * b_lo) / b_hi


def dd_sqrt(a_hi, a_lo) -> tuple[np.ndarray, np.ndarray]:
    """``sqrt(a_hi + a_lo)`` as a double-double, for ``a_hi >= 0`` (one Newton step from the double root).

    Beyond 2**1000 the square is taken of a/4 and the root doubled (exact), so that ``s²`` cannot
    overflow on the way; below 2**-900, of a·2**1000 and the root halved 500 times, so that the
    error of ``s²`` is not lost below the subnormals (a subnormal a's root was off by 1e-11)."""
    big = np.abs(a_hi) > 2.0**1000
    tiny = np.abs(a_hi) < 2.0**-900
    scale = np.where(big, 0.25, np.where(tiny, 2.0**1000, 1.0))
    a_hi, a_lo = a_hi * scale, a_lo * scale
    s = np.sqrt(a_hi)
    p, err = two_prod(s, s)
    with np.errstate(divide="ignore", invalid="ignore"):  # s = 0 or inf: no correction
        correction = ((a_hi - p) - err + a_lo) / (2.0 * s)
    unscale = np.where(big, 2.0, np.where(tiny, 2.0**-500, 1.0))
    return s * unscale, np.where((s > 0) & np.isfinite(s), correction, 0.0) * unscale


@functools.lru_cache(maxsize=256)
def log_constant(value: float) -> tuple[float, float]:
    """``ln(value)`` for a positive double (a parameter) as ``hi + lo``, to about 2**-106 relative."""
    from decimal import Decimal, localcontext  # only for a parameter's logarithm

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


_SQRT1_2 = dd_constant("0.70710678118654752440084436210484903928483593768847")


# --- exp, expm1 and log to double-double precision ------------------------------------------------
# Where a result cancels (a derivative's root, e^x (x + 2) - 1), the exponential must be known to far
# more than 53 bits. Taylor series after halving the argument 2**_HALVINGS times, then squaring back.

_LN2_TEXT = "0.693147180559945309417232121458176568075500134360255254120680009493393621969694715605863"
# ln 2 in three parts (Cody and Waite): k times the first, of 42 bits, is exact for |k| < 2**11.
_LN2 = decimal_ratio(_LN2_TEXT)
_LN2_1 = (_LN2[0] * 2**42 // _LN2[1]) / 2**42
_LN2_2, _LN2_3 = dd_ratio(_LN2[0] * 2**42 - int(_LN2_1 * 2**42) * _LN2[1], _LN2[1] * 2**42)
_HALVINGS = 8
_TAYLOR_TERMS = 10  # |r| / 2**8 < 0.0014: the 11th term is below 2**-106 of the first
_INVERSE_FACTORIALS = [dd_ratio(1, math.factorial(n)) for n in range(1, _TAYLOR_TERMS + 1)]


def _dd_expm1_reduced(r_hi: np.ndarray, r_lo: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``exp(r) - 1`` as a double-double for ``|r| <= 0.35``."""
    scale = 2.0**-_HALVINGS
    h_hi, h_lo = r_hi * scale, r_lo * scale
    # Horner in h: h (1/1! + h (1/2! + ... h/10!))
    acc_hi, acc_lo = np.full_like(h_hi, _INVERSE_FACTORIALS[-1][0]), np.full_like(h_hi, _INVERSE_FACTORIALS[-1][1])
    for c_hi, c_lo in reversed(_INVERSE_FACTORIALS[:-1]):
        acc_hi, acc_lo = dd_sum(*dd_mul(acc_hi, acc_lo, h_hi, h_lo), c_hi, c_lo)
    e_hi, e_lo = dd_mul(acc_hi, acc_lo, h_hi, h_lo)
    for _ in range(_HALVINGS):  # expm1(2h) = expm1(h) (expm1(h) + 2)
        e_hi, e_lo = dd_mul(e_hi, e_lo, *dd_sum(e_hi, e_lo, np.full_like(e_hi, 2.0), np.zeros_like(e_hi)))
    return e_hi, e_lo


def _dd_reduce(a_hi: np.ndarray, a_lo: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``a = k ln 2 + r`` with ``|r| <= 0.35``: k and r as a double-double."""
    k = np.rint(a_hi / (_LN2_1 + _LN2_2))
    r_hi, r_lo = two_sum(a_hi - k * _LN2_1, a_lo)  # the difference is exact (Sterbenz)
    r_hi, r_lo = dd_sum(r_hi, r_lo, *two_prod(-k, np.full_like(k, _LN2_2)))
    return k, *dd_sum(r_hi, r_lo, -k * _LN2_3, np.zeros_like(k))


def dd_expm1(a_hi: np.ndarray, a_lo: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``exp(a) - 1`` as a double-double, about 2**-100 relative, for ``-745 < a < 709``."""
    a_hi, a_lo = np.asarray(a_hi, dtype=np.float64), np.asarray(a_lo, dtype=np.float64)
    k, r_hi, r_lo = _dd_reduce(a_hi, a_lo)
    e_hi, e_lo = _dd_expm1_reduced(r_hi, r_lo)
    # 2**k (1 + e) - 1 = 2**k e + (2**k - 1), the last exact as the pair (2**k, -1)
    p = np.ldexp(1.0, np.nan_to_num(k).astype(np.int64))  # NaN a: NaN through e
    s_hi, s_lo = dd_sum(e_hi * p, e_lo * p, p, np.zeros_like(p))
    s_hi, s_lo = dd_sum(s_hi, s_lo, -np.ones_like(p), np.zeros_like(p))
    return np.where(k == 0, e_hi, s_hi), np.where(k == 0, e_lo, s_lo)


def dd_exp(a_hi: np.ndarray, a_lo: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``exp(a)`` as a double-double, about 2**-100 relative, for ``-670 < a < 709`` (below, the low
    part is subnormal and loses bits)."""
    a_hi, a_lo = np.asarray(a_hi, dtype=np.float64), np.asarray(a_lo, dtype=np.float64)
    k, r_hi, r_lo = _dd_reduce(a_hi, a_lo)
    e_hi, e_lo = _dd_expm1_reduced(r_hi, r_lo)
    s_hi, s_lo = dd_sum(np.ones_like(e_hi), np.zeros_like(e_hi), e_hi, e_lo)
    p = np.ldexp(1.0, np.nan_to_num(k).astype(np.int64))  # NaN a: NaN through e
    return s_hi * p, s_lo * p


def _dd_log1p_small(u_hi: np.ndarray, u_lo: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``log(1 + u)`` as a double-double for ``|u| <= 1/2``: one Newton step from the double log1p,
    its residual formed without cancellation (relative to u, also where u is tiny)."""
    guess = np.log1p(u_hi)
    # log(1 + u) = g + log(1 + c), c = (1 + u) e^-g - 1 = expm1(-g) (1 + u) + u, about 2**-53 u
    one_plus = dd_sum(np.ones_like(u_hi), np.zeros_like(u_hi), u_hi, u_lo)
    c_hi, c_lo = dd_sum(*dd_mul(*dd_expm1(-guess, np.zeros_like(guess)), *one_plus), u_hi, u_lo)
    return dd_sum(guess, np.zeros_like(guess), c_hi, c_lo - c_hi * c_hi / 2)


def dd_log(y_hi: np.ndarray, y_lo: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``log(y)`` as a double-double for normal ``y > 0``: the mantissa's logarithm plus the exponent
    times ln 2."""
    y_hi, y_lo = np.asarray(y_hi, dtype=np.float64), np.asarray(y_lo, dtype=np.float64)
    m, exponent = np.frexp(y_hi)  # y = m 2**exponent, 1/√2 <= m < √2: no cancellation near y = 1
    low = m < _SQRT1_2[0]
    m, exponent = np.where(low, 2.0 * m, m), np.where(low, exponent - 1, exponent)
    log_hi, log_lo = _dd_log1p_small(m - 1.0, np.ldexp(y_lo, -exponent))  # m - 1 is exact
    k = exponent.astype(np.float64)
    log_hi, log_lo = dd_sum(log_hi, log_lo, k * _LN2_1, k * _LN2_3)  # k L1 is exact
    return dd_sum(log_hi, log_lo, *two_prod(k, np.full_like(k, _LN2_2)))


def dd_log1p(u_hi: np.ndarray, u_lo: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``log(1 + u)`` as a double-double for ``u > -1`` (relative to the result, also for tiny u)."""
    u_hi, u_lo = np.asarray(u_hi, dtype=np.float64), np.asarray(u_lo, dtype=np.float64)
    small = np.abs(u_hi) <= 0.5
    near = _dd_log1p_small(np.where(small, u_hi, 0.0), np.where(small, u_lo, 0.0))
    far = dd_log(
        *dd_sum(np.ones_like(u_hi), np.zeros_like(u_hi), np.where(small, 1.0, u_hi), np.where(small, 0.0, u_lo))
    )
    return np.where(small, near[0], far[0]), np.where(small, near[1], far[1])


@dataclass(frozen=True, eq=False, repr=False)
class DD:
    """Double-double arrays with arithmetic, for formulas that must be exact to far more than 53 bits
    before their one rounding (``.value``): ``(DD(x) + 2) * DD(x).expm1()``."""

    hi: np.ndarray
    lo: np.ndarray = 0.0
    __array_ufunc__ = None  # array + DD is DD's: numpy defers to __radd__ and friends

    def __post_init__(self) -> None:
        object.__setattr__(self, "hi", np.asarray(self.hi, dtype=np.float64))
        object.__setattr__(self, "lo", np.broadcast_to(np.asarray(self.lo, dtype=np.float64), self.hi.shape))

    @classmethod
    def constant(cls, text: str) -> DD:
        """A decimal constant to double-double precision."""
        return cls(*dd_constant(text))

    @property
    def value(self) -> np.ndarray:
        """Rounded to double."""
        return self.hi + self.lo

    def __neg__(self) -> DD:
        return DD(-self.hi, -self.lo)

    def __add__(self, other) -> DD:
        other = _as_dd(other)
        return DD(*dd_sum(self.hi, self.lo, other.hi, other.lo))

    __radd__ = __add__

    def __sub__(self, other) -> DD:
        return self + -_as_dd(other)

    def __rsub__(self, other) -> DD:
        return _as_dd(other) + -self

    def __mul__(self, other) -> DD:
        other = _as_dd(other)
        return DD(*_renormalised(*dd_mul(self.hi, self.lo, other.hi, other.lo)))

    __rmul__ = __mul__

    def __truediv__(self, other) -> DD:
        other = _as_dd(other)
        with np.errstate(divide="ignore", over="ignore", invalid="ignore"):  # NaN and inf propagate, silently
            return DD(*_renormalised(*dd_quotient_dd(self.hi, self.lo, other.hi, other.lo)))

    def __rtruediv__(self, other) -> DD:
        return _as_dd(other) / self

    def sqrt(self) -> DD:
        return DD(*dd_sqrt(self.hi, self.lo))

    def exp(self) -> DD:
        return DD(*dd_exp(self.hi, self.lo))

    def expm1(self) -> DD:
        return DD(*dd_expm1(self.hi, self.lo))

    def log(self) -> DD:
        return DD(*dd_log(self.hi, self.lo))

    def log1p(self) -> DD:
        return DD(*dd_log1p(self.hi, self.lo))


def _as_dd(x) -> DD:
    return x if isinstance(x, DD) else DD(x)


def _renormalised(hi: np.ndarray, lo: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    with np.errstate(over="ignore", invalid="ignore"):
        s = hi + lo
        err = lo - (s - hi)
    fine = np.isfinite(s)
    return np.where(fine, s, hi), np.where(fine, err, 0.0)


def root_offset(x: np.ndarray, root: tuple[float, float, float]) -> DD:
    """``x - root`` for a root given to triple-double precision, exact enough to be relative also for
    the double nearest the root (where the two agree to 55 bits and more)."""
    first = x - root[0]  # exact near the root (Sterbenz)
    return DD(first) - root[1] - root[2]


def triple_constant(text: str) -> tuple[float, float, float]:
    """A decimal constant as three doubles whose sum is it to about 159 bits."""
    numerator, denominator = decimal_ratio(text)
    parts = []
    for _ in range(3):
        part = numerator / denominator
        parts.append(part)
        p, q = part.as_integer_ratio()
        numerator, denominator = numerator * q - p * denominator, denominator * q
    return parts[0], parts[1], parts[2]


# --- sin and cos of a product a·x, exactly reduced also where a·x is beyond the doubles ------------


def _pi_scaled(bits: int) -> int:
    """π · 2**bits rounded down, by Machin's formula π = 16 atan(1/5) - 4 atan(1/239) in integers."""
    guard = bits + 20
    one = 1 << guard

    def atan_inverse(n: int) -> int:
        total, term, k, sign = 0, one // n, 1, 1
        while term:
            total += sign * (term // k)
            term //= n * n
            k += 2
            sign = -sign
        return total

    return (16 * atan_inverse(5) - 4 * atan_inverse(239)) >> 20


def _reduce_huge(value) -> tuple[float, float]:
    """``value mod 2π`` as hi + lo for an exact rational value (a Fraction) too large for a
    double-double reduction (Payne and Hanek's idea, in Python integers: 2π to 160 bits beyond the
    value's own)."""
    from fractions import Fraction

    bits = max(int(abs(value)).bit_length(), 1) + 160
    scaled = value * (1 << bits)  # exact or within 2**-160 of it
    reduced = Fraction(int(scaled) % (2 * _pi_scaled(bits)), 1 << bits)
    hi = float(reduced)
    return hi, float(reduced - Fraction(hi))


@functools.cache
def _two_pi() -> tuple[float, float, float]:
    """2π as three doubles of 53 bits each (159 bits), for reductions of up to 2**60."""
    from fractions import Fraction

    exact = Fraction(2 * _pi_scaled(220), 1 << 220)
    parts = []
    for _ in range(3):
        part = float(exact)
        parts.append(part)
        exact -= Fraction(part)
    return parts[0], parts[1], parts[2]


_REDUCE_DIRECTLY = 2.0**-30  # |lo| below: sin(hi + lo) = sin hi + lo cos hi to 2**-60
_REDUCE_IN_DD = 2.0**60  # up to here, hi + lo - k 2π in double-double; beyond, in integers


def reduce_two_pi(hi: np.ndarray, lo: np.ndarray, always: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """``hi + lo`` modulo 2π as hi + lo (about 2**-100 absolute), for finite hi. Where lo is tiny the
    argument is left as it is (the sine of a double is exactly reduced by the math library), unless
    ``always``."""
    hi, lo = np.array(hi, dtype=np.float64), np.array(lo, dtype=np.float64)
    two_pi = _two_pi()
    k = np.rint(hi / (2 * math.pi))
    r = DD(hi) - DD(*two_prod(k, np.full_like(k, two_pi[0]))) - DD(*two_prod(k, np.full_like(k, two_pi[1])))
    r = r - k * two_pi[2] + lo
    direct = (np.abs(lo) <= _REDUCE_DIRECTLY) & (not always)
    out_hi, out_lo = np.where(direct, hi, r.hi), np.where(direct, lo, r.lo)
    huge = ~direct & (np.abs(hi) > _REDUCE_IN_DD)
    if np.any(huge):
        from fractions import Fraction

        for index in zip(*np.nonzero(huge), strict=True):
            out_hi[index], out_lo[index] = _reduce_huge(Fraction(float(hi[index])) + Fraction(float(lo[index])))
    return out_hi, out_lo


def sin_cos_of_product(a: float, x: np.ndarray, scale: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """``sin(scale·a·x)`` and ``cos(scale·a·x)`` for doubles a and x (scale a power of two): the product
    exact as hi + lo and reduced modulo 2π, exactly also where it is beyond the doubles. NaN for NaN
    and infinite x."""
    with np.errstate(over="ignore"):
        v_hi, v_lo = two_prod(np.float64(a), x)
        v_hi, v_lo = v_hi * scale, v_lo * scale
    finite = np.isfinite(x)
    # beyond the doubles, or beyond two_prod's range (its error term is then not exact)
    huge = finite & (~np.isfinite(v_hi) | (np.abs(x) >= _SPLIT_LIMIT) | (abs(a) >= _SPLIT_LIMIT))
    v_hi, v_lo = reduce_two_pi(np.where(finite & ~huge, v_hi, 0.0), np.where(finite & ~huge, v_lo, 0.0))
    if np.any(huge):
        from fractions import Fraction

        for index in zip(*np.nonzero(huge), strict=True):
            v_hi[index], v_lo[index] = _reduce_huge(Fraction(a) * Fraction(float(x[index])) * scale)
    v_hi = np.where(finite, v_hi, np.nan)
    s, c = np.sin(v_hi), np.cos(v_hi)
    return s + c * v_lo, c - s * v_lo


_SIN_TERMS = 14  # |t| <= π/4: t^29/29! is below 2**-106 of t
_SIN_COEFFICIENTS = [dd_ratio((-1) ** n, math.factorial(2 * n + 1)) for n in range(_SIN_TERMS)]
_COS_COEFFICIENTS = [dd_ratio((-1) ** n, math.factorial(2 * n)) for n in range(_SIN_TERMS)]


def _dd_series(coefficients, square: DD) -> DD:
    acc = DD(np.full_like(square.hi, coefficients[-1][0]), np.full_like(square.hi, coefficients[-1][1]))
    for c_hi, c_lo in reversed(coefficients[:-1]):
        acc = acc * square + DD(np.full_like(square.hi, c_hi), np.full_like(square.hi, c_lo))
    return acc


def dd_sin_cos(hi: np.ndarray, lo: np.ndarray) -> tuple[DD, DD]:
    """``sin(hi + lo)`` and ``cos(hi + lo)`` as double-doubles (about 2**-100 absolute), for finite hi:
    reduced modulo 2π, then to a quarter turn, then Taylor series."""
    r_hi, r_lo = reduce_two_pi(hi, lo, always=True)
    quarter = np.rint(r_hi / (math.pi / 2))
    two_pi = _two_pi()
    t = DD(r_hi, r_lo) - quarter * DD(two_pi[0] / 4, two_pi[1] / 4) - quarter * (two_pi[2] / 4)
    square = t * t
    sin_t, cos_t = t * _dd_series(_SIN_COEFFICIENTS, square), _dd_series(_COS_COEFFICIENTS, square)
    turn = np.mod(quarter, 4)
    swap = (turn == 1) | (turn == 3)
    s = DD(np.where(swap, cos_t.hi, sin_t.hi), np.where(swap, cos_t.lo, sin_t.lo))
    c = DD(np.where(swap, sin_t.hi, cos_t.hi), np.where(swap, sin_t.lo, cos_t.lo))
    s_sign = np.where((turn == 2) | (turn == 3), -1.0, 1.0)
    c_sign = np.where((turn == 1) | (turn == 2), -1.0, 1.0)
    return DD(s.hi * s_sign, s.lo * s_sign), DD(c.hi * c_sign, c.lo * c_sign)
