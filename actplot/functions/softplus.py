"""Softplus, the smooth ReLU, and its mirror image the log-sigmoid."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from actplot._exact import two_prod
from actplot.functions._base import HIDDEN, REGRESSION, Activation, P, Param, ParameterError, as_array, mp
from actplot.functions.sigmoid import exact_sigmoid, scaled_sigmoid, sigmoid

if TYPE_CHECKING:
    from numpy.typing import ArrayLike

FAMILY = "softplus"


def softplus(x: ArrayLike, beta: float = 1.0) -> np.ndarray:
    r"""A smooth ReLU.

    .. math:: \mathrm{softplus}(x) = \frac{1}{\beta}\log\left(1 + e^{\beta x}\right)

    Unlike PyTorch's, which returns ``x`` once ``βx > 20``, this is the exact value everywhere.

    >>> softplus([-800.0, 0.0, 800.0])
    array([0.        , 0.69314718, 800.        ])
    """
    bx, bx_lo = _scaled(x, beta)
    # max(x, 0) + log1p(e^-|βx|)/β never overflows; the lo part of βx enters to first order.
    curve = np.log1p(np.exp(-np.abs(bx)))
    if beta == 1.0:
        return np.maximum(bx, 0.0) + curve
    slope = np.where(bx > 0, -sigmoid(-bx), sigmoid(bx))
    return np.maximum(as_array(x), 0.0) + (curve + slope * bx_lo) / beta


def d_softplus(x: ArrayLike, beta: float = 1.0) -> np.ndarray:
    r""":math:`\mathrm{softplus}'(x) = \sigma(\beta x)`."""
    bx, bx_lo = _scaled(x, beta)
    return scaled_sigmoid(np.ones_like(bx), bx, bx_lo)


def _scaled(x: ArrayLike, beta: float) -> tuple[np.ndarray, np.ndarray]:
    """``beta * x`` as ``hi + lo`` (exact): a rounded product would cost ``|beta x|`` ulp in the tails."""
    if beta <= 0 or not math.isfinite(beta):
        raise ParameterError("beta", "must be a positive number", beta)
    x = as_array(x)
    if beta == 1.0:
        return x, np.zeros_like(x)
    return two_prod(x, np.float64(beta))


def exact_softplus(x, beta: float = 1.0):
    z = mp.mpf(beta) * x
    # log(1 + e^z) without cancelling: z + log1p(e^-z) for z > 0.
    return (z + mp.log1p(mp.exp(-z)) if z > 0 else mp.log1p(mp.exp(z))) / mp.mpf(beta)


def exact_d_softplus(x, beta: float = 1.0):
    return exact_sigmoid(mp.mpf(beta) * x)


def log_sigmoid(x: ArrayLike) -> np.ndarray:
    r"""The logarithm of the sigmoid, as ``-softplus(-x)``.

    .. math:: \log\sigma(x) = -\log\left(1 + e^{-x}\right)

    >>> log_sigmoid([-800.0, 800.0])
    array([-800.,   -0.])
    """
    return -softplus(-as_array(x))


def d_log_sigmoid(x: ArrayLike) -> np.ndarray:
    r""":math:`(\log\sigma)'(x) = \sigma(-x)`."""
    return sigmoid(-as_array(x))


def exact_log_sigmoid(x):
    return -exact_softplus(-x)


def exact_d_log_sigmoid(x):
    return exact_sigmoid(-x)


SOFTPLUS = Activation(
    name="softplus",
    measured_ulp=(1.2, 1.9),
    summary="A smooth ReLU, log(1 + e^x); its derivative is the sigmoid.",
    function=softplus,
    derivative=d_softplus,
    exact=exact_softplus,
    exact_derivative=exact_d_softplus,
    latex=r"h(x) = \frac{1}{\beta}\ln\left(1 + e^{\beta x}\right)",
    plain="h(x) = log(1 + exp(beta * x)) / beta",
    derivative_plain="sigmoid(beta * x)",
    output_range=(0.0, math.inf),
    range_text="(0, inf)",
    properties=P(True, False, True, "1 as x -> inf"),
    use=(HIDDEN, REGRESSION + " (positive targets: scales, rates)"),
    parameters=(Param("beta", 1.0, "sharpness: larger beta is closer to ReLU"),),
    conventions="torch switches to x where beta*x > threshold (20) for speed; actplot computes the exact "
    "value everywhere (softplus(21) = 21.00000000075826...). jax and keras have no beta.",
)

LOG_SIGMOID = Activation(
    name="log_sigmoid",
    measured_ulp=(1.2, 1.7),
    summary="The logarithm of the sigmoid, -softplus(-x) (log-likelihood of a binary label).",
    function=log_sigmoid,
    derivative=d_log_sigmoid,
    exact=exact_log_sigmoid,
    exact_derivative=exact_d_log_sigmoid,
    latex=r"h(x) = \ln \sigma(x) = -\ln\left(1 + e^{-x}\right)",
    plain="h(x) = -log(1 + exp(-x))",
    derivative_plain="1 - sigmoid(x) = sigmoid(-x)",
    output_range=(-math.inf, 0.0),
    range_text="(-inf, 0)",
    properties=P(True, False, True, "1 as x -> -inf"),
    use=("binary classification loss",),
    conventions="torch calls it logsigmoid.",
)

RECORDS = (
    SOFTPLUS,
    LOG_SIGMOID,
)
