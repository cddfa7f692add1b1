"""Functions of a whole vector, along the last axis: softmax, log-softmax and softmin, and the sparse
maps sparsemax and 1.5-entmax (most entries exactly 0)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from actplot._exact import (
    DD,
    accurate_sum,
    dd_div_scalar,
    dd_mul,
    exp_scaled,
    finite_two_sum,
    two_prod,
    two_sum,
)
from actplot.functions._base import CLASSIFICATION, POSITIVE, Activation, P, Param, mp

FAMILY = "vectors"
_TEMPERATURE = Param(
    "temperature", 1.0, "divide the scores by T first: T > 1 flattens, T < 1 sharpens", domain=POSITIVE
)


@dataclass(eq=False, repr=False)
class _Parts:
    """What softmax and its relatives share, row by row (the last axis).

    ``z = (x - max x)/T`` as ``z + z_lo`` (exact to about 2**-100), ``e = exp(z)`` as
    ``e + e_lo`` (the maximum's is exactly 1), the sum of the exps ``total + total_lo`` and of
    all but the first maximum's ``rest + rest_lo = total - 1`` (accurate relative to itself).
    Rows whose other exps are all below 2**-1000 (``tiny``) also have the rest summed scaled by
    2**1000 (``scaled_rest``; 0 elsewhere), as subnormal exps have lost digits.
    """

    z: np.ndarray
    z_lo: np.ndarray
    e: np.ndarray
    e_lo: np.ndarray
    rest: np.ndarray
    rest_lo: np.ndarray
    total: np.ndarray
    total_lo: np.ndarray
    tiny: np.ndarray
    scaled_rest: np.ndarray

    @cached_property
    def first(self) -> np.ndarray:
        """Where the first maximum of each row is."""
        first = np.zeros(self.z.shape, dtype=bool)
        np.put_along_axis(first, np.argmax(self.z, axis=-1, keepdims=True), True, axis=-1)
        return first


_SUBNORMAL_EXP = -708.0  # below, exp(z) is subnormal and has lost digits
_RESCALE = 2.0**1000  # the rest of a row whose exps are all below 2**-1000, summed scaled by this
_SMALL_REST = 2.0**-20  # below, the rest is summed again on a grid of its own


def _parts(x: np.ndarray, temperature: float) -> _Parts:
    top = np.max(x, axis=-1, keepdims=True)  # NaN anywhere in a row makes it NaN
    special = ~np.isfinite(top)
    if np.any(special):
        x, top = _take_limits(x, top, special)
    z, z_lo = _shifted(x, top, temperature)
    with np.errstate(under="ignore"):
        e = np.exp(z)
        e_lo = e * z_lo
    # Every exp is at most 1 (the maximum's is 1): one grid, fixed by the row length, sums them.
    total, total_lo = accurate_sum(e, e_lo, largest=1.0)
    rest, rest_lo = two_sum(total, np.full_like(total, -1.0))
    rest_lo = rest_lo + total_lo
    tiny = np.zeros(rest.shape, dtype=bool)
    parts = _Parts(z, z_lo, e, e_lo, rest, rest_lo, total, total_lo, tiny, np.zeros_like(rest))
    small = (rest < _SMALL_REST) & (x.shape[-1] > 1)
    if np.any(small):
        _resum_small_rests(parts, small[:, 0])
    return parts


def _resum_small_rests(p: _Parts, rows: np.ndarray) -> None:
    """The rest of these rows again, on a grid fitted to the rest itself (relative accuracy where
    it is tiny next to the maximum's 1), and scaled into the normal range where its exps are
    subnormal or near it (they have lost digits, and a sum of several would lose more)."""
    first = p.first[rows]
    others, others_lo = np.where(first, 0.0, p.e[rows]), np.where(first, 0.0, p.e_lo[rows])
    rest, rest_lo = accurate_sum(others, others_lo)
    tiny = rest < 2.0**-1000
    if np.any(tiny):
        where = tiny[:, 0]
        scaled = np.where(first[where], 0.0, exp_scaled(_RESCALE, p.z[rows][where], p.z_lo[rows][where]))
        scaled_hi, scaled_lo = accurate_sum(scaled, np.zeros_like(scaled))
        scaled_rest = np.zeros_like(rest)
        scaled_rest[where] = scaled_hi + scaled_lo
        rest = np.where(tiny, scaled_rest / _RESCALE, rest)
        rest_lo = np.where(tiny, 0.0, rest_lo)
        p.tiny[rows] = tiny
        p.scaled_rest[rows] = scaled_rest
    p.rest[rows], p.rest_lo[rows] = rest, rest_lo
    total, total_lo = two_sum(np.ones_like(rest), rest)
    p.total[rows], p.total_lo[rows] = total, total_lo + rest_lo


def _take_limits(x: np.ndarray, top: np.ndarray, special: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rows without a finite maximum take their limit: a single +inf gets everything; several
    +inf, a row of only -inf, or a NaN anywhere, leave the row undefined (NaN)."""
    positive_inf = x == np.inf
    count = np.sum(positive_inf, axis=-1, keepdims=True)
    single = special & (top == np.inf) & (count == 1)
    x = np.where(single, np.where(positive_inf, 0.0, -np.inf), x)
    x = np.where(special & ~single, np.nan, x)
    top = np.where(single, 0.0, np.where(special, np.nan, top))
    return x, top


def _shifted(x: np.ndarray, top: np.ndarray, temperature: float) -> tuple[np.ndarray, np.ndarray]:
    """``(x - top) / T`` as ``hi + lo``: the difference exactly (so ``softmax(x + c) == softmax(x)``
    bit for bit wherever ``x + c`` is exact), divided without a rounded intermediate, and
    without overflow for any ``T``: ``T``'s power of two goes into ``x`` before the difference
    when ``T > 1`` (the difference of two huge numbers cannot overflow then) and after it when
    ``T < 1`` (where an overflow means ``exp`` is 0 anyway)."""
    if temperature == 1.0:
        # two_sum's care for infinite terms and differences only for a block that has some
        with np.errstate(over="ignore", invalid="ignore"):
            z, z_lo = finite_two_sum(x, -top)
        return (z, z_lo) if np.isfinite(z_lo).all() else two_sum(x, -top)
    mantissa, exponent = math.frexp(temperature)
    with np.errstate(over="ignore", under="ignore", invalid="ignore"):
        if exponent > 0:
            d, d_lo = two_sum(np.ldexp(x, -exponent), np.ldexp(-top, -exponent))
        else:
            d, d_lo = two_sum(x, -top)
            d, d_lo = np.ldexp(d, -exponent), np.ldexp(d_lo, -exponent)
        d_lo = np.where(np.isfinite(d), d_lo, 0.0)
        return dd_div_scalar(d, d_lo, mantissa)


def _exact_parts(xs: list, temperature: float) -> tuple[list, list, object]:
    """Exact softmax pieces: the shifted scaled logits (x_i - max x)/T, each rounded once (exact
    where representable), the numerators e^((x_i - max x)/T) (the largest is 1) and their sum."""
    top = max(xs)
    shifted = [(x - top) / mp.mpf(temperature) for x in xs]
    e = [mp.exp(s) for s in shifted]
    return shifted, e, mp.fsum(e)


def _exact_others(e: list, i: int):
    """The sum of the numerators but the i-th: (1 - p_i) times the sum, without cancellation."""
    return mp.fsum(e[:i] + e[i + 1 :])


def softmax(x: np.ndarray, temperature: float = 1.0) -> np.ndarray:
    r"""Softmax: turns scores into probabilities that sum to 1 along ``axis``.

    .. math:: \mathrm{softmax}(x)_i = \frac{e^{x_i/T}}{\sum_j e^{x_j/T}}

    Formed as :math:`e^{(x_i - \max x)/T} / \sum_j e^{(x_j - \max x)/T}` with the shift and the
    division by ``T`` exact, so a common shift of ``x`` changes nothing, and the sum compensated.

    >>> softmax([1000.0, 1001.0, 1002.0])  # the same as softmax([0, 1, 2])
    array([0.09003057, 0.24472847, 0.66524096])
    """
    p = _parts(x, temperature)
    # e / total as e times the row's reciprocal (a double-double): one rounding an element.
    inverse = 1.0 / p.total
    product, err = two_prod(inverse, p.total)
    inverse_lo = ((1.0 - product) - err - inverse * p.total_lo) / p.total
    return p.e * inverse + (p.e * inverse_lo + p.e_lo * inverse)


def d_softmax(x: np.ndarray, temperature: float = 1.0) -> np.ndarray:
    r"""Diagonal of the Jacobian, :math:`p_i (1 - p_i) / T`, with ``1 - p_i`` formed without cancellation."""
    p = _parts(x, temperature)
    complement_hi, complement_lo = _complement(p)  # (1 - p_i) · total
    # p_i (1 - p_i) / T = e · complement / (total² T): the product (rounded once) times the row's
    # reciprocal of total² T (a double-double); the low parts of e and the complement to first order.
    product = p.e * complement_hi
    err = p.e * complement_lo + p.e_lo * complement_hi
    square = dd_mul(p.total, p.total_lo, p.total, p.total_lo)
    y = _times_inverse(product, err, square, temperature)
    return _subnormal_exps(y, p, complement_hi, temperature, squared=True)


def exact_softmax(xs: list, temperature: float = 1.0) -> list:
    _, e, total = _exact_parts(xs, temperature)
    return [ei / total for ei in e]


def exact_d_softmax(xs: list, temperature: float = 1.0) -> list:
    _, e, total = _exact_parts(xs, temperature)
    return [ei * _exact_others(e, i) / total**2 / mp.mpf(temperature) for i, ei in enumerate(e)]


def _complement(p: _Parts) -> tuple[np.ndarray, np.ndarray]:
    """``(1 - p_i)·total``, the sum of the other exps: ``rest`` for the first maximum, and
    ``total - e_i`` (>= 1, no cancellation: Fast2Sum, as total >= e_i) for the others."""
    hi = p.total - p.e
    lo = ((p.total - hi) - p.e) + (p.total_lo - p.e_lo)
    first = np.argmax(p.z, axis=-1, keepdims=True)
    np.put_along_axis(hi, first, p.rest, axis=-1)
    np.put_along_axis(lo, first, p.rest_lo, axis=-1)
    return hi, lo


def _times_inverse(hi: np.ndarray, lo: np.ndarray, divisor, temperature: float) -> np.ndarray:
    """``(hi + lo) / (divisor · T)`` for a double-double ``divisor`` a row: the row's reciprocal
    formed once (T's power of two applied last, so that a T near the ends of the range neither
    overflows nor underflows it)."""
    mantissa, exponent = math.frexp(temperature)
    d_hi, d_lo = dd_mul(*divisor, np.float64(mantissa), 0.0)
    inverse = 1.0 / d_hi
    product, err = two_prod(inverse, d_hi)
    inverse_lo = ((1.0 - product) - err - inverse * d_lo) / d_hi
    y = hi * inverse + (lo * inverse + hi * inverse_lo)
    with np.errstate(over="ignore", under="ignore"):
        return _times_power_of_two(y, -exponent)


def _times_power_of_two(y: np.ndarray, exponent: int) -> np.ndarray:
    """``y · 2**exponent``, rounded once: a multiplication where the power is a double (cheaper than ``ldexp``)."""
    return y * 2.0**exponent if abs(exponent) < 1000 else np.ldexp(y, exponent)


def _subnormal_exps(y, p: _Parts, complement, temperature: float, *, squared: bool) -> np.ndarray:
    """Where ``e_i`` is subnormal it has lost digits that a small ``T`` would magnify: ``y`` again as
    ``e^z · g`` with the scale applied inside ``exp_scaled``; and where the first maximum's
    ``rest`` was summed scaled (see ``_parts``), its term the same way."""
    lost = p.z < _SUBNORMAL_EXP  # (-inf too: exp_scaled gives its 0)
    if np.any(lost):
        mantissa, exponent = math.frexp(temperature)
        denominator = p.total * p.total if squared else p.total
        y = np.array(y)
        with np.errstate(over="ignore", under="ignore"):
            g = complement / (denominator * mantissa)
            y[lost] = exp_scaled(g[lost], p.z[lost], p.z_lo[lost], -exponent)
    return _tiny_rest_over_temperature(y, p, temperature)


def _tiny_rest_over_temperature(y: np.ndarray, p: _Parts, temperature: float) -> np.ndarray:
    """The first maximum's term where the rest was summed scaled (the total is 1 there): rest / T."""
    firsts = p.first & p.tiny
    if np.any(firsts):
        mantissa, exponent = math.frexp(temperature)
        y = np.array(y)
        with np.errstate(over="ignore", under="ignore"):
            scaled = np.broadcast_to(p.scaled_rest / mantissa, y.shape)
            y[firsts] = np.ldexp(scaled[firsts], -exponent - 1000)
    return y


def log_softmax(x: np.ndarray, temperature: float = 1.0) -> np.ndarray:
    r"""The logarithm of softmax, computed without forming softmax.

    .. math:: \log\mathrm{softmax}(x)_i = \frac{x_i - \max x}{T} - \log\sum_j e^{(x_j - \max x)/T}

    >>> log_softmax([1000.0, 1.0])
    array([   0., -999.])
    """
    # log(sum) = log1p(rest): the maximum contributes exactly 1; rest's low part to first order.
    p = _parts(x, temperature)
    log_total = np.log1p(p.rest) + p.rest_lo / p.total
    return (p.z - log_total) + p.z_lo


def d_log_softmax(x: np.ndarray, temperature: float = 1.0) -> np.ndarray:
    r"""Diagonal of the Jacobian, :math:`(1 - p_i) / T`."""
    p = _parts(x, temperature)
    y = _times_inverse(*_complement(p), (p.total, p.total_lo), temperature)
    return _tiny_rest_over_temperature(y, p, temperature)


def exact_log_softmax(xs: list, temperature: float = 1.0) -> list:
    shifted, e, _ = _exact_parts(xs, temperature)
    log_total = mp.log1p(_exact_others(e, xs.index(max(xs))))  # the maximum's numerator is exactly 1
    return [s - log_total for s in shifted]


def exact_d_log_softmax(xs: list, temperature: float = 1.0) -> list:
    _, e, total = _exact_parts(xs, temperature)
    return [_exact_others(e, i) / total / mp.mpf(temperature) for i in range(len(e))]


def softmin(x: np.ndarray, temperature: float = 1.0) -> np.ndarray:
    r"""Softmin: the softmax of the negated scores; the smallest score gets the most weight.

    .. math:: \mathrm{softmin}(x)_i = \frac{e^{-x_i/T}}{\sum_j e^{-x_j/T}}
    """
    return softmax(-x, temperature=temperature)


def d_softmin(x: np.ndarray, temperature: float = 1.0) -> np.ndarray:
    r"""Diagonal of the Jacobian, :math:`-p_i (1 - p_i) / T` with ``p = softmin(x)``."""
    return -d_softmax(-x, temperature=temperature)


_OUTSIDE = 4.0


def _sorted_shifted(x: np.ndarray):
    """Each row's entries minus its maximum (exact, as hi + lo; rows without a finite maximum take
    their limit or are NaN, as softmax's), sorted in decreasing order; and the unsorted ones, to
    read the result back in the input's order."""
    top = np.max(x, axis=-1, keepdims=True)
    special = ~np.isfinite(top)
    if np.any(special):
        x, top = _take_limits(x, top, special)
    hi, lo = _shifted(x, top, 1.0)
    # An entry more than 2 below the maximum is outside every support (entmax15's halved scores lie
    # within 1 of theirs, sparsemax's within 1): -4 stands for all of them, -inf included.
    far = hi < -_OUTSIDE
    hi, lo = np.where(far, -_OUTSIDE, hi), np.where(far, 0.0, lo)
    order = np.argsort(-hi, axis=-1, kind="stable")
    return hi, lo, np.take_along_axis(hi, order, -1), np.take_along_axis(lo, order, -1)


def _running_sum(hi: np.ndarray, lo: np.ndarray) -> DD:
    """The cumulative sums of ``hi + lo`` along the last axis, compensated: each step's rounding
    error (exact by two_sum) is carried in a second cumulative sum."""
    total = np.cumsum(hi, axis=-1)
    before = np.concatenate([np.zeros_like(total[..., :1]), total[..., :-1]], axis=-1)
    step, err = two_sum(before, hi)
    return DD(total, np.cumsum((step - total) + err + lo, axis=-1))


def _support_count(condition: np.ndarray) -> np.ndarray:
    return np.sum(condition, axis=-1, keepdims=True)


def _pick(values: DD, count: np.ndarray) -> DD:
    """Each row's entry number ``count`` (1-based) of a running quantity."""
    index = np.maximum(count, 1) - 1
    return DD(np.take_along_axis(values.hi, index, -1), np.take_along_axis(values.lo, index, -1))


def _sparsemax_threshold(x: np.ndarray):
    """The rows shifted by their maximum (as hi + lo), the threshold tau and the support size."""
    hi, lo, s_hi, s_lo = _sorted_shifted(x)
    k = np.arange(1, s_hi.shape[-1] + 1, dtype=np.float64)
    sums = _running_sum(s_hi, s_lo)
    # k is in the support while 1 + k y_(k) > sum of the k largest (Martins & Astudillo, Algorithm 1)
    margin = (DD(*two_prod(k * np.ones_like(s_hi), s_hi)) + k * s_lo + 1.0) - sums
    with np.errstate(invalid="ignore"):
        count = _support_count((margin.hi > 0) | ((margin.hi == 0) & (margin.lo > 0)))
    tau = (_pick(sums, count) - 1.0) / count.astype(np.float64)
    return hi, lo, tau, count


def sparsemax(x: np.ndarray) -> np.ndarray:
    r"""Sparsemax: the Euclidean projection of the scores onto the probability simplex.

    .. math:: \mathrm{sparsemax}(x)_i = \max(x_i - \tau, 0), \quad \sum_i \max(x_i - \tau, 0) = 1

    The threshold comes from the sorted scores (exact, no bisection); most entries are exactly 0.

    >>> sparsemax([1.0, 0.8, 0.1])
    array([0.6, 0.4, 0. ])
    """
    hi, lo, tau, _ = _sparsemax_threshold(x)
    with np.errstate(invalid="ignore"):
        p = np.maximum((DD(hi, lo) - tau).value, 0.0)
    return np.where(np.isnan(hi).any(axis=-1, keepdims=True), np.nan, p)


def d_sparsemax(x: np.ndarray) -> np.ndarray:
    r"""Diagonal of the Jacobian, :math:`s_i (1 - 1/|S|)`, where :math:`s_i = 1` on the support S."""
    hi, lo, tau, count = _sparsemax_threshold(x)
    with np.errstate(invalid="ignore"):
        inside = (DD(hi, lo) - tau).hi > 0
    size = np.maximum(count, 1)  # a NaN row counts none: its result is NaN anyway
    diagonal = np.where(inside, (size - 1) / size, 0.0)
    return np.where(np.isnan(hi).any(axis=-1, keepdims=True), np.nan, diagonal)


def _entmax15_threshold(x: np.ndarray):
    """The rows shifted by their maximum and halved (as hi + lo), and the threshold tau."""
    hi, lo, s_hi, s_lo = _sorted_shifted(x)
    hi, lo, s_hi, s_lo = hi / 2, lo / 2, s_hi / 2, s_lo / 2
    k = np.arange(1, s_hi.shape[-1] + 1, dtype=np.float64)
    sums = _running_sum(s_hi, s_lo)
    square = DD(*two_prod(s_hi, s_hi)) + 2.0 * s_hi * s_lo
    squares = _running_sum(square.hi, square.lo)
    mean = sums / k
    # the k largest solve sum (x_j - tau)² = 1 with tau = mean - sqrt((1 - spread)/k),
    # spread = sum (x_j - mean)² = sum x_j² - k mean²; k is in the support while tau_k <= x_(k)
    spread = squares - mean * sums
    gap = (1.0 - spread) / k
    with np.errstate(invalid="ignore"):
        root = DD(np.maximum(gap.hi, 0.0), np.where(gap.hi > 0, gap.lo, 0.0)).sqrt()
        taus = mean - root
        below = (DD(s_hi, s_lo) - taus).hi >= 0
    count = _support_count(below)
    return hi, lo, _pick(taus, count), count


def entmax15(x: np.ndarray) -> np.ndarray:
    r"""1.5-entmax: between softmax and sparsemax, sparse with a smooth support.

    .. math:: \mathrm{entmax}_{1.5}(x)_i = \max\left(\frac{x_i}{2} - \tau, 0\right)^2, \quad \sum_i (\cdot) = 1

    The threshold comes from the sorted scores (exact, no bisection); most entries are exactly 0.
    """
    hi, lo, tau, _ = _entmax15_threshold(x)
    with np.errstate(invalid="ignore"):
        g = DD(hi, lo) - tau
        g = DD(np.maximum(g.hi, 0.0), np.where(g.hi > 0, g.lo, 0.0))
        p = (g * g).value
    return np.where(np.isnan(hi).any(axis=-1, keepdims=True), np.nan, p)


def d_entmax15(x: np.ndarray) -> np.ndarray:
    r"""Diagonal of the Jacobian, :math:`g_i - p_i / \sum_j g_j` with :math:`g = \sqrt p`, formed as
    :math:`g_i \sum_{j \ne i} g_j / \sum_j g_j` (no cancellation)."""
    hi, lo, tau, _ = _entmax15_threshold(x)
    with np.errstate(invalid="ignore"):
        g = DD(hi, lo) - tau
        g = DD(np.maximum(g.hi, 0.0), np.where(g.hi > 0, g.lo, 0.0))
    g_hi = np.where(np.isnan(g.hi), 0.0, g.hi)
    g_lo = np.where(np.isnan(g.hi), 0.0, g.lo)
    total = _running_sum(g_hi, g_lo)
    empty = total.hi[..., -1:] == 0  # a NaN row: its result is NaN anyway
    total = DD(np.where(empty, 1.0, total.hi[..., -1:]), np.where(empty, 0.0, total.lo[..., -1:]))
    others = total - DD(g_hi, g_lo)
    diagonal = (DD(g_hi, g_lo) * others / total).value
    return np.where(np.isnan(hi).any(axis=-1, keepdims=True), np.nan, diagonal)


def _exact_threshold(xs: list, solve) -> object:
    """The threshold tau of sparsemax or 1.5-entmax for scores shifted by their maximum: the k
    largest form the support for the first k whose solved tau lies below the k-th."""
    ordered = sorted(xs, reverse=True)
    for k in range(1, len(ordered) + 1):
        tau = solve(ordered[:k])
        if k == len(ordered) or ordered[k] <= tau:
            return tau
    raise AssertionError("unreachable: the largest score alone is a support")


def _exact_shifted(xs: list) -> list | None:
    """The scores minus their maximum (a single +inf takes everything), or None for a NaN row."""
    if any(mp.isnan(x) for x in xs) or xs.count(mp.inf) > 1 or all(x == mp.ninf for x in xs):
        return None
    top = max(xs)
    if top == mp.inf:
        return [mp.mpf(0) if x == mp.inf else mp.ninf for x in xs]
    return [x - top for x in xs]


def exact_sparsemax(xs: list) -> list:
    shifted = _exact_shifted(xs)
    if shifted is None:
        return [mp.nan] * len(xs)
    tau = _exact_threshold(shifted, lambda top: (mp.fsum(top) - 1) / len(top))
    return [max(x - tau, mp.mpf(0)) for x in shifted]


def exact_d_sparsemax(xs: list) -> list:
    p = exact_sparsemax(xs)
    if any(mp.isnan(v) for v in p):
        return p
    support = sum(1 for v in p if v > 0)
    return [(1 - mp.mpf(1) / support) if v > 0 else mp.mpf(0) for v in p]


def _exact_entmax15_gates(xs: list) -> list | None:
    """sqrt(p_i) = max(x_i/2 - tau, 0), tau solving sum (x_j/2 - tau)² = 1 on the support."""
    shifted = _exact_shifted(xs)
    if shifted is None:
        return None
    halves = [x / 2 for x in shifted]

    def solve(top):
        k, s1, s2 = len(top), mp.fsum(top), mp.fsum(v * v for v in top)
        return (s1 - mp.sqrt(s1 * s1 - k * (s2 - 1))) / k

    tau = _exact_threshold(halves, solve)
    return [max(x - tau, mp.mpf(0)) for x in halves]


def exact_entmax15(xs: list) -> list:
    g = _exact_entmax15_gates(xs)
    return [mp.nan] * len(xs) if g is None else [v * v for v in g]


def exact_d_entmax15(xs: list) -> list:
    g = _exact_entmax15_gates(xs)
    if g is None:
        return [mp.nan] * len(xs)
    total = mp.fsum(g)
    return [v * (total - v) / total for v in g]


def exact_softmin(xs: list, temperature: float = 1.0) -> list:
    return exact_softmax([-x for x in xs], temperature)


def exact_d_softmin(xs: list, temperature: float = 1.0) -> list:
    return [-d for d in exact_d_softmax([-x for x in xs], temperature)]


SOFTMAX = Activation(
    name="softmax",
    measured_ulp=(1.89, 2.25),
    summary="Softmax: turns a vector of scores into probabilities that sum to 1.",
    function=softmax,
    derivative=d_softmax,
    exact=exact_softmax,
    exact_derivative=exact_d_softmax,
    latex=r"y_i = \frac{e^{x_i/T}}{\sum_j e^{x_j/T}}",
    plain="y_i = exp(x_i/T) / sum_j exp(x_j/T)",
    derivative_plain="diagonal of the Jacobian: y_i * (1 - y_i) / T",
    output_range=(0.0, 1.0),
    range_text="(0, 1), summing to 1",
    properties=P(True, False, True, "1/4 (diagonal)"),
    use=(CLASSIFICATION,),
    parameters=(_TEMPERATURE,),
    vector=True,
    absent=-math.inf,
    conventions="torch needs dim=; actplot and jax use the last axis. Temperature is not a framework "
    "parameter: frameworks divide the logits first.",
    names={
        "torch": "softmax",
        "torch_module": "Softmax, Softmax2d (over channels)",
        "jax": "softmax",
        "keras": "softmax",
        "tf": "softmax",
        "onnx": "Softmax",
    },
    source="Bridle 1990, 'Probabilistic Interpretation of Feedforward Classification Network Outputs'",
)

LOG_SOFTMAX = Activation(
    name="log_softmax",
    measured_ulp=(1.59, 1.73),
    summary="The logarithm of softmax, computed without forming softmax (pairs with NLL loss).",
    function=log_softmax,
    derivative=d_log_softmax,
    exact=exact_log_softmax,
    exact_derivative=exact_d_log_softmax,
    latex=r"y_i = \frac{x_i}{T} - \ln\sum_j e^{x_j/T}",
    plain="y_i = x_i/T - log(sum_j exp(x_j/T))",
    derivative_plain="diagonal of the Jacobian: (1 - softmax(x)_i) / T",
    output_range=(-math.inf, 0.0),
    range_text="(-inf, 0]",
    properties=P(True, False, True, "1 (diagonal)"),
    use=(CLASSIFICATION + " (with a log-likelihood loss)",),
    parameters=(_TEMPERATURE,),
    vector=True,
    absent=-math.inf,
    conventions="torch needs dim=; actplot and jax use the last axis.",
    names={
        "torch": "log_softmax",
        "torch_module": "LogSoftmax",
        "jax": "log_softmax",
        "keras": "log_softmax",
        "tf": "log_softmax",
        "onnx": "LogSoftmax",
    },
    source="torch.nn.functional.log_softmax (softmax: Bridle 1990)",
)

SOFTMIN = Activation(
    name="softmin",
    measured_ulp=(1.87, 2.31),
    summary="Softmin, softmax(-x): the smallest score gets the largest weight.",
    function=softmin,
    derivative=d_softmin,
    exact=exact_softmin,
    exact_derivative=exact_d_softmin,
    latex=r"y_i = \frac{e^{-x_i/T}}{\sum_j e^{-x_j/T}}",
    plain="y_i = exp(-x_i/T) / sum_j exp(-x_j/T)",
    derivative_plain="diagonal of the Jacobian: -y_i * (1 - y_i) / T",
    output_range=(0.0, 1.0),
    range_text="(0, 1), summing to 1",
    properties=P(True, False, True, "1/4 (diagonal, decreasing)"),
    use=("weighting by smallness (costs, distances)",),
    parameters=(_TEMPERATURE,),
    vector=True,
    absent=math.inf,
    conventions="torch only (F.softmin); jax and keras have none.",
    names={"torch": "softmin", "torch_module": "Softmin"},
    source="torch.nn.functional.softmin",
)

SPARSEMAX = Activation(
    name="sparsemax",
    measured_ulp=(0.5, 0.49),
    summary="Sparsemax: the projection of the scores onto the simplex; most probabilities exactly 0.",
    function=sparsemax,
    derivative=d_sparsemax,
    exact=exact_sparsemax,
    exact_derivative=exact_d_sparsemax,
    latex=r"y_i = \max(x_i - \tau, 0), \ \sum_i y_i = 1",
    plain="y_i = max(x_i - tau, 0), tau such that the y_i sum to 1",
    derivative_plain="diagonal of the Jacobian: 1 - 1/|S| on the support S, 0 off it",
    output_range=(0.0, 1.0),
    range_text="[0, 1], summing to 1",
    properties=P(True, False, False, "1 - 1/|S| (diagonal)"),
    use=(CLASSIFICATION + " (sparse)", "sparse attention"),
    vector=True,
    absent=-math.inf,
    conventions="Keras 3 has keras.activations.sparsemax, wrong whenever the support holds more than one entry "
    "in keras <= 3.15.1 (keras-team/keras#23425); TensorFlow had tf.contrib.sparsemax (TF 1) and TF Addons' "
    "sparsemax; torch and jax have none (the entmax package: entmax.sparsemax).",
    names={"keras": "sparsemax", "tf": "(tfa.activations.sparsemax, TF Addons)"},
    source="Martins & Astudillo 2016, 'From Softmax to Sparsemax: A Sparse Model of Attention and Multi-Label "
    "Classification', arXiv:1602.02068",
)

ENTMAX15 = Activation(
    name="entmax15",
    measured_ulp=(0.5, 0.5),
    summary="1.5-entmax: between softmax and sparsemax, sparse but smoother than sparsemax.",
    function=entmax15,
    derivative=d_entmax15,
    exact=exact_entmax15,
    exact_derivative=exact_d_entmax15,
    latex=r"y_i = \max\left(\frac{x_i}{2} - \tau, 0\right)^2, \ \sum_i y_i = 1",
    plain="y_i = max(x_i / 2 - tau, 0)^2, tau such that the y_i sum to 1",
    derivative_plain="diagonal of the Jacobian: g_i - y_i / sum_j g_j, g = sqrt(y)",
    output_range=(0.0, 1.0),
    range_text="[0, 1], summing to 1",
    properties=P(True, False, True, "(diagonal) g_i (1 - g_i / sum g)"),
    use=(CLASSIFICATION + " (sparse)", "sparse attention and sequence-to-sequence models"),
    aliases=("entmax_15", "entmax"),
    vector=True,
    absent=-math.inf,
    conventions="alpha-entmax with alpha = 1.5; the entmax package's entmax15 (no framework has it).",
    source="Peters, Niculae & Martins 2019, 'Sparse Sequence-to-Sequence Models', ACL 2019, arXiv:1905.05702",
)

RECORDS = (
    SOFTMAX,
    LOG_SOFTMAX,
    SOFTMIN,
    SPARSEMAX,
    ENTMAX15,
)
