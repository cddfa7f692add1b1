"""ELU, SELU and CELU: linear for positive inputs, an exponential saturation for negative ones."""

from __future__ import annotations

import math
from dataclasses import replace
from decimal import Decimal

import numpy as np

from actplot._exact import dd_constant, dd_quotient, exp_scaled, two_prod
from actplot.functions._base import HIDDEN, NONZERO, Activation, P, Param, mp

_EXP_SUBNORMAL = -708.0  # below, e^x is subnormal

FAMILY = "exponential linear units"
_ALPHA_ELU = Param("alpha", 1.0, "scale of the negative saturation (the value approached as x -> -inf is -alpha)")


def elu(x: np.ndarray, alpha: float = 1.0) -> np.ndarray:
    r"""The exponential linear unit.

    .. math:: \mathrm{ELU}(x) = \begin{cases} x & x > 0 \\ \alpha (e^{x} - 1) & x \le 0 \end{cases}

    >>> elu([-1e-300, -1000.0])
    array([-1.e-300, -1.e+000])
    """
    # expm1 keeps tiny inputs exact; the min() keeps the unused branch from overflowing.
    return np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0.0)))


def d_elu(x: np.ndarray, alpha: float = 1.0) -> np.ndarray:
    return np.where(x > 0, 1.0, times_exp_left(alpha, np.minimum(x, 0.0)))


def times_exp_left(g: float, x: np.ndarray) -> np.ndarray:
    """``g · e^x`` for ``x <= 0``, also where ``e^x`` is subnormal and ``g`` would magnify its
    lost digits."""
    y = g * np.exp(x)
    tail = x < _EXP_SUBNORMAL
    if np.any(tail):
        y[tail] = exp_scaled(g, x[tail])
    return y


def exact_elu(x, alpha: float = 1.0):
    return x if x > 0 else mp.mpf(alpha) * mp.expm1(x)


def exact_d_elu(x, alpha: float = 1.0):
    return mp.mpf(1) if x > 0 else mp.mpf(alpha) * mp.exp(x)


_SELU_ALPHA_TEXT = "1.6732632423543772848170429916717"
_SELU_SCALE_TEXT = "1.0507009873554804934193349852946"
_SELU_SCALE = dd_constant(_SELU_SCALE_TEXT)
# scale·alpha rounded once from the decimal constants, not as a product of two rounded doubles.
_SELU_SCALE_ALPHA = dd_constant(str(Decimal(_SELU_ALPHA_TEXT) * Decimal(_SELU_SCALE_TEXT)))


def selu(x: np.ndarray) -> np.ndarray:
    r"""The scaled exponential linear unit, self-normalising with PyTorch's constants.

    .. math:: \mathrm{SELU}(x) = \lambda \begin{cases} x & x > 0 \\ \alpha (e^{x} - 1) & x \le 0 \end{cases}

    with :math:`\alpha = 1.6732632423543772848170429916717`, :math:`\lambda = 1.0507009873554804934193349852946`.
    """
    # The constants as hi + lo: the rounding of a constant would add half an ulp to every result.
    (scale, scale_lo), (scale_alpha, scale_alpha_lo) = _SELU_SCALE, _SELU_SCALE_ALPHA
    with np.errstate(over="ignore", invalid="ignore"):  # λx beyond the largest double is inf, correctly rounded
        p, err = two_prod(x, np.float64(scale))
        positive = np.where(np.isfinite(p), p + (err + x * scale_lo), p)
    negative = np.expm1(np.minimum(x, 0.0))
    return np.where(x > 0, positive, scale_alpha * negative + scale_alpha_lo * negative)


def d_selu(x: np.ndarray) -> np.ndarray:
    return np.where(x > 0, _SELU_SCALE[0], times_exp_left(_SELU_SCALE_ALPHA[0], np.minimum(x, 0.0)))


def exact_selu(x):
    return mp.mpf(_SELU_SCALE_TEXT) * exact_elu(x, mp.mpf(_SELU_ALPHA_TEXT))


def exact_d_selu(x):
    return mp.mpf(_SELU_SCALE_TEXT) * exact_d_elu(x, mp.mpf(_SELU_ALPHA_TEXT))


_SMALL = 2.0**-10  # below, expm1(z)/z by its series to z**4/120 is exact to 2**-60


def celu(x: np.ndarray, alpha: float = 1.0) -> np.ndarray:
    r"""The continuously differentiable exponential linear unit, for either sign of ``alpha``.

    .. math:: \mathrm{CELU}(x) = \max(0, x) + \min\left(0, \alpha (e^{x/\alpha} - 1)\right)

    The second term has the sign of ``x`` whatever ``alpha``'s: ``x`` for ``x > 0``, else
    :math:`\alpha (e^{x/\alpha} - 1)` (which grows without bound when ``alpha < 0``).
    """
    negative = np.minimum(x, 0.0)
    q, delta = _over_alpha(negative, alpha)
    with np.errstate(over="ignore", invalid="ignore"):
        # α·expm1(q + δ) = α·(expm1(q) + e^q δ) to first order; α·expm1 overflows only where the value does.
        y = alpha * np.expm1(q)
        if delta is not None:
            y = y + alpha * (np.exp(q) * delta)
    small = (np.abs(q) < _SMALL) & (negative < 0)  # (x >= 0 gives q = 0, and is not used)
    if np.any(small):
        # α·expm1(z) = x · expm1(z)/z: no division by a huge α, no tiny z losing digits.
        z = q[small]
        y[small] = negative[small] * (1.0 + z * (0.5 + z * (1 / 6 + z * (1 / 24 + z * (1 / 120)))))
    large = q > 40.0  # alpha < 0: α·e^z, which can be finite where e^z alone is not
    if alpha < 0 and np.any(large):
        y[large] = exp_scaled(alpha, q[large], 0.0 if delta is None else delta[large])
    return np.where(x > 0, x, y)


def _over_alpha(x: np.ndarray, alpha: float) -> tuple[np.ndarray, np.ndarray]:
    """``x/α`` exactly, as ``q + δ``: e^(x/α) magnifies a rounded quotient's error by ``|x/α|``.
    Dividing by a power of two is exact already (where the quotient is normal): δ is None."""
    if math.frexp(alpha)[0] in (0.5, -0.5):
        with np.errstate(over="ignore", under="ignore"):
            return x / alpha, None
    return dd_quotient(x, alpha)


def d_celu(x: np.ndarray, alpha: float = 1.0) -> np.ndarray:
    q, delta = _over_alpha(np.minimum(x, 0.0), alpha)
    with np.errstate(over="ignore", invalid="ignore"):
        y = np.exp(q)
        if delta is not None:
            y = y + y * delta
    outside = (q < _EXP_SUBNORMAL) | (q > 700.0)
    if np.any(outside):
        y[outside] = exp_scaled(1.0, q[outside], 0.0 if delta is None else delta[outside])
    return np.where(x > 0, 1.0, y)


def exact_celu(x, alpha: float = 1.0):
    # max(0, x) + min(0, α(e^(x/α) - 1)): for any α ≠ 0 the second term is active for x <= 0 only.
    return x if x > 0 else mp.mpf(alpha) * mp.expm1(x / mp.mpf(alpha))


def exact_d_celu(x, alpha: float = 1.0):
    return mp.mpf(1) if x > 0 else mp.exp(x / mp.mpf(alpha))


ELU = Activation(
    name="elu",
    kinks=lambda alpha=1.0: (0.0,),
    mathtext=r"h(x) = x \ (x > 0), \ \ \alpha (e^{x} - 1) \ (x \leq 0)",
    measured_ulp=(1.38, 1.49),
    summary="The exponential linear unit: smooth saturation to -alpha for negative inputs.",
    function=elu,
    derivative=d_elu,
    exact=exact_elu,
    exact_derivative=exact_d_elu,
    latex=r"h(x) = \begin{cases} x & x > 0 \\ \alpha (e^{x} - 1) & x \le 0 \end{cases}",
    plain="h(x) = x if x > 0 else alpha * (exp(x) - 1)",
    derivative_plain="1 if x > 0 else alpha * exp(x)",
    output_range=(-1.0, math.inf),
    range_text="(-alpha, inf) for alpha >= 0; [0, inf) for alpha < 0",
    properties=P(True, False, False, "max(1, alpha)"),
    use=(HIDDEN,),
    parameters=(_ALPHA_ELU,),
)

SELU = Activation(
    name="selu",
    kinks=lambda **params: (0.0,),
    mathtext=r"h(x) = \lambda x \ (x > 0), \ \ \lambda\alpha (e^{x} - 1) \ (x \leq 0)",
    measured_ulp=(1.42, 1.43),
    summary="The scaled ELU, self-normalising with fixed constants.",
    function=selu,
    derivative=d_selu,
    exact=exact_selu,
    exact_derivative=exact_d_selu,
    latex=r"h(x) = \lambda \begin{cases} x & x > 0 \\ \alpha (e^{x} - 1) & x \le 0 \end{cases}",
    plain="h(x) = scale * (x if x > 0 else alpha * (exp(x) - 1)), "
    "alpha = 1.6732632423543772848170429916717, scale = 1.0507009873554804934193349852946",
    derivative_plain="scale if x > 0 else scale * alpha * exp(x)",
    output_range=(-1.7580993408473766, math.inf),
    range_text="(-1.7581, inf)",
    properties=P(True, False, False, "scale * alpha = 1.7581 at x = 0-"),
    use=(HIDDEN + " (self-normalising networks)",),
    conventions="torch, jax and keras use the same constants.",
)

CELU = Activation(
    name="celu",
    kinks=lambda alpha=1.0: (0.0,),
    measured_ulp=(1.79, 1.08),
    summary="The continuously differentiable ELU.",
    function=celu,
    derivative=d_celu,
    exact=exact_celu,
    exact_derivative=exact_d_celu,
    latex=r"h(x) = \max(0, x) + \min\left(0, \alpha (e^{x/\alpha} - 1)\right)",
    plain="h(x) = max(0, x) + min(0, alpha * (exp(x / alpha) - 1))",
    derivative_plain="1 if x > 0 else exp(x / alpha)",
    output_range=(-1.0, math.inf),
    range_text="(-alpha, inf) for alpha > 0; (-inf, inf) for alpha < 0",
    properties=P(True, False, True, "1"),
    use=(HIDDEN,),
    parameters=(replace(_ALPHA_ELU, domain=NONZERO),),
)

RECORDS = (
    ELU,
    SELU,
    CELU,
)
