"""Squashing functions: the logistic sigmoid, tanh, softsign and the piecewise-linear hard sigmoid."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from actplot._exact import times_exp, two_prod
from actplot.functions._base import HIDDEN, MAX, TAIL, Activation, P, Param, ParameterError, as_array, mp

if TYPE_CHECKING:
    from numpy.typing import ArrayLike

FAMILY = "sigmoid-shaped"


def sigmoid(x: ArrayLike) -> np.ndarray:
    r"""The logistic sigmoid.

    .. math:: \sigma(x) = \frac{1}{1 + e^{-x}}

    >>> sigmoid([-1000.0, 0.0, 745.0])
    array([0. , 0.5, 1. ])
    """
    x = as_array(x)
    # exp of -|x| never overflows; e/(1+e) for x < 0 keeps the tail's relative precision.
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0, e) / (1.0 + e)


def d_sigmoid(x: ArrayLike) -> np.ndarray:
    r""":math:`\sigma'(x) = \sigma(x)\,\sigma(-x) = e^{-|x|} / (1 + e^{-|x|})^2` (no ``1 - σ`` cancellation)."""
    x = as_array(x)
    e = np.exp(-np.abs(x))
    d = 1.0 + e
    return e / d / d


def exact_sigmoid(x):
    return 1 / (1 + mp.exp(-x))


def exact_d_sigmoid(x):
    e = mp.exp(-abs(x))  # σ(x)σ(-x), symmetric
    return e / (1 + e) ** 2


def scaled_sigmoid(g: np.ndarray, hi: np.ndarray, lo: np.ndarray) -> np.ndarray:
    """``g · σ(hi + lo)``, first order in ``lo`` (``σ(hi)(1 + σ(-hi) lo)``), exact also where
    ``σ(hi) ≈ e^hi`` is subnormal but the product is not."""
    hi = np.clip(hi, -TAIL, TAIL)
    e = np.exp(-np.abs(hi))
    d = 1.0 + e
    d_lo = e - (d - 1.0)  # what rounding 1 + e dropped (exact, as e <= 1)
    q = g / d
    with np.errstate(invalid="ignore"):  # g = ±inf: the correction is 0 · inf
        q = np.where(np.isinf(q), q, q + q * (np.where(hi >= 0, e, 1.0) / d * lo - d_lo / d))
    return np.where(hi >= 0, q, times_exp(q, np.minimum(hi, 0.0)))


def tanh(x: ArrayLike) -> np.ndarray:
    r"""The hyperbolic tangent, a zero-centred sigmoid.

    .. math:: \tanh(x) = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}
    """
    return np.tanh(as_array(x))


def d_tanh(x: ArrayLike) -> np.ndarray:
    r""":math:`\tanh'(x) = 1/\cosh^2 x = 4 e^{-2|x|} / (1 + e^{-2|x|})^2` (no ``1 - tanh²`` cancellation)."""
    return 4.0 * d_sigmoid(2.0 * np.clip(as_array(x), -TAIL, TAIL))


def exact_tanh(x):
    return mp.tanh(x)


def exact_d_tanh(x):
    return mp.sech(x) ** 2


def softsign(x: ArrayLike) -> np.ndarray:
    r"""A sigmoid-shaped function that approaches ±1 polynomially.

    .. math:: \mathrm{softsign}(x) = \frac{x}{1 + |x|}
    """
    # ±inf clipped to ±max gives max/max = ±1, the limit, instead of inf/inf.
    x = np.clip(as_array(x), -MAX, MAX)
    return x / (1.0 + np.abs(x))


def d_softsign(x: ArrayLike) -> np.ndarray:
    r""":math:`\mathrm{softsign}'(x) = 1 / (1 + |x|)^2`."""
    r = 1.0 / (1.0 + np.abs(as_array(x)))
    return r * r


def exact_softsign(x):
    return x / (1 + abs(x))


def exact_d_softsign(x):
    return 1 / (1 + abs(x)) ** 2


_ONE_SIXTH = 1.0 / 6.0


def hard_sigmoid(x: ArrayLike, slope: float = _ONE_SIXTH) -> np.ndarray:
    r"""A piecewise-linear sigmoid: PyTorch's ``relu6(x + 3) / 6``.

    .. math:: \mathrm{hard\_sigmoid}(x) = \min\left(\max\left(0, \tfrac{x}{6} + \tfrac{1}{2}\right), 1\right)

    ``slope`` replaces 1/6; Keras 2 used 0.2 (``--compat keras2``).
    """
    x = as_array(x)
    if slope == _ONE_SIXTH:
        return np.clip((x + 3.0) / 6.0, 0.0, 1.0) + 0.0
    if slope <= 0 or not math.isfinite(slope):
        raise ParameterError("slope", "must be a positive number", slope)
    # slope·x + 1/2 with the product exact: near the lower corner the sum cancels.
    p, err = two_prod(x, np.float64(slope))
    return np.clip((p + 0.5) + err, 0.0, 1.0) + 0.0


def d_hard_sigmoid(x: ArrayLike, slope: float = _ONE_SIXTH) -> np.ndarray:
    x = as_array(x)
    corner = 3.0 if slope == _ONE_SIXTH else 0.5 / slope
    return np.where(np.isnan(x), np.nan, np.where(np.abs(x) < corner, slope, 0.0))


def exact_hard_sigmoid(x, slope: float = _ONE_SIXTH):
    # The default slope is exactly 1/6: relu6(x + 3)/6, one rounding (the division), last.
    line = (x + 3) / 6 if slope == _ONE_SIXTH else mp.mpf(slope) * x + mp.mpf(1) / 2
    return min(max(line, mp.mpf(0)), mp.mpf(1))


def exact_d_hard_sigmoid(x, slope: float = _ONE_SIXTH):
    slope = mp.mpf(1) / 6 if slope == _ONE_SIXTH else mp.mpf(slope)
    return slope if abs(x) < 1 / (2 * slope) else mp.mpf(0)


SIGMOID = Activation(
    name="sigmoid",
    measured_ulp=(1.7, 3.0),
    summary="The logistic sigmoid: squashes any input into (0, 1).",
    function=sigmoid,
    derivative=d_sigmoid,
    exact=exact_sigmoid,
    exact_derivative=exact_d_sigmoid,
    latex=r"h(x) = \frac{1}{1 + e^{-x}}",
    plain="h(x) = 1 / (1 + exp(-x))",
    derivative_plain="sigmoid(x) * (1 - sigmoid(x))",
    output_range=(0.0, 1.0),
    range_text="(0, 1)",
    properties=P(True, False, True, "1/4 at x = 0"),
    use=(HIDDEN, "binary classification output"),
    aliases=("logistic",),
)

TANH = Activation(
    name="tanh",
    measured_ulp=(1.0, 3.3),
    summary="The hyperbolic tangent: a zero-centred sigmoid with range (-1, 1).",
    function=tanh,
    derivative=d_tanh,
    exact=exact_tanh,
    exact_derivative=exact_d_tanh,
    latex=r"h(x) = \tanh x = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}",
    plain="h(x) = tanh(x)",
    derivative_plain="1 - tanh(x)^2",
    output_range=(-1.0, 1.0),
    range_text="(-1, 1)",
    properties=P(True, True, True, "1 at x = 0"),
    use=(HIDDEN, "recurrent networks"),
)

SOFTSIGN = Activation(
    name="softsign",
    measured_ulp=(1.2, 3.1),
    summary="x / (1 + |x|): a sigmoid shape that approaches +-1 polynomially.",
    function=softsign,
    derivative=d_softsign,
    exact=exact_softsign,
    exact_derivative=exact_d_softsign,
    latex=r"h(x) = \frac{x}{1 + |x|}",
    plain="h(x) = x / (1 + |x|)",
    derivative_plain="1 / (1 + |x|)^2",
    output_range=(-1.0, 1.0),
    range_text="(-1, 1)",
    properties=P(True, True, True, "1 at x = 0"),
    use=(HIDDEN,),
)

HARD_SIGMOID = Activation(
    name="hard_sigmoid",
    kinks=lambda slope=_ONE_SIXTH: (-0.5 / slope, 0.5 / slope),
    measured_ulp=(1.0, 0.4),
    summary="A piecewise-linear sigmoid, relu6(x + 3) / 6.",
    function=hard_sigmoid,
    derivative=d_hard_sigmoid,
    exact=exact_hard_sigmoid,
    exact_derivative=exact_d_hard_sigmoid,
    latex=r"h(x) = \min\left(\max\left(0, \frac{x + 3}{6}\right), 1\right)",
    mathtext=r"h(x) = \min\left(\max\left(0, \mathrm{slope}\cdot x + \frac{1}{2}\right), 1\right)",
    plain="h(x) = relu6(x + 3) / 6 = clip(x/6 + 1/2, 0, 1)",
    derivative_plain="slope if |x| < 1/(2 slope) else 0",
    output_range=(0.0, 1.0),
    range_text="[0, 1]",
    properties=P(True, False, False, "1/6"),
    use=("gates in mobile networks",),
    parameters=(Param("slope", 1.0 / 6.0, "slope of the linear part: clip(slope*x + 1/2, 0, 1)", shown="1/6"),),
    conventions="torch, jax and Keras 3: relu6(x + 3)/6. Keras 2 (tf.keras before TF 2.16): clip(0.2*x + 0.5, 0, 1).",
    compat={"keras2": {"slope": 0.2}},
)

RECORDS = (
    SIGMOID,
    TANH,
    SOFTSIGN,
    HARD_SIGMOID,
)
