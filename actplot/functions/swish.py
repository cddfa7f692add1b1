"""Self-gated units x·g(x): SiLU (swish), Mish and the piecewise-quadratic hard swish."""

from __future__ import annotations

import math

import numpy as np

from actplot._exact import dd_add, dd_div, dd_mul, dd_quotient_dd, exp_scaled, times_exp, two_prod, two_sum
from actplot._roots import MISH_ROOT, SILU_ROOT, near_root
from actplot.functions._base import HIDDEN, TAIL, Activation, P

FAMILY = "self-gated"


def silu(x: np.ndarray) -> np.ndarray:
    r"""The sigmoid-weighted linear unit (swish with β = 1).

    .. math:: \mathrm{SiLU}(x) = x\,\sigma(x)
    """
    # x/(1 + e^-x): exp, a sum and a division. Below -708 e^-x overflows while x σ(x) ≈ x e^x is
    # still a (subnormal or tiny) number: there x e^x, formed without a subnormal intermediate.
    with np.errstate(over="ignore", invalid="ignore"):  # -inf/inf: fixed below
        y = x / (1.0 + np.exp(-x))
    far = x < -708.0
    if np.any(far):
        xf = np.maximum(x[far], -1e4)  # beyond, x e^x is 0 (and -inf e^-inf has no value to round)
        y[far] = exp_scaled(xf, xf)
    return y


def d_silu(x: np.ndarray) -> np.ndarray:
    r""":math:`\mathrm{SiLU}'(x) = \sigma(x)\,(1 + x\,\sigma(-x))`.

    With ``t = e^{-|x|}``: ``(1 + t(1 + x)) / (1 + t)²`` for ``x >= 0`` and
    ``t ((1 + x) + t) / (1 + t)²`` for ``x < 0``, whose bracket vanishes at the root (-1.2785):
    there the series around the root takes over.
    """
    x = np.clip(x, -TAIL, TAIL)
    t = np.exp(-np.abs(x))
    one_x, one_x_lo = two_sum(np.ones_like(x), x)
    numerator = np.where(x >= 0, 1.0 + t * (one_x + one_x_lo), (one_x + t) + one_x_lo)
    y = _over_square_of_one_plus(numerator, t)
    y = np.where(x >= 0, y, y * t)
    deep = x < -708.0  # e^x subnormal: applied without losing digits
    if np.any(deep):
        y[deep] = times_exp(_over_square_of_one_plus(numerator[deep], t[deep]), x[deep])
    return near_root(y, x, SILU_ROOT)


def _over_square_of_one_plus(numerator: np.ndarray, t: np.ndarray) -> np.ndarray:
    """``numerator / (1 + t)²`` for ``0 <= t <= 1``, with ``(1 + t)²`` formed exactly."""
    d = 1.0 + t
    d_lo = t - (d - 1.0)
    square, square_lo = two_prod(d, d)
    y = numerator / square
    return y - y * ((square_lo + 2.0 * d * d_lo) / square)


def mish(x: np.ndarray) -> np.ndarray:
    r"""Mish, a self-gated smooth ReLU.

    .. math:: \mathrm{Mish}(x) = x \tanh(\mathrm{softplus}(x))

    >>> mish([-1000.0, 1000.0])
    array([  -0., 1000.])
    """
    # tanh(softplus(x)) = n/(n+2) with n = e^x(e^x+2): for x >= 0 (t = e^-x) mish is
    # x(1 - 2t²/(1 + 2t + 2t²)), no cancellation; for x < 0 (t = e^x) it is
    # e^x · x(t + 2)/(t(t + 2) + 2), the factor formed in double-double and e^x applied last.
    y = np.empty_like(x)
    positive = ~(x < 0)  # NaN goes this way and stays NaN
    xp = x[positive]
    t = np.exp(-xp)
    y[positive] = xp * (1.0 - 2.0 * t * t / (1.0 + 2.0 * t + 2.0 * t * t))
    xm = np.maximum(x[~positive], -TAIL)
    t = np.exp(xm)
    zero = np.zeros_like(t)
    n_hi, n_lo = two_sum(t, np.full_like(t, 2.0))
    d_hi, d_lo = dd_add(*dd_mul(t, zero, n_hi, n_lo), np.full_like(t, 2.0), zero)
    g_hi, g_lo = dd_mul(xm, zero, *dd_quotient_dd(n_hi, n_lo, d_hi, d_lo))
    y[~positive] = times_exp(g_hi, xm) + times_exp(g_lo, xm)
    return y


def d_mish(x: np.ndarray) -> np.ndarray:
    r""":math:`\mathrm{Mish}'(x) = \tanh(\mathrm{sp}(x)) + x\,\mathrm{sech}^2(\mathrm{sp}(x))\,\sigma(x)`."""
    x = np.clip(x, -TAIL, TAIL)
    y = np.empty_like(x)
    positive = ~(x < 0)
    xp = x[positive]
    t = np.exp(-xp)
    # x >= 0: tanh(sp) = 1 - 2t²/D, sech²(sp) = 4t²(1+t)²/D², σ = 1/(1+t), D = 1+2t+2t².
    big_d = 1.0 + 2.0 * t + 2.0 * t * t
    y[positive] = (1.0 - 2.0 * t * t / big_d) + xp * (4.0 * t * t * (1.0 + t) / (big_d * big_d))
    # x < 0 (t = e^x, n = t(t+2), n+1 = (1+t)²): e^x [(t+2)m + 4x(1+t)] / m², m = n + 2.
    # Eight roundings would add up past 4 ulp: the bracket is formed in double-double.
    xm = x[~positive]
    t = np.exp(xm)
    zero = np.zeros_like(t)
    t2 = two_sum(t, np.full_like(t, 2.0))
    m = dd_add(*dd_mul(t, zero, *t2), np.full_like(t, 2.0), zero)
    slope = dd_mul(4.0 * xm, zero, *two_sum(t, np.ones_like(t)))
    bracket = dd_div(*dd_add(*dd_mul(*t2, *m), *slope), *dd_mul(*m, *m))
    y[~positive] = times_exp(bracket, xm)
    return near_root(y, x, MISH_ROOT)


def hard_swish(x: np.ndarray) -> np.ndarray:
    r"""A piecewise-quadratic SiLU, as in MobileNetV3.

    .. math:: \mathrm{hard\_swish}(x) = x\,\frac{\mathrm{ReLU6}(x + 3)}{6}
    """
    xc = np.clip(x, -3.0, 3.0)
    return np.where(x <= -3, 0.0, np.where(x >= 3, x, xc * (xc + 3.0) / 6.0))


def d_hard_swish(x: np.ndarray) -> np.ndarray:
    xc = np.clip(x, -3.0, 3.0)
    return np.where(x < -3, 0.0, np.where(x > 3, 1.0, (2.0 * xc + 3.0) / 6.0))


SILU = Activation(
    name="silu",
    measured_ulp=(1.79, 2.37),
    summary="The sigmoid-weighted linear unit, x * sigmoid(x) (swish).",
    function=silu,
    derivative=d_silu,
    latex=r"h(x) = x\,\sigma(x) = \frac{x}{1 + e^{-x}}",
    plain="h(x) = x / (1 + exp(-x))",
    derivative_plain="sigmoid(x) * (1 + x * (1 - sigmoid(x)))",
    output_range=(-0.27846454276107380, math.inf),
    range_text="[-0.278, inf)",
    properties=P(False, False, True, "1.0998 at x = 2.3994"),
    use=(HIDDEN,),
    aliases=("swish",),
    conventions="jax and keras also call it swish (with beta = 1).",
)

MISH = Activation(
    name="mish",
    measured_ulp=(2.27, 2.06),
    summary="Mish, x * tanh(softplus(x)): a smooth, self-gated ReLU.",
    function=mish,
    derivative=d_mish,
    latex=r"h(x) = x\,\tanh\left(\ln\left(1 + e^{x}\right)\right)",
    plain="h(x) = x * tanh(log(1 + exp(x)))",
    derivative_plain="tanh(sp(x)) + x * sech(sp(x))^2 * sigmoid(x),  sp = softplus",
    output_range=(-0.30884003221072267, math.inf),
    range_text="[-0.309, inf)",
    properties=P(False, False, True, "1.0886 at x = 1.7757"),
    use=(HIDDEN,),
)

HARD_SWISH = Activation(
    name="hard_swish",
    kinks=lambda **params: (-3.0, 3.0),
    measured_ulp=(1.51, 1),
    summary="A piecewise-quadratic SiLU, x * relu6(x + 3) / 6 (MobileNetV3).",
    function=hard_swish,
    derivative=d_hard_swish,
    latex=r"h(x) = x\,\frac{\min(\max(0, x + 3), 6)}{6}",
    plain="h(x) = x * relu6(x + 3) / 6",
    derivative_plain="0 if x < -3, (2x + 3)/6 if -3 <= x <= 3, 1 if x > 3",
    output_range=(-0.375, math.inf),
    range_text="[-0.375, inf)",
    properties=P(False, False, False, "1.5 at x = 3"),
    use=(HIDDEN + " (mobile networks)",),
    conventions="jax and keras call it hard_silu (hard_swish in jax too).",
)

RECORDS = (
    SILU,
    MISH,
    HARD_SWISH,
)
