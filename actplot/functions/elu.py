"""ELU, SELU and CELU: linear for positive inputs, an exponential saturation for negative ones."""

from __future__ import annotations

import math
from decimal import Decimal
from typing import TYPE_CHECKING

import numpy as np

from actplot.functions._base import HIDDEN, Activation, P, Param, ParameterError, as_array, mp

if TYPE_CHECKING:
    from numpy.typing import ArrayLike

FAMILY = "exponential linear units"
_ALPHA_ELU = Param("alpha", 1.0, "scale of the negative saturation (the value approached as x -> -inf is -alpha)")


def elu(x: ArrayLike, alpha: float = 1.0) -> np.ndarray:
    r"""The exponential linear unit.

    .. math:: \mathrm{ELU}(x) = \begin{cases} x & x > 0 \\ \alpha (e^{x} - 1) & x \le 0 \end{cases}

    >>> elu([-1e-300, -1000.0])
    array([-1.e-300, -1.e+000])
    """
    x = as_array(x)
    # expm1 keeps tiny inputs exact; the min() keeps the unused branch from overflowing.
    return np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0.0)))


def d_elu(x: ArrayLike, alpha: float = 1.0) -> np.ndarray:
    x = as_array(x)
    return np.where(x > 0, 1.0, alpha * np.exp(np.minimum(x, 0.0)))


def exact_elu(x, alpha: float = 1.0):
    return x if x > 0 else mp.mpf(alpha) * mp.expm1(x)


def exact_d_elu(x, alpha: float = 1.0):
    return mp.mpf(1) if x > 0 else mp.mpf(alpha) * mp.exp(x)


_SELU_ALPHA_TEXT = "1.6732632423543772848170429916717"


_SELU_SCALE_TEXT = "1.0507009873554804934193349852946"


_SELU_SCALE = float(Decimal(_SELU_SCALE_TEXT))


# scale·alpha rounded once from the decimal constants, not as a product of two rounded doubles.
_SELU_SCALE_ALPHA = float(Decimal(_SELU_ALPHA_TEXT) * Decimal(_SELU_SCALE_TEXT))


def selu(x: ArrayLike) -> np.ndarray:
    r"""The scaled exponential linear unit, self-normalising with PyTorch's constants.

    .. math:: \mathrm{SELU}(x) = \lambda \begin{cases} x & x > 0 \\ \alpha (e^{x} - 1) & x \le 0 \end{cases}

    with :math:`\alpha = 1.6732632423543772848170429916717`, :math:`\lambda = 1.0507009873554804934193349852946`.
    """
    x = as_array(x)
    with np.errstate(over="ignore"):  # λx beyond the largest double is inf, correctly rounded
        positive = _SELU_SCALE * x
    return np.where(x > 0, positive, _SELU_SCALE_ALPHA * np.expm1(np.minimum(x, 0.0)))


def d_selu(x: ArrayLike) -> np.ndarray:
    x = as_array(x)
    return np.where(x > 0, _SELU_SCALE, _SELU_SCALE_ALPHA * np.exp(np.minimum(x, 0.0)))


def exact_selu(x):
    return mp.mpf(_SELU_SCALE_TEXT) * exact_elu(x, mp.mpf(_SELU_ALPHA_TEXT))


def exact_d_selu(x):
    return mp.mpf(_SELU_SCALE_TEXT) * exact_d_elu(x, mp.mpf(_SELU_ALPHA_TEXT))


def celu(x: ArrayLike, alpha: float = 1.0) -> np.ndarray:
    r"""The continuously differentiable exponential linear unit.

    .. math:: \mathrm{CELU}(x) = \max(0, x) + \min\left(0, \alpha (e^{x/\alpha} - 1)\right)
    """
    if alpha == 0 or not math.isfinite(alpha):
        raise ParameterError("alpha", "must be a non-zero number", alpha)
    x = as_array(x)
    return np.where(x > 0, x, alpha * np.expm1(np.minimum(x / alpha, 0.0)))


def d_celu(x: ArrayLike, alpha: float = 1.0) -> np.ndarray:
    x = as_array(x)
    return np.where(x > 0, 1.0, np.exp(np.minimum(x / alpha, 0.0)))


def exact_celu(x, alpha: float = 1.0):
    # max(0, x) + min(0, α(e^(x/α) - 1)): for any α ≠ 0 the second term is active for x <= 0 only.
    return x if x > 0 else mp.mpf(alpha) * mp.expm1(x / mp.mpf(alpha))


def exact_d_celu(x, alpha: float = 1.0):
    return mp.mpf(1) if x > 0 else mp.exp(x / mp.mpf(alpha))


ELU = Activation(
    name="elu",
    kinks=lambda alpha=1.0: (0.0,),
    mathtext=r"h(x) = x \ (x > 0), \ \ \alpha (e^{x} - 1) \ (x \leq 0)",
    measured_ulp=(0.5, 0.8),
    summary="The exponential linear unit: smooth saturation to -alpha for negative inputs.",
    function=elu,
    derivative=d_elu,
    exact=exact_elu,
    exact_derivative=exact_d_elu,
    latex=r"h(x) = \begin{cases} x & x > 0 \\ \alpha (e^{x} - 1) & x \le 0 \end{cases}",
    plain="h(x) = x if x > 0 else alpha * (exp(x) - 1)",
    derivative_plain="1 if x > 0 else alpha * exp(x)",
    output_range=(-1.0, math.inf),
    range_text="(-alpha, inf)",
    properties=P(True, False, False, "max(1, alpha)"),
    use=(HIDDEN,),
    parameters=(_ALPHA_ELU,),
)

SELU = Activation(
    name="selu",
    kinks=lambda **params: (0.0,),
    mathtext=r"h(x) = \lambda x \ (x > 0), \ \ \lambda\alpha (e^{x} - 1) \ (x \leq 0)",
    measured_ulp=(1.4, 1.5),
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
    measured_ulp=(1.0, 0.7),
    summary="The continuously differentiable ELU.",
    function=celu,
    derivative=d_celu,
    exact=exact_celu,
    exact_derivative=exact_d_celu,
    latex=r"h(x) = \max(0, x) + \min\left(0, \alpha (e^{x/\alpha} - 1)\right)",
    plain="h(x) = max(0, x) + min(0, alpha * (exp(x / alpha) - 1))",
    derivative_plain="1 if x > 0 else exp(x / alpha)",
    output_range=(-1.0, math.inf),
    range_text="(-alpha, inf)",
    properties=P(True, False, True, "1"),
    use=(HIDDEN,),
    parameters=(_ALPHA_ELU,),
    accuracy_note="with alpha other than 1 (or a power of 2) x/alpha is rounded once first",
)

RECORDS = (
    ELU,
    SELU,
    CELU,
)
