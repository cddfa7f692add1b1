"""Squashing functions: the logistic sigmoid, tanh, softsign and the piecewise-linear hard sigmoid."""

from __future__ import annotations

import numpy as np

from actplot._exact import times_exp, two_prod
from actplot.functions._base import HIDDEN, MAX, POSITIVE, TAIL, Activation, P, Param, indicator, mp

FAMILY = "sigmoid-shaped"


def sigmoid(x: np.ndarray) -> np.ndarray:
    r"""The logistic sigmoid.

    .. math:: \sigma(x) = \frac{1}{1 + e^{-x}}

    >>> sigmoid([-1000.0, 0.0, 745.0])
    array([0. , 0.5, 1. ])
    """
    # exp of -|x| never overflows; e/(1+e) for x < 0 keeps the tail's relative precision.
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0, e) / (1.0 + e)


def d_sigmoid(x: np.ndarray) -> np.ndarray:
    r""":math:`\sigma'(x) = \sigma(x)\,\sigma(-x) = e^{-|x|} / (1 + e^{-|x|})^2` (no ``1 - σ`` cancellation)."""
    e = np.exp(-np.abs(x))
    # (1 + e)² with what rounding 1 + e dropped put back to first order: exp, a square, a
    # division and a small correction.
    d = 1.0 + e
    d_lo = e - (d - 1.0)
    y = e / (d * d)
    return y - y * (2.0 * d_lo / d)


def exact_sigmoid(x):
    return 1 / (1 + mp.exp(-x))


def exact_d_sigmoid(x):
    e = mp.exp(-abs(x))  # σ(x)σ(-x), symmetric
    return e / (1 + e) ** 2


def scaled_sigmoid(g: np.ndarray, hi: np.ndarray, lo: np.ndarray) -> np.ndarray:
    """``g · σ(hi + lo)``, first order in ``lo`` (``σ(hi)(1 + σ(-hi) lo)``), exact also where
    ``σ(hi) ≈ e^hi`` is subnormal but the product is not. ``lo`` must be small next to ``hi``'s
    ulp (an error term); beyond ±TAIL, where σ is 0 or 1 in double, it is not used."""
    inside = np.abs(hi) < TAIL
    lo = np.where(inside, lo, 0.0)
    hi = np.clip(hi, -TAIL, TAIL)
    e = np.exp(-np.abs(hi))
    d = 1.0 + e
    d_lo = e - (d - 1.0)  # what rounding 1 + e dropped (exact, as e <= 1)
    q = g / d
    with np.errstate(invalid="ignore"):  # g = ±inf: the correction is 0 · inf
        q = np.where(np.isinf(q), q, q + q * (np.where(hi >= 0, e, 1.0) / d * lo - d_lo / d))
    return np.where(hi >= 0, q, times_exp(q, np.minimum(hi, 0.0)))


def tanh(x: np.ndarray) -> np.ndarray:
    r"""The hyperbolic tangent, a zero-centred sigmoid.

    .. math:: \tanh(x) = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}
    """
    return np.tanh(x)


def d_tanh(x: np.ndarray) -> np.ndarray:
    r""":math:`\tanh'(x) = 1/\cosh^2 x = 4 e^{-2|x|} / (1 + e^{-2|x|})^2` (no ``1 - tanh²`` cancellation)."""
    with np.errstate(over="ignore"):  # 2x = ±inf gives the limit, 0
        return 4.0 * d_sigmoid(2.0 * x)


def exact_tanh(x):
    return mp.tanh(x)


def exact_d_tanh(x):
    return mp.sech(x) ** 2


def softsign(x: np.ndarray) -> np.ndarray:
    r"""A sigmoid-shaped function that approaches ±1 polynomially.

    .. math:: \mathrm{softsign}(x) = \frac{x}{1 + |x|}
    """
    # ±inf clipped to ±max gives max/max = ±1, the limit, instead of inf/inf. Two roundings:
    # 1 + |x| (whose error the quotient takes at most once) and the division.
    x = np.clip(x, -MAX, MAX)
    return x / (1.0 + np.abs(x))


def d_softsign(x: np.ndarray) -> np.ndarray:
    r""":math:`\mathrm{softsign}'(x) = 1 / (1 + |x|)^2`."""
    # 1/d² with d = 1 + |x| and what rounding d dropped (Fast2Sum on the larger and the smaller
    # of 1 and |x|) put back to first order.
    a = np.minimum(np.abs(x), _HUGE)  # (NaN stays NaN)
    d = 1.0 + a
    d_lo = np.minimum(a, 1.0) - (d - np.maximum(a, 1.0))
    with np.errstate(over="ignore"):  # d² overflows beyond 1e154: taken scaled below
        y = 1.0 / (d * d)
    y = y - y * (2.0 * d_lo / d)
    huge = np.flatnonzero(a > 1e150)  # d² overflows or y is near the subnormal range: the square taken scaled
    if huge.size:
        scaled = d[huge] * 2.0**-600
        y[huge] = np.ldexp(1.0 / (scaled * scaled), -1200)
    return y


_HUGE = 2.0**600  # beyond, 1/(1 + |x|)² is 0


def exact_softsign(x):
    return x / (1 + abs(x))


def exact_d_softsign(x):
    return 1 / (1 + abs(x)) ** 2


_ONE_SIXTH = 1.0 / 6.0


def hard_sigmoid(x: np.ndarray, slope: float = _ONE_SIXTH) -> np.ndarray:
    r"""A piecewise-linear sigmoid: PyTorch's ``relu6(x + 3) / 6``.

    .. math:: \mathrm{hard\_sigmoid}(x) = \min\left(\max\left(0, \tfrac{x}{6} + \tfrac{1}{2}\right), 1\right)

    ``slope`` replaces 1/6 (the default stands for 1/6 exactly): ``clip(slope·x + 1/2, 0, 1)``.
    Keras 2 used 0.2 (``--compat keras2``).
    """
    if slope == _ONE_SIXTH:
        return np.clip((x + 3.0) / 6.0, 0.0, 1.0) + 0.0
    # slope·x + 1/2 with the product exact: near the lower corner the sum cancels.
    p, err = two_prod(x, np.float64(slope))
    return np.clip((p + 0.5) + err, 0.0, 1.0) + 0.0


def d_hard_sigmoid(x: np.ndarray, slope: float = _ONE_SIXTH) -> np.ndarray:
    if slope == _ONE_SIXTH:
        return indicator(np.abs(x) < 3.0, x) * slope
    # Inside where 0 < slope·x + 1/2 < 1, decided on the exact product (not on a rounded 0.5/slope).
    p, err = two_prod(x, np.float64(slope))
    inside = ((p + 0.5) + err > 0) & ((p - 0.5) + err < 0)
    return indicator(inside, x) * slope


def exact_hard_sigmoid(x, slope: float = _ONE_SIXTH):
    # The default slope is exactly 1/6: relu6(x + 3)/6, one rounding (the division), last.
    line = (x + 3) / 6 if slope == _ONE_SIXTH else mp.mpf(slope) * x + mp.mpf(1) / 2
    return min(max(line, mp.mpf(0)), mp.mpf(1))


def exact_d_hard_sigmoid(x, slope: float = _ONE_SIXTH):
    slope = mp.mpf(1) / 6 if slope == _ONE_SIXTH else mp.mpf(slope)
    return slope if abs(x) < 1 / (2 * slope) else mp.mpf(0)


SIGMOID = Activation(
    name="sigmoid",
    measured_ulp=(1.69, 2.4),
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
    measured_ulp=(0.93, 2),
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
    kinks=lambda **params: (0.0,),  # |x|: f″ jumps there
    measured_ulp=(1.44, 1.77),
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
    measured_ulp=(1, 0.34),
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
    parameters=(
        Param("slope", 1.0 / 6.0, "slope of the linear part: clip(slope*x + 1/2, 0, 1)", shown="1/6", domain=POSITIVE),
    ),
    conventions="torch, jax and Keras 3: relu6(x + 3)/6. Keras 2 (tf.keras before TF 2.16): clip(0.2*x + 0.5, 0, 1).",
    compat={"keras2": {"slope": 0.2}},
)

RECORDS = (
    SIGMOID,
    TANH,
    SOFTSIGN,
    HARD_SIGMOID,
)
