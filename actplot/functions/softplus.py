"""Softplus, the smooth ReLU, and its mirror image the log-sigmoid."""

from __future__ import annotations

import math

import numpy as np

from actplot._exact import exp_scaled, log_constant, two_prod, two_sum
from actplot.functions._base import HIDDEN, POSITIVE, REGRESSION, Activation, P, Param, mp
from actplot.functions.sigmoid import exact_sigmoid, scaled_sigmoid, sigmoid

FAMILY = "softplus"


_TAIL = -40.0  # below, log(1 + e^t) = e^t to a small fraction of an ulp


def softplus(x: np.ndarray, beta: float = 1.0) -> np.ndarray:
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
    with np.errstate(over="ignore"):  # log(2)/β beyond the largest double is inf, correctly rounded
        y = np.maximum(x, 0.0) + (curve + slope * bx_lo) / beta
    tail = bx < _TAIL
    if tail.any():
        # e^(βx)/β = e^(βx - ln β): 1/β applied inside the exponent, so that a subnormal e^(βx)
        # (or one that underflows while e^(βx)/β does not) loses nothing.
        log_hi, log_lo = log_constant(beta)
        z, z_lo = two_sum(bx[tail], np.full(np.count_nonzero(tail), -log_hi))
        y[tail] = exp_scaled(1.0, z, z_lo + (bx_lo[tail] - log_lo))
    return y


def d_softplus(x: np.ndarray, beta: float = 1.0) -> np.ndarray:
    r""":math:`\mathrm{softplus}'(x) = \sigma(\beta x)`."""
    if beta == 1.0:
        return sigmoid(x)
    bx, bx_lo = _scaled(x, beta)
    return scaled_sigmoid(np.ones_like(bx), bx, bx_lo)


def _scaled(x: np.ndarray, beta: float) -> tuple[np.ndarray, np.ndarray]:
    """``beta * x`` as ``hi + lo`` (exact): a rounded product would cost ``|beta x|`` ulp in the tails."""
    if beta == 1.0:
        return x, np.zeros_like(x)
    return two_prod(x, np.float64(beta))


def exact_softplus(x, beta: float = 1.0):
    z = mp.mpf(beta) * x
    # log(1 + e^z) without cancelling: z + log1p(e^-z) for z > 0.
    return (z + mp.log1p(mp.exp(-z)) if z > 0 else mp.log1p(mp.exp(z))) / mp.mpf(beta)


def exact_d_softplus(x, beta: float = 1.0):
    return exact_sigmoid(mp.mpf(beta) * x)


def log_sigmoid(x: np.ndarray) -> np.ndarray:
    r"""The logarithm of the sigmoid, as ``-softplus(-x)``.

    .. math:: \log\sigma(x) = -\log\left(1 + e^{-x}\right)

    >>> log_sigmoid([-800.0, 800.0])
    array([-800.,   -0.])
    """
    return -softplus(-x)


def d_log_sigmoid(x: np.ndarray) -> np.ndarray:
    r""":math:`(\log\sigma)'(x) = \sigma(-x)`."""
    return sigmoid(-x)


def exact_log_sigmoid(x):
    return -exact_softplus(-x)


def exact_d_log_sigmoid(x):
    return exact_sigmoid(-x)


SOFTPLUS = Activation(
    name="softplus",
    measured_ulp=(2.29, 2.06),
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
    parameters=(Param("beta", 1.0, "sharpness: larger beta is closer to ReLU", domain=POSITIVE),),
    conventions="torch switches to x where beta*x > threshold (20) for speed; actplot computes the exact "
    "value everywhere (softplus(21) = 21.00000000075826...). jax and keras have no beta.",
)

LOG_SIGMOID = Activation(
    name="log_sigmoid",
    measured_ulp=(1.2, 2.24),
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
