"""Squashing functions: the logistic sigmoid, tanh, softsign, arctan, ISRU, the piecewise hard and
sparse sigmoids and SQNL."""

from __future__ import annotations

import math

import numpy as np

from actplot._exact import DD, dd_div, dd_mul, dd_quotient_dd, dd_sqrt, times_exp, two_prod, two_sum
from actplot.functions._base import HIDDEN, MAX, POSITIVE, Activation, P, Param, indicator, mp

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


_SCALED_TAIL = 1500.0  # beyond, even the largest g times σ's tail e^hi is below the smallest double


def exact_sigmoid(x):
    return 1 / (1 + mp.exp(-x))


def exact_d_sigmoid(x):
    e = mp.exp(-abs(x))  # σ(x)σ(-x), symmetric
    return e / (1 + e) ** 2


def scaled_sigmoid(g: np.ndarray, hi: np.ndarray, lo: np.ndarray) -> np.ndarray:
    """``g · σ(hi + lo)``, first order in ``lo`` (``σ(hi)(1 + σ(-hi) lo)``), exact also where
    ``σ(hi) ≈ e^hi`` is subnormal but the product is not. ``lo`` must be small next to ``hi``'s
    ulp (an error term); beyond ±_SCALED_TAIL, where even the largest ``g`` times σ's tail is 0, it
    is not used."""
    inside = np.abs(hi) < _SCALED_TAIL
    lo = np.where(inside, lo, 0.0)
    hi = np.clip(hi, -_SCALED_TAIL, _SCALED_TAIL)
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


def sparse_sigmoid(x: np.ndarray) -> np.ndarray:
    r"""The sparse sigmoid: a linear ramp from 0 at -1 to 1 at 1 (JAX, Keras).

    .. math:: h(x) = \mathrm{clip}\left(\tfrac{x + 1}{2}, 0, 1\right)
    """
    return np.clip((x + 1.0) / 2.0, 0.0, 1.0) + 0.0


def d_sparse_sigmoid(x: np.ndarray) -> np.ndarray:
    """1/2 on (-1, 1), 0 outside, and 1/4 at ±1 (JAX's: the mean of the two sides)."""
    inside = np.where(np.abs(x) < 1, 0.5, np.where(np.abs(x) == 1, 0.25, 0.0))
    return np.where(np.isnan(x), np.nan, inside)


def exact_sparse_sigmoid(x):
    return min(max((x + 1) / 2, mp.mpf(0)), mp.mpf(1))


def exact_d_sparse_sigmoid(x):
    if abs(x) == 1:
        return mp.mpf(1) / 4
    return mp.mpf(1) / 2 if abs(x) < 1 else mp.mpf(0)


def arctan(x: np.ndarray) -> np.ndarray:
    r"""The inverse tangent, a sigmoid shape with range (-π/2, π/2).

    .. math:: h(x) = \arctan x
    """
    return np.arctan(x)


def d_arctan(x: np.ndarray) -> np.ndarray:
    r""":math:`h'(x) = 1/(1 + x^2)`, with ``x²`` exact."""
    x = np.clip(x, -MAX, MAX)
    huge = np.abs(x) > 2.0**500  # 1 + x² = x² there; 1/x² in two exact-ish steps
    xs = np.where(huge, 1.0, x)
    p, e = two_prod(xs, xs)
    s, s_lo = two_sum(np.ones_like(p), p)
    zero = np.zeros_like(x)
    xt = np.where(huge, x, 1.0)
    tail = dd_div(*dd_quotient_dd(np.ones_like(x), zero, xt, zero), xt, zero)
    return np.where(huge, tail, dd_div(np.ones_like(x), zero, s, s_lo + e))


def exact_arctan(x):
    return mp.atan(x)


def exact_d_arctan(x):
    return 1 / (1 + x * x)


def _isru_parts(x: np.ndarray, alpha: float):
    """``y = sqrt(alpha) x`` as ``hi + lo``, ``sqrt(alpha)`` as ``hi + lo``, and where |y| is huge."""
    x = np.clip(x, -MAX, MAX)
    a_hi, a_lo = dd_sqrt(np.float64(alpha), np.float64(0.0))
    with np.errstate(over="ignore"):  # a subnormal alpha: |y| > 2**460 still from |x| > 2**1000 on
        huge = (np.abs(x) > 2.0**500 / a_hi) | (np.abs(x) > 2.0**1000)  # (x / root overflows near MAX)
    xs = np.where(huge, 0.0, x)
    y_hi, y_lo = dd_mul(xs, np.zeros_like(xs), a_hi, a_lo)
    return x, y_hi, y_lo, a_hi, a_lo, huge


def isru(x: np.ndarray, alpha: float = 1.0) -> np.ndarray:
    r"""The inverse square root unit, a sigmoid shape with range (-1/√α, 1/√α).

    .. math:: h(x) = \frac{x}{\sqrt{1 + \alpha x^2}}
    """
    x, y_hi, y_lo, a_hi, a_lo, huge = _isru_parts(x, alpha)
    q_hi, q_lo = _one_plus_square(y_hi, y_lo)
    root_hi, root_lo = dd_sqrt(q_hi, q_lo)
    zero = np.zeros_like(x)
    limit = np.sign(x) * dd_div(np.ones_like(x), zero, np.full_like(x, a_hi), np.full_like(x, a_lo))
    return np.where(huge, limit, dd_div(x, zero, root_hi, root_lo))


def d_isru(x: np.ndarray, alpha: float = 1.0) -> np.ndarray:
    r""":math:`h'(x) = (1 + \alpha x^2)^{-3/2}`; far out :math:`|y|^{-3}`, :math:`y = \sqrt\alpha x`."""
    x, y_hi, y_lo, _, _, huge = _isru_parts(x, alpha)
    far = huge | (np.abs(y_hi) > 2.0**30)  # there 1 + y² is y² to 2**-60
    q_hi, q_lo = _one_plus_square(np.where(far, 0.0, y_hi), np.where(far, 0.0, y_lo))
    cube_hi, cube_lo = dd_mul(q_hi, q_lo, *dd_sqrt(q_hi, q_lo))
    near = dd_div(np.ones_like(x), np.zeros_like(x), cube_hi, cube_lo)
    # 1/|y|³ as (1/|y|)³ in double-double; huge x (y not formed) gives 0, as does |y| beyond 2**360
    sign = np.where(y_hi < 0, -1.0, 1.0)
    y = DD(np.where(far & ~huge, sign * y_hi, 1.0), np.where(far & ~huge, sign * y_lo, 0.0))  # |y|
    r = 1.0 / y
    tail = np.where(huge | (np.abs(y_hi) > 2.0**360), 0.0, (r * r * r).value)
    return np.where(np.isnan(x), np.nan, np.where(far, tail, near))


def exact_isru(x, alpha: float = 1.0):
    return x / mp.sqrt(1 + mp.mpf(alpha) * x * x)


def exact_d_isru(x, alpha: float = 1.0):
    return (1 + mp.mpf(alpha) * x * x) ** (-mp.mpf(3) / 2)


def _one_plus_square(y_hi: np.ndarray, y_lo: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``1 + y²`` as ``hi + lo`` for ``y = y_hi + y_lo``."""
    p, e = two_prod(y_hi, y_hi)
    s, s_lo = two_sum(np.ones_like(p), p)
    return s, s_lo + (e + 2.0 * y_hi * y_lo)


def sqnl(x: np.ndarray) -> np.ndarray:
    r"""The square nonlinearity: a piecewise-quadratic tanh that reaches ±1 at ±2.

    .. math:: h(x) = \begin{cases} 1 & x > 2 \\ x - x^2/4 & 0 \le x \le 2 \\
        x + x^2/4 & -2 \le x < 0 \\ -1 & x < -2 \end{cases}
    """
    a = np.minimum(np.abs(x), 2.0)
    # |x| (1 - |x|/4) with 1 - |x|/4 exact as hi + lo: one rounding.
    s, s_lo = two_sum(np.ones_like(a), -a / 4.0)
    hi, lo = dd_mul(a, np.zeros_like(a), s, s_lo)
    return np.where(np.isnan(x), np.nan, np.copysign(hi + lo, x))


def d_sqnl(x: np.ndarray) -> np.ndarray:
    r""":math:`h'(x) = 1 - |x|/2` for :math:`|x| \le 2`, else 0."""
    return np.where(np.isnan(x), np.nan, 1.0 - np.minimum(np.abs(x), 2.0) / 2.0)


def exact_sqnl(x):
    m = min(abs(x), mp.mpf(2))
    return mp.sign(x) * m * (1 - m / 4)


def exact_d_sqnl(x):
    return 1 - min(abs(x), mp.mpf(2)) / 2


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
    names={
        "torch": "sigmoid",
        "torch_module": "Sigmoid",
        "jax": "sigmoid",
        "keras": "sigmoid",
        "tf": "sigmoid (tf.nn, tf.math)",
        "onnx": "Sigmoid",
        "hf": "sigmoid",
    },
    source="the logistic function (Verhulst 1838); in backpropagation networks since Rumelhart, Hinton & Williams 1986",
)

TANH = Activation(
    name="tanh",
    measured_ulp=(0.97, 2),
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
    names={
        "torch": "tanh",
        "torch_module": "Tanh",
        "jax": "tanh",
        "keras": "tanh",
        "tf": "tanh (tf.nn, tf.math)",
        "onnx": "Tanh",
        "hf": "tanh",
    },
    source="classical; recommended over the logistic sigmoid by LeCun, Bottou, Orr & Mueller 1998, "
    "'Efficient BackProp'",
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
    names={
        "torch": "softsign",
        "torch_module": "Softsign",
        "jax": "soft_sign",
        "keras": "softsign",
        "tf": "softsign (tf.nn, tf.math)",
        "onnx": "Softsign",
    },
    source="Glorot & Bengio 2010, 'Understanding the difficulty of training deep feedforward neural networks'",
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
    conventions="torch, jax and Keras 3: relu6(x + 3)/6. Keras 2 (tf.keras before TF 2.16): clip(0.2*x + 0.5, 0, 1); "
    "ONNX's HardSigmoid: clip(alpha*x + beta, 0, 1) with alpha = 0.2 and beta = 0.5 as float32 attributes "
    "(alpha = 0.20000000298023224). Keras 3's ops.hard_sigmoid docstring still describes the 0.2 form; its "
    "backends compute x/6 + 1/2.",
    compat={"keras2": {"slope": 0.2}, "onnx": {"slope": float(np.float32(0.2))}},
    names={
        "torch": "hardsigmoid",
        "torch_module": "Hardsigmoid",
        "jax": "hard_sigmoid",
        "keras": "hard_sigmoid",
        "onnx": "HardSigmoid (alpha 0.2, beta 0.5)",
    },
    source="relu6(x + 3)/6: Howard et al. 2019, 'Searching for MobileNetV3', arXiv:1905.02244; "
    "the 0.2x + 0.5 form: Keras 2 and ONNX",
    kink_default="outer",
    kink_rule={"keras2": "inner"},
)

SPARSE_SIGMOID = Activation(
    name="sparse_sigmoid",
    measured_ulp=(0.5, 0),
    kinks=lambda **params: (-1.0, 1.0),
    kink_default="mean",
    kink_rule={"tf": "outer"},
    mathtext=r"h(x) = \min\left(\max\left(0, \frac{x + 1}{2}\right), 1\right)",
    summary="The sparse sigmoid, a linear ramp clip((x + 1)/2, 0, 1) (JAX, Keras).",
    function=sparse_sigmoid,
    derivative=d_sparse_sigmoid,
    exact=exact_sparse_sigmoid,
    exact_derivative=exact_d_sparse_sigmoid,
    latex=r"h(x) = \begin{cases} 0 & x \le -1 \\ \frac{x + 1}{2} & -1 < x < 1 \\ 1 & x \ge 1 \end{cases}",
    plain="h(x) = clip((x + 1) / 2, 0, 1)",
    derivative_plain="1/2 if -1 < x < 1 else 0 (1/4 at x = -1 and 1, as jax)",
    output_range=(0.0, 1.0),
    range_text="[0, 1]",
    properties=P(True, False, False, "1/2"),
    use=("sparse probabilities (Fenchel-Young losses)",),
    names={"jax": "sparse_sigmoid", "keras": "sparse_sigmoid"},
    conventions="PyTorch has none: the derivative at -1 and 1 follows jax (1/4, the mean of the two sides, "
    "from jnp.clip's tie rule); Keras on TensorFlow gives 0 there (tf.where).",
    source="Blondel, Martins & Niculae 2019, 'Learning with Fenchel-Young Losses', arXiv:1901.02324 (section "
    "6.2, as cited by jax and keras)",
)

ARCTAN = Activation(
    name="arctan",
    measured_ulp=(0.52, 0.5),
    summary="The inverse tangent: a sigmoid shape with range (-pi/2, pi/2).",
    function=arctan,
    derivative=d_arctan,
    exact=exact_arctan,
    exact_derivative=exact_d_arctan,
    latex=r"h(x) = \arctan x",
    plain="h(x) = arctan(x)",
    derivative_plain="1 / (1 + x^2)",
    output_range=(-math.pi / 2, math.pi / 2),
    range_text="(-pi/2, pi/2)",
    properties=P(True, True, True, "1 at x = 0"),
    use=(HIDDEN,),
    names={
        "torch": "(torch.atan)",
        "jax": "(jnp.arctan)",
        "keras": "(keras.ops.arctan)",
        "tf": "atan (tf.math)",
        "onnx": "Atan",
    },
    source="classical; in the activation tables of the surveys (e.g. Wikipedia's 'Activation function')",
)

ISRU = Activation(
    name="isru",
    measured_ulp=(0.5, 1.62),
    summary="The inverse square root unit x / sqrt(1 + alpha x^2): a sigmoid with range +-1/sqrt(alpha).",
    function=isru,
    derivative=d_isru,
    exact=exact_isru,
    exact_derivative=exact_d_isru,
    latex=r"h(x) = \frac{x}{\sqrt{1 + \alpha x^2}}",
    plain="h(x) = x / sqrt(1 + alpha * x^2)",
    derivative_plain="(1 + alpha * x^2)^(-3/2)",
    output_range=(-1.0, 1.0),
    range_text="|h| < 1/sqrt(alpha)",
    properties=P(True, True, True, "1 at x = 0"),
    use=(HIDDEN, "recurrent networks (in place of tanh)"),
    parameters=(Param("alpha", 1.0, "sharpness; the range is +-1/sqrt(alpha)", domain=POSITIVE),),
    source="Carlile, Delamarter, Kinney, Marti & Whitney 2017, 'Improving Deep Learning by Inverse Square Root "
    "Linear Units (ISRLUs)', arXiv:1710.09967",
)

SQNL = Activation(
    name="sqnl",
    measured_ulp=(0.5, 0.5),
    kinks=lambda **params: (-2.0, 0.0, 2.0),
    mathtext=r"h(x) = \mathrm{sign}(x)\,\min(|x|, 2)\left(1 - \frac{\min(|x|, 2)}{4}\right)",
    summary="The square nonlinearity: a piecewise-quadratic tanh reaching +-1 at +-2.",
    function=sqnl,
    derivative=d_sqnl,
    exact=exact_sqnl,
    exact_derivative=exact_d_sqnl,
    latex=r"h(x) = \begin{cases} 1 & x > 2 \\ x - \frac{x^2}{4} & 0 \le x \le 2 \\ "
    r"x + \frac{x^2}{4} & -2 \le x < 0 \\ -1 & x < -2 \end{cases}",
    plain="h(x) = sign(x) * m * (1 - m/4),  m = min(|x|, 2)",
    derivative_plain="1 - |x|/2 if |x| <= 2 else 0",
    output_range=(-1.0, 1.0),
    range_text="[-1, 1]",
    properties=P(True, True, False, "1 at x = 0"),
    use=(HIDDEN + " (cheap hardware)",),
    source="Wuraola & Patel 2018, 'SQNL: A New Computationally Efficient Activation Function', IJCNN 2018",
)

RECORDS = (
    SIGMOID,
    TANH,
    SOFTSIGN,
    HARD_SIGMOID,
    SPARSE_SIGMOID,
    ARCTAN,
    ISRU,
    SQNL,
)
