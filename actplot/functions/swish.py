"""Self-gated units x·g(x): SiLU (swish), Mish and the piecewise-quadratic hard swish."""

from __future__ import annotations

import math

import numpy as np

from actplot._exact import (
    exp_parts,
    exp_scaled,
    finite_square,
    finite_two_prod,
    finite_two_sum,
    square_of_one_plus,
)
from actplot._roots import MISH_ROOT, SILU_ROOT, near_root
from actplot.functions._base import HIDDEN, TAIL, Activation, P, mp
from actplot.functions.sigmoid import exact_sigmoid
from actplot.functions.softplus import exact_softplus

FAMILY = "self-gated"
_EXP_SUBNORMAL = -708.0  # below, e^x is subnormal (or near it) and has lost digits


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

    With ``a = e^min(x,0)``, ``b = e^-max(x,0)`` and ``t = ab = e^-|x|``: ``a (1 + xb + t) / (1 + t)²``,
    the sum and the square exact; for ``x < 0`` the numerator's ``1 + x`` is exact where it cancels
    against ``t``, and within 1/4 of the root (-1.2785) the series around the root takes over.
    """
    x = np.clip(x, -TAIL, TAIL)
    a, b = exp_parts(x)
    t = a * b
    n, n_lo = finite_two_sum(1.0 + x * b, t)
    _, sq, sq_lo = square_of_one_plus(t)
    y = a * n / sq
    y = y + y * (n_lo / n - sq_lo / sq)
    deep = np.flatnonzero(x < _EXP_SUBNORMAL)  # e^x subnormal: silu' = e^x (1 + x), e^x applied last
    if deep.size:
        xd = x[deep]
        y[deep] = exp_scaled(1.0 + xd, xd)
    return near_root(y, x, SILU_ROOT)


def exact_silu(x):
    return x * exact_sigmoid(x)


def exact_d_silu(x):
    return exact_sigmoid(x) * (1 + x * exact_sigmoid(-x))


def mish(x: np.ndarray) -> np.ndarray:
    r"""Mish, a self-gated smooth ReLU.

    .. math:: \mathrm{Mish}(x) = x \tanh(\mathrm{softplus}(x))

    >>> mish([-1000.0, 1000.0])
    array([  -0., 1000.])
    """
    # tanh(softplus(x)) = n/(n + 2), n = e^x (e^x + 2); with e^x = a/b (exp_parts) that is
    # N/(N + 2b²), N = a² + 2ab: (1 + 2t)/(1 + 2t + 2t²) for x >= 0 (t = e^-x), t(t + 2)/(t(t + 2) + 2)
    # for x < 0 (t = e^x). Both sums are formed exactly (the squares round, by at most a third
    # of a rounding of the sum), so only the quotient and the product with x round.
    xc = np.clip(x, -TAIL, TAIL)
    a, b = exp_parts(xc)
    n, n_lo = finite_two_sum(a * a, 2.0 * (a * b))
    d, d_lo = finite_two_sum(n, 2.0 * (b * b))
    q = n / d
    y = xc * q + xc * ((n_lo - q * (d_lo + n_lo)) / d)
    deep = np.flatnonzero(x < _EXP_SUBNORMAL)  # mish = x e^x to a few 1e-308 relative
    if deep.size:
        xd = xc[deep]
        y[deep] = exp_scaled(xd, xd)
    beyond = np.flatnonzero(x > TAIL)  # mish = x
    y[beyond] = x[beyond]
    return y


def d_mish(x: np.ndarray) -> np.ndarray:
    r""":math:`\mathrm{Mish}'(x) = \tanh(\mathrm{sp}(x)) + x\,\mathrm{sech}^2(\mathrm{sp}(x))\,\sigma(x)`.

    With ``e^x = a/b`` (``exp_parts``) and ``D = a² + 2ab + 2b²``: ``a·B/D²``, where
    ``B = 4b³(1 + x) + a·S`` and ``S = a(a + 4b) + b²(6 + 4x)``. ``D``, its square and ``B`` are
    formed exactly (but for the rounding of ``S`` and of the squares ``a²``, ``b²``, small next to
    the sums); for ``x < 0`` (``a = e^x``, ``b = 1``) the two terms of ``B`` cancel only near the
    root (-1.1924), where the series around the root takes over.
    """
    x = np.clip(x, -TAIL, TAIL)
    a, b = exp_parts(x)
    bb = b * b
    n, n_lo = finite_two_sum(a * a, 2.0 * (a * b))
    d, d_lo = finite_two_sum(n, 2.0 * bb)
    square, square_lo = finite_square(d)
    square_lo = square_lo + 2.0 * d * (d_lo + n_lo)
    p, p_lo = finite_two_prod(a, a * (a + 4.0 * b) + bb * (6.0 + 4.0 * x))
    big, big_lo = finite_two_sum(4.0 * (bb * b) * (1.0 + x), p)
    y = a * big / square
    y = y + y * ((big_lo + p_lo) / big - square_lo / square)
    deep = np.flatnonzero(x < _EXP_SUBNORMAL)  # mish' = e^x (1 + x) to a few 1e-308 relative
    if deep.size:
        xd = x[deep]
        y[deep] = exp_scaled(1.0 + xd, xd)
    return near_root(y, x, MISH_ROOT)


def exact_mish(x):
    return x * mp.tanh(exact_softplus(x))


def exact_d_mish(x):
    s = exact_softplus(x)
    return mp.tanh(s) + x * mp.sech(s) ** 2 * exact_sigmoid(x)


def hard_swish(x: np.ndarray) -> np.ndarray:
    r"""A piecewise-quadratic SiLU, as in MobileNetV3.

    .. math:: \mathrm{hard\_swish}(x) = x\,\frac{\mathrm{ReLU6}(x + 3)}{6}
    """
    xc = np.clip(x, -3.0, 3.0)
    return np.where(x <= -3, 0.0, np.where(x >= 3, x, xc * (xc + 3.0) / 6.0))


def d_hard_swish(x: np.ndarray) -> np.ndarray:
    xc = np.clip(x, -3.0, 3.0)
    return np.where(x < -3, 0.0, np.where(x > 3, 1.0, (2.0 * xc + 3.0) / 6.0))


def exact_hard_swish(x):
    return x * min(max(x + 3, mp.mpf(0)), mp.mpf(6)) / 6


def exact_d_hard_swish(x):
    if x < -3:
        return mp.mpf(0)
    return mp.mpf(1) if x > 3 else (2 * x + 3) / 6


SILU = Activation(
    name="silu",
    measured_ulp=(1.79, 1.91),
    summary="The sigmoid-weighted linear unit, x * sigmoid(x) (swish).",
    function=silu,
    derivative=d_silu,
    exact=exact_silu,
    exact_derivative=exact_d_silu,
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
    measured_ulp=(1.94, 2.04),
    summary="Mish, x * tanh(softplus(x)): a smooth, self-gated ReLU.",
    function=mish,
    derivative=d_mish,
    exact=exact_mish,
    exact_derivative=exact_d_mish,
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
    exact=exact_hard_swish,
    exact_derivative=exact_d_hard_swish,
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
