"""Softplus, the smooth ReLU, its mirror image the log-sigmoid, and the smooth rectifiers of JAX and
Hugging Face: sparse_plus, squareplus and the square root of softplus."""

from __future__ import annotations

import math

import numpy as np

from actplot._exact import DD, exp_scaled, log_constant, two_prod, two_sum
from actplot.functions._base import HIDDEN, MAX, NONNEGATIVE, POSITIVE, REGRESSION, Activation, P, Param, mp
from actplot.functions.sigmoid import exact_sigmoid, scaled_sigmoid, sigmoid, sparse_sigmoid

FAMILY = "softplus and smooth rectifiers"


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


def sparse_plus(x: np.ndarray) -> np.ndarray:
    r"""A piecewise-quadratic softplus, the integral of the sparse sigmoid (JAX, Keras).

    .. math:: h(x) = \begin{cases} 0 & x \le -1 \\ \tfrac14 (x + 1)^2 & -1 < x < 1 \\ x & x \ge 1 \end{cases}
    """
    # (x + 1)² with x + 1 exact as hi + lo and the square as p + e: one rounding in all.
    s_hi, s_lo = two_sum(np.clip(x, -1.0, 1.0), np.ones_like(x))
    p, e = two_prod(s_hi, s_hi)
    middle = (p + (e + 2.0 * s_hi * s_lo)) / 4.0
    return np.where(x <= -1, 0.0, np.where(x >= 1, x, middle))


def d_sparse_plus(x: np.ndarray) -> np.ndarray:
    r""":math:`h'(x)` is the sparse sigmoid, :math:`\mathrm{clip}((x + 1)/2, 0, 1)`."""
    return sparse_sigmoid(x)


def exact_sparse_plus(x):
    if x <= -1:
        return mp.mpf(0)
    return (x + 1) ** 2 / 4 if x < 1 else x


def exact_d_sparse_plus(x):
    return min(max((x + 1) / 2, mp.mpf(0)), mp.mpf(1))


def _squareplus_root(x: np.ndarray, b: float) -> tuple[np.ndarray, np.ndarray]:
    """x clipped to the finite doubles and ``sqrt(x² + b)`` (hypot does not overflow)."""
    x = np.clip(x, -MAX, MAX)
    return x, np.hypot(x, math.sqrt(b))


def _squareplus_left(x: np.ndarray, b: float) -> tuple[np.ndarray, np.ndarray]:
    """For x <= 0, where x + sqrt(x² + b) cancels: the value b/(2(h + |x|)) and the derivative
    b/(2h(h + |x|)), h = sqrt(x² + b), in double-double after scaling x by 2**-e and b by 2**-2e
    (exactly), with 2**e the order of the larger of |x| and sqrt(b): no square overflows or is
    lost among the subnormals, whatever b; the derivative does not change, and the value is b over
    2**e times the scaled sum."""
    a = np.abs(x)
    _, e = np.frexp(np.maximum(a, math.sqrt(b)))
    xs, bs = np.ldexp(a, -e), np.ldexp(b, -2 * e)
    h = (DD(*two_prod(xs, xs)) + bs).sqrt()
    total = h + xs
    with np.errstate(divide="ignore", invalid="ignore"):  # x = b = 0: 0/0, replaced below
        # b/(2 (h + |x|)) with h + |x| = 2**e total; a subnormal b lifted by 2**k first, so that the
        # quotient keeps its digits until the one rounding of ldexp
        k = 1100 if b < 2.0**-900 else 0
        value = np.ldexp((np.float64(math.ldexp(b, k)) / (total * 2.0)).value, -e - k)
        slope = (bs / (h * total * 2.0)).value
    none = total.hi == 0  # x = b = 0: relu's 0 and the limit 1/2 as b -> 0
    return np.where(none, 0.0, value), np.where(none, 0.5, slope)


def squareplus(x: np.ndarray, b: float = 4.0) -> np.ndarray:
    r"""An algebraic softplus: a hyperbola with asymptotes 0 and x (JAX, Keras).

    .. math:: h(x) = \frac{x + \sqrt{x^2 + b}}{2}

    ``b >= 0`` sets the curvature near 0; ``b = 0`` is ReLU.
    """
    xs, h = _squareplus_root(x, b)
    # For x < 0 the sum cancels: (x + h)/2 = b / (2 (h - x)).
    with np.errstate(over="ignore"):  # near the largest double, halve first
        positive = np.where(xs > 2.0**1000, xs / 2 + h / 2, (xs + h) / 2)
    negative, _ = _squareplus_left(np.minimum(xs, 0.0), b)
    y = np.where(xs >= 0, positive, negative)
    return np.where(np.isinf(x), np.maximum(x, 0.0), y)


def d_squareplus(x: np.ndarray, b: float = 4.0) -> np.ndarray:
    r""":math:`h'(x) = \frac12\left(1 + \frac{x}{\sqrt{x^2 + b}}\right)`; for ``x < 0``, :math:`\frac{b}{2h(h - x)}`."""
    given = x
    x, h = _squareplus_root(x, b)
    with np.errstate(divide="ignore", invalid="ignore"):  # h = 0 only at x = b = 0, where it is 1/2
        positive = np.where(h > 0, (1.0 + x / h) / 2, 0.5)
    _, negative = _squareplus_left(np.minimum(x, 0.0), b)
    y = np.where(np.isnan(x), np.nan, np.where(x >= 0, positive, negative))
    return np.where(np.isinf(given), given > 0, y)  # not b/(4 MAX²) at -inf, 1.4e-309 for b = MAX


def exact_squareplus(x, b: float = 4.0):
    root = mp.sqrt(x * x + mp.mpf(b))
    return (x + root) / 2 if x >= 0 else mp.mpf(b) / (2 * (root - x))  # no cancellation for x < 0


def exact_d_squareplus(x, b: float = 4.0):
    root = mp.sqrt(x * x + mp.mpf(b))
    if root == 0:
        return mp.mpf(1) / 2  # b = 0 at x = 0: the limit as b -> 0
    return (1 + x / root) / 2 if x >= 0 else mp.mpf(b) / (2 * root * (root - x))


_EXP_HALF_BELOW = -40.0  # below, log1p(e^x) = e^x (1 - e^x/2 + ...) rounds to e^x


def sqrt_softplus(x: np.ndarray) -> np.ndarray:
    r"""The square root of softplus (Hugging Face's ``sqrtsoftplus``: DeepSeek V4's router score).

    .. math:: h(x) = \sqrt{\log\left(1 + e^{x}\right)}
    """
    # Far left softplus(x) = e^x underflows long before its root e^(x/2) does.
    return np.where(x < _EXP_HALF_BELOW, np.exp(np.minimum(x, 0.0) / 2), np.sqrt(softplus(x)))


def d_sqrt_softplus(x: np.ndarray) -> np.ndarray:
    r""":math:`h'(x) = \sigma(x) / (2\sqrt{\mathrm{softplus}(x)})`; far left :math:`e^{x/2}/2`."""
    with np.errstate(divide="ignore", invalid="ignore"):  # x = -inf: 0/0, replaced below
        middle = sigmoid(x) / (2.0 * np.sqrt(softplus(x)))
    return np.where(x < _EXP_HALF_BELOW, np.exp(np.minimum(x, 0.0) / 2) / 2, middle)


def _exact_softplus(x):
    return x + mp.log1p(mp.exp(-x)) if x > 0 else mp.log1p(mp.exp(x))


def exact_sqrt_softplus(x):
    return mp.sqrt(_exact_softplus(x))


def exact_d_sqrt_softplus(x):
    return 1 / (1 + mp.exp(-x)) / (2 * mp.sqrt(_exact_softplus(x)))


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
    names={
        "torch": "softplus",
        "torch_module": "Softplus",
        "jax": "softplus",
        "keras": "softplus",
        "tf": "softplus (tf.math, tf.nn)",
        "onnx": "Softplus",
    },
    source="Dugas, Bengio, Belisle, Nadeau & Garcia 2001, 'Incorporating Second-Order Functional Knowledge for "
    "Better Option Pricing'",
)

LOG_SIGMOID = Activation(
    name="log_sigmoid",
    measured_ulp=(1.26, 2.24),
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
    names={
        "torch": "logsigmoid",
        "torch_module": "LogSigmoid",
        "jax": "log_sigmoid",
        "keras": "log_sigmoid",
        "tf": "log_sigmoid (tf.math)",
    },
    source="the log-likelihood of the logistic model; torch's logsigmoid",
)

SPARSE_PLUS = Activation(
    name="sparse_plus",
    measured_ulp=(0.5, 0.5),
    kinks=lambda **params: (-1.0, 1.0),
    mathtext=r"h(x) = \frac{(x + 1)^2}{4} \ (|x| < 1), \ \ \max(0, x) \ (|x| \geq 1)",
    summary="A piecewise-quadratic softplus: 0, then (x + 1)^2/4, then x (JAX, Keras).",
    function=sparse_plus,
    derivative=d_sparse_plus,
    exact=exact_sparse_plus,
    exact_derivative=exact_d_sparse_plus,
    latex=r"h(x) = \begin{cases} 0 & x \le -1 \\ \frac{1}{4}(x + 1)^2 & -1 < x < 1 \\ x & x \ge 1 \end{cases}",
    plain="h(x) = 0 if x <= -1, (x + 1)^2 / 4 if -1 < x < 1, x if x >= 1",
    derivative_plain="sparse_sigmoid(x) = clip((x + 1)/2, 0, 1)",
    output_range=(0.0, math.inf),
    range_text="[0, inf)",
    properties=P(True, False, False, "1"),
    use=(HIDDEN,),
    names={"jax": "sparse_plus", "keras": "sparse_plus"},
    source="JAX and Keras (the 'twin' of softplus; its derivative is the sparse sigmoid of Blondel, Martins "
    "& Niculae 2019, 'Learning with Fenchel-Young Losses', arXiv:1901.02324)",
)

SQUAREPLUS = Activation(
    name="squareplus",
    measured_ulp=(1.28, 1.5),
    kinks=lambda b=4.0: (0.0,) if b == 0 else (),
    kink_default="mean",
    summary="An algebraic softplus, (x + sqrt(x^2 + b))/2 (JAX, Keras).",
    function=squareplus,
    derivative=d_squareplus,
    exact=exact_squareplus,
    exact_derivative=exact_d_squareplus,
    latex=r"h(x) = \frac{x + \sqrt{x^2 + b}}{2}",
    plain="h(x) = (x + sqrt(x^2 + b)) / 2",
    derivative_plain="(1 + x / sqrt(x^2 + b)) / 2",
    output_range=(0.0, math.inf),
    range_text="(0, inf)",
    properties=P(True, False, True, "1 as x -> inf"),
    use=(HIDDEN,),
    parameters=(Param("b", 4.0, "curvature near 0 (b = 0 is ReLU)", domain=NONNEGATIVE),),
    conventions="b = 4 in jax and keras; Keras's docstring credits 'Ramachandran et al., 2021', jax arXiv:2112.11687 "
    "(Barron). With b = 0 the derivative at 0 is taken as 1/2, its limit as b -> 0.",
    names={"jax": "squareplus", "keras": "squareplus"},
    source="Barron 2021, 'Squareplus: A Softplus-Like Algebraic Rectifier', arXiv:2112.11687",
)

SQRT_SOFTPLUS = Activation(
    name="sqrt_softplus",
    measured_ulp=(1.16, 2.74),
    summary="The square root of softplus (HF's sqrtsoftplus, DeepSeek V4's router score).",
    function=sqrt_softplus,
    derivative=d_sqrt_softplus,
    exact=exact_sqrt_softplus,
    exact_derivative=exact_d_sqrt_softplus,
    latex=r"h(x) = \sqrt{\ln\left(1 + e^{x}\right)}",
    plain="h(x) = sqrt(log(1 + exp(x)))",
    derivative_plain="sigmoid(x) / (2 sqrt(softplus(x)))",
    output_range=(0.0, math.inf),
    range_text="(0, inf)",
    properties=P(True, False, True, "0.3191 at x = 0.9214"),
    use=("router scores of mixture-of-experts models",),
    names={"hf": "sqrtsoftplus"},
    source="Hugging Face's SqrtSoftplusActivation ('the router scoring function used by DeepSeek V4')",
)

RECORDS = (
    SOFTPLUS,
    LOG_SIGMOID,
    SPARSE_PLUS,
    SQUAREPLUS,
    SQRT_SOFTPLUS,
)
