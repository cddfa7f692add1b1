"""Classics of the activation tables: the exponential, the bent identity, the Gaussian and the soft
exponential (a continuum from log through identity to exp)."""

from __future__ import annotations

import math

import numpy as np

from actplot._exact import DD, exp_scaled, times_exp, two_prod, two_sum
from actplot.functions._base import HIDDEN, MAX, Activation, P, Param, mp

FAMILY = "classics of the activation tables"


def exponential(x: np.ndarray) -> np.ndarray:
    r"""The exponential (Keras's ``exponential``).

    .. math:: h(x) = e^{x}
    """
    with np.errstate(over="ignore"):  # beyond 709.78 the result is inf, correctly rounded
        return np.exp(x)


def d_exponential(x: np.ndarray) -> np.ndarray:
    return exponential(x)


def exact_exponential(x):
    return mp.exp(x)


def exact_d_exponential(x):
    return mp.exp(x)


_HUGE = 2.0**500  # beyond, 1 + x² is x² to far more than double precision


def bent_identity(x: np.ndarray) -> np.ndarray:
    r"""The bent identity: the identity bent by a hyperbola, slope 1/2 far left and 3/2 far right.

    .. math:: h(x) = \frac{\sqrt{x^2 + 1} - 1}{2} + x
    """
    original = x
    x = np.clip(original, -MAX, MAX)
    huge = np.abs(x) > _HUGE
    xs = DD(np.where(huge, 0.0, x))
    square = xs * xs
    # √(x² + 1) - 1 = x² / (√(x² + 1) + 1): no cancellation near 0.
    bend = square / ((square + 1.0).sqrt() + 1.0)
    with np.errstate(over="ignore"):  # 1.5 x beyond the largest double is inf, correctly rounded
        far = x + (np.abs(x) - 1.0) / 2.0
    return np.where(np.isinf(original), original, np.where(huge, far, (bend * 0.5 + xs).value))


def d_bent_identity(x: np.ndarray) -> np.ndarray:
    r""":math:`h'(x) = \frac{x}{2\sqrt{x^2 + 1}} + 1`, between 1/2 and 3/2."""
    x = np.clip(x, -MAX, MAX)
    return (x / np.hypot(x, 1.0)) / 2.0 + 1.0


def exact_bent_identity(x):
    return x * x / (2 * (mp.sqrt(x * x + 1) + 1)) + x  # sqrt(x² + 1) - 1 without cancellation


def exact_d_bent_identity(x):
    return x / (2 * mp.sqrt(x * x + 1)) + 1


_GAUSSIAN_TAIL = 40.0  # e^{-1600} is 0 in double


def gaussian(x: np.ndarray) -> np.ndarray:
    r"""The Gaussian bump :math:`e^{-x^2}` (radial-basis networks).

    .. math:: h(x) = e^{-x^2}
    """
    x = np.clip(x, -_GAUSSIAN_TAIL, _GAUSSIAN_TAIL)
    p, e = two_prod(x, x)  # x² exact as p + e: a rounded square would cost x² ulp
    return times_exp(1.0 - e, -p)


def d_gaussian(x: np.ndarray) -> np.ndarray:
    r""":math:`h'(x) = -2x\,e^{-x^2}`."""
    x = np.clip(x, -_GAUSSIAN_TAIL, _GAUSSIAN_TAIL)
    p, e = two_prod(x, x)
    return times_exp(-2.0 * x * (1.0 - e), -p)


def exact_gaussian(x):
    return mp.exp(-x * x)


def exact_d_gaussian(x):
    return -2 * x * mp.exp(-x * x)


def _soft_exponential_parts(x: np.ndarray, alpha: float) -> np.ndarray:
    return np.clip(x, -MAX, MAX)


def soft_exponential(x: np.ndarray, alpha: float = 0.0) -> np.ndarray:
    r"""The soft exponential: logarithmic for alpha < 0, the identity at 0, exponential for alpha > 0.

    .. math:: h(x) = \begin{cases} -\frac{\ln(1 - \alpha (x + \alpha))}{\alpha} & \alpha < 0 \\
        x & \alpha = 0 \\ \frac{e^{\alpha x} - 1}{\alpha} + \alpha & \alpha > 0 \end{cases}

    For alpha < 0 it is defined for x > 1/alpha - alpha only (NaN below, -inf at the bound).
    """
    xc = _soft_exponential_parts(x, alpha)
    if alpha == 0:
        return np.array(x, dtype=np.float64)
    if alpha > 0:
        return np.where(np.isinf(x), np.where(x > 0, np.inf, -1.0 / alpha + alpha), _soft_exp_positive(xc, alpha))
    return _soft_exp_negative(x, alpha)


def _soft_exp_positive(x: np.ndarray, alpha: float) -> np.ndarray:
    """``expm1(alpha x)/alpha + alpha`` in double-double: it has a root for 0 < alpha < 1."""
    v_hi, v_lo = two_prod(np.float64(alpha), x)
    tiny = np.abs(v_hi) < 2.0**-30
    low = v_hi < -700.0  # expm1 is -1 there
    high = v_hi > 700.0  # e^v / alpha may still be finite when alpha > 1
    mid = ~(tiny | low | high)
    v = DD(np.where(mid, v_hi, 0.0), np.where(mid, v_lo, 0.0))
    middle = (v.expm1() / alpha + alpha).value
    # expm1(v)/alpha = x (1 + v/2 + v²/6 + ...) where v is tiny (and alpha x may be subnormal)
    vt = np.where(tiny, v_hi, 0.0)
    small = (DD(np.where(tiny, x, 0.0)) * (1.0 + DD(vt) * (0.5 + vt / 6.0)) + alpha).value
    with np.errstate(over="ignore"):
        w = DD(np.where(high, v_hi, 0.0), np.where(high, v_lo, 0.0)) - DD(np.float64(alpha)).log()
        large = exp_scaled(1.0, w.hi, w.lo) + alpha  # e^w rounded once, also where it nears overflow
    floor = (-1.0 / DD(np.float64(alpha)) + alpha).value
    return np.where(tiny, small, np.where(low, floor, np.where(high, large, middle)))


def _soft_exp_log_argument(x: np.ndarray, alpha: float):
    """For alpha < 0: ``1 + u = 1 - alpha (x + alpha)`` as a double-double where it is positive and
    formable (elsewhere 1), and the masks: inside the domain, on its bound, and far right (where
    -alpha (x + alpha) is beyond 2**1000 and its logarithm is taken in parts)."""
    with np.errstate(over="ignore", invalid="ignore"):
        s_hi, s_lo = two_sum(x, np.full_like(x, alpha))
        far = (s_hi > 1.0) & (np.log2(np.where(s_hi > 1.0, s_hi, 1.0)) + math.log2(-alpha) > 1000.0)
    formable = np.isfinite(s_hi) & ~far
    u = DD(np.where(formable, s_hi, 0.0), np.where(formable, s_lo, 0.0)) * np.float64(-alpha)
    one_plus = 1.0 + u
    inside = formable & (one_plus.hi > 0)
    bound = formable & (one_plus.hi == 0)
    safe = DD(np.where(inside, one_plus.hi, 1.0), np.where(inside, one_plus.lo, 0.0))
    far |= x == np.inf
    s = DD(np.where(far & np.isfinite(s_hi), s_hi, 1.0), np.where(far & np.isfinite(s_hi), s_lo, 0.0))
    return safe, inside, bound, far, s


def _soft_exp_negative(x: np.ndarray, alpha: float) -> np.ndarray:
    """``-log(1 - alpha (x + alpha)) / alpha`` in double-double: NaN outside the domain, -inf on its bound."""
    one_plus, inside, bound, far, s = _soft_exp_log_argument(x, alpha)
    value = (one_plus.log() / -alpha).value
    # Where u = -alpha (x + alpha) is small, log(1 + u)/-alpha = (x + alpha)(1 - u/2 + u²/3): u, subnormal
    # for a subnormal alpha, is only a correction there, and x + alpha is exact.
    with np.errstate(over="ignore", invalid="ignore"):
        t_hi, t_lo = two_sum(x, np.full_like(x, alpha))
        u = -alpha * t_hi
        small = np.isfinite(t_hi) & (np.abs(u) < 2.0**-30)
        near = (DD(np.where(small, t_hi, 0.0), np.where(small, t_lo, 0.0)) * (1.0 - u / 2 + u * u / 3)).value
    value = np.where(small, near, value)
    # far right: log(-alpha (x + alpha)) = log(-alpha) + log(x + alpha), the 1 negligible
    tail = np.where(x == np.inf, np.inf, ((DD(np.float64(-alpha)).log() + s.log()) / -alpha).value)
    return np.where(inside, value, np.where(far, tail, np.where(bound, -np.inf, np.nan)))


def d_soft_exponential(x: np.ndarray, alpha: float = 0.0) -> np.ndarray:
    r""":math:`h'(x) = 1/(1 - \alpha(\alpha + x))` for alpha < 0, :math:`e^{\alpha x}` for alpha >= 0."""
    xc = _soft_exponential_parts(x, alpha)
    if alpha == 0:
        return np.where(np.isnan(x), np.nan, 1.0)
    if alpha > 0:
        v_hi, v_lo = two_prod(np.float64(alpha), xc)
        mid = (v_hi > -670.0) & (v_hi < 709.0)
        e = DD(np.where(mid, v_hi, 0.0), np.where(mid, v_lo, 0.0)).exp().value
        # beyond: near overflow or subnormal, e^(hi + lo) rounded once
        outside = exp_scaled(1.0, v_hi, v_lo)
        y = np.where(mid, e, np.where(np.isnan(x), np.nan, outside))
        # the limits, not e^(alpha MAX) of the clipped x: 1 + 9e-16 for alpha = 5e-324
        return np.where(np.isinf(x), np.where(x > 0, np.inf, 0.0), y)
    one_plus, inside, bound, far, s = _soft_exp_log_argument(x, alpha)
    slope = (1.0 / one_plus).value
    tail = np.where(x == np.inf, 0.0, (1.0 / DD(np.float64(-alpha)) / s).value)
    return np.where(inside, slope, np.where(far, tail, np.where(bound, np.inf, np.nan)))


def exact_soft_exponential(x, alpha: float = 0.0):
    alpha = mp.mpf(alpha)
    if alpha == 0:
        return x
    if alpha > 0:
        if abs(alpha * x) < 1:
            return mp.expm1(alpha * x) / alpha + alpha
        # (e^(alpha x) - (1 - alpha²))/alpha, 1 - alpha² exact: only e^(alpha x) is rounded, so that
        # a result far below 1 (alpha = 1, x = -700: e^-700) keeps its digits
        return (mp.exp(alpha * x) - mp.fsub(1, mp.fmul(alpha, alpha, exact=True), exact=True)) / alpha
    # 1 - alpha (x + alpha) formed exactly: x + alpha cancels where x is near -alpha
    u = mp.fmul(-alpha, mp.fadd(x, alpha, exact=True), exact=True)
    if u <= -1:
        return mp.ninf if u == -1 else mp.nan
    # log1p for a small u (a subnormal alpha), the log of the exact 1 + u near -1
    return (mp.log1p(u) if abs(u) < 0.5 else mp.log(mp.fadd(1, u, exact=True))) / -alpha


def exact_d_soft_exponential(x, alpha: float = 0.0):
    alpha = mp.mpf(alpha)
    if alpha >= 0:
        return mp.exp(alpha * x)
    argument = mp.fsub(1, mp.fmul(alpha, mp.fadd(alpha, x, exact=True), exact=True), exact=True)
    if argument <= 0:
        return mp.inf if argument == 0 else mp.nan
    return 1 / argument


EXPONENTIAL = Activation(
    name="exponential",
    measured_ulp=(0.69, 0.69),
    summary="The exponential e^x (Keras's exponential).",
    function=exponential,
    derivative=d_exponential,
    exact=exact_exponential,
    exact_derivative=exact_d_exponential,
    latex=r"h(x) = e^{x}",
    plain="h(x) = exp(x)",
    derivative_plain="exp(x)",
    output_range=(0.0, math.inf),
    range_text="(0, inf)",
    properties=P(True, False, True, "unbounded"),
    use=("positive outputs (rates, scales)",),
    aliases=("exp",),
    names={
        "torch": "(torch.exp)",
        "jax": "(jnp.exp)",
        "keras": "exponential",
        "tf": "exp (tf.math)",
        "onnx": "Exp",
    },
    source="classical; keras.activations.exponential",
)

BENT_IDENTITY = Activation(
    name="bent_identity",
    measured_ulp=(0.5, 1.2),
    summary="The bent identity (sqrt(x^2 + 1) - 1)/2 + x: slope 1/2 far left, 3/2 far right.",
    function=bent_identity,
    derivative=d_bent_identity,
    exact=exact_bent_identity,
    exact_derivative=exact_d_bent_identity,
    latex=r"h(x) = \frac{\sqrt{x^2 + 1} - 1}{2} + x",
    plain="h(x) = (sqrt(x^2 + 1) - 1) / 2 + x",
    derivative_plain="x / (2 sqrt(x^2 + 1)) + 1",
    output_range=(-math.inf, math.inf),
    range_text="(-inf, inf)",
    properties=P(True, False, True, "3/2 as x -> inf"),
    use=(HIDDEN,),
    source="the activation tables of the surveys (Wikipedia's 'Activation function'); its first source is not known",
)

GAUSSIAN = Activation(
    name="gaussian",
    measured_ulp=(1.92, 3.09),
    summary="The Gaussian bump e^(-x^2) (radial-basis networks).",
    function=gaussian,
    derivative=d_gaussian,
    exact=exact_gaussian,
    exact_derivative=exact_d_gaussian,
    latex=r"h(x) = e^{-x^2}",
    plain="h(x) = exp(-x^2)",
    derivative_plain="-2x exp(-x^2)",
    output_range=(0.0, 1.0),
    range_text="(0, 1]",
    properties=P(False, False, True, "0.8578 at x = -0.7071"),
    use=("radial-basis networks",),
    source="radial-basis function networks (Broomhead & Lowe 1988); the activation tables of the surveys",
)

SOFT_EXPONENTIAL = Activation(
    name="soft_exponential",
    measured_ulp=(2.42, 0.68),
    summary="The soft exponential: log-like for alpha < 0, the identity at 0, exp-like for alpha > 0.",
    function=soft_exponential,
    derivative=d_soft_exponential,
    exact=exact_soft_exponential,
    exact_derivative=exact_d_soft_exponential,
    latex=r"h(x) = \begin{cases} -\frac{\ln(1 - \alpha (x + \alpha))}{\alpha} & \alpha < 0 \\ x & \alpha = 0 \\ "
    r"\frac{e^{\alpha x} - 1}{\alpha} + \alpha & \alpha > 0 \end{cases}",
    mathtext=lambda alpha=0.0: (
        r"h(x) = \frac{e^{\alpha x} - 1}{\alpha} + \alpha"
        if alpha > 0
        else r"h(x) = -\frac{\ln(1 - \alpha (x + \alpha))}{\alpha}"
        if alpha < 0
        else r"h(x) = x"
    ),
    plain="h(x) = -log(1 - alpha (x + alpha)) / alpha if alpha < 0, x if alpha = 0, "
    "(exp(alpha x) - 1) / alpha + alpha if alpha > 0",
    derivative_plain="1 / (1 - alpha (alpha + x)) if alpha < 0, exp(alpha x) if alpha >= 0",
    output_range=(-math.inf, math.inf),
    range_text="(-inf, inf); for alpha > 0 above alpha - 1/alpha",
    properties=P(True, False, True, "exp(alpha x) for alpha >= 0"),
    use=(HIDDEN + " (alpha learned per unit)",),
    parameters=(Param("alpha", 0.0, "log-like below 0, the identity at 0, exp-like above"),),
    conventions="alpha is learned per neuron and has no default in the literature; actplot's 0 is the identity, "
    "the middle of the continuum. For alpha < 0 the function is defined for x > 1/alpha - alpha only: NaN "
    "below, -inf at the bound.",
    source="Godfrey & Gashler 2016, 'A continuum among logarithmic, linear, and exponential functions, and its "
    "potential to improve generalization in neural networks', arXiv:1602.01321",
)

RECORDS = (
    EXPONENTIAL,
    BENT_IDENTITY,
    GAUSSIAN,
    SOFT_EXPONENTIAL,
)
