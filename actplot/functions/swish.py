"""Self-gated units x·g(x): SiLU (swish), Mish, the piecewise-quadratic hard swish, LiSHT (x·tanh x)
and ELiSH with its hard form."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from actplot._exact import DD, dd_add, dd_div, dd_mul, root_offset, times_exp, triple_constant, two_sum
from actplot.functions._base import HIDDEN, ROOT_NOTE, TAIL, Activation, P, as_array, mp
from actplot.functions.sigmoid import d_tanh, scaled_sigmoid

if TYPE_CHECKING:
    from numpy.typing import ArrayLike

FAMILY = "self-gated"


def silu(x: ArrayLike) -> np.ndarray:
    r"""The sigmoid-weighted linear unit (swish with β = 1).

    .. math:: \mathrm{SiLU}(x) = x\,\sigma(x)
    """
    x = as_array(x)
    # x σ(x) with σ's tail e^x applied last, so a subnormal e^x costs nothing.
    return scaled_sigmoid(np.maximum(x, -TAIL), x, np.zeros_like(x))


def d_silu(x: ArrayLike) -> np.ndarray:
    r""":math:`\mathrm{SiLU}'(x) = \sigma(x)\,(1 + x\,\sigma(-x))`."""
    bracket, x = silu_slope(x)
    return scaled_sigmoid(bracket, x, np.zeros_like(x))


def silu_slope(x: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """SiLU's derivative as ``bracket · σ(x)``: (bracket, x clipped), for callers that scale it before
    its one rounding (the gated units)."""
    x = np.clip(as_array(x), -1.5 * TAIL, 1.5 * TAIL)  # where even the largest scale times σ(x) is 0
    # σ(-x) = e^-|x|/(1+e^-|x|) for x >= 0 and 1/(1+e^-|x|) for x < 0.
    e = np.exp(-np.abs(x))
    return 1.0 + x * np.where(x >= 0, e, 1.0) / (1.0 + e), x


def mish(x: ArrayLike) -> np.ndarray:
    r"""Mish, a self-gated smooth ReLU.

    .. math:: \mathrm{Mish}(x) = x \tanh(\mathrm{softplus}(x))

    >>> mish([-1000.0, 1000.0])
    array([  -0., 1000.])
    """
    x = as_array(x)
    # tanh(softplus(x)) = n/(n+2) with n = e^x(e^x+2); for x >= 0 in t = e^-x, 1 - 2t²/(1+2t+2t²).
    t = np.exp(-np.abs(x))
    positive = x * (1.0 - 2.0 * t * t / (1.0 + 2.0 * t + 2.0 * t * t))
    xm = np.clip(x, -TAIL, 0.0)
    negative = times_exp(xm * (t + 2.0) / (t * (t + 2.0) + 2.0), xm)
    return np.where(x >= 0, positive, negative)


def d_mish(x: ArrayLike) -> np.ndarray:
    r""":math:`\mathrm{Mish}'(x) = \tanh(\mathrm{sp}(x)) + x\,\mathrm{sech}^2(\mathrm{sp}(x))\,\sigma(x)`."""
    x = np.clip(as_array(x), -TAIL, TAIL)
    t = np.exp(-np.abs(x))
    # x >= 0: tanh(sp) = 1 - 2t²/D, sech²(sp) = 4t²(1+t)²/D², σ = 1/(1+t), D = 1+2t+2t².
    big_d = 1.0 + 2.0 * t + 2.0 * t * t
    positive = (1.0 - 2.0 * t * t / big_d) + x * (4.0 * t * t * (1.0 + t) / (big_d * big_d))
    # x < 0 (t = e^x, n = t(t+2), n+1 = (1+t)²): e^x [(t+2)m + 4x(1+t)] / m², m = n + 2.
    # Eight roundings would add up past 4 ulp: the bracket is formed in double-double.
    zero = np.zeros_like(t)
    t2 = two_sum(t, np.full_like(t, 2.0))
    m = dd_add(*dd_mul(t, zero, *t2), np.full_like(t, 2.0), zero)
    slope = dd_mul(4.0 * x, zero, *two_sum(t, np.ones_like(t)))
    bracket = dd_div(*dd_add(*dd_mul(*t2, *m), *slope), *dd_mul(*m, *m))
    return np.where(x >= 0, positive, times_exp(bracket, np.minimum(x, 0.0)))


def hard_swish(x: ArrayLike) -> np.ndarray:
    r"""A piecewise-quadratic SiLU, as in MobileNetV3.

    .. math:: \mathrm{hard\_swish}(x) = x\,\frac{\mathrm{ReLU6}(x + 3)}{6}
    """
    x = as_array(x)
    xc = np.clip(x, -3.0, 3.0)
    return np.where(x <= -3, 0.0, np.where(x >= 3, x, xc * (xc + 3.0) / 6.0))


def d_hard_swish(x: ArrayLike) -> np.ndarray:
    """At -3 and 3 the outer side, 0 and 1, as PyTorch 2.13 and JAX give (PyTorch up to 2.6 gave the
    inner one, -1/2 and 3/2)."""
    x = as_array(x)
    xc = np.clip(x, -3.0, 3.0)
    return np.where(x <= -3, 0.0, np.where(x >= 3, 1.0, (2.0 * xc + 3.0) / 6.0))


def lisht(x: ArrayLike) -> np.ndarray:
    r"""The linearly scaled hyperbolic tangent, :math:`x \tanh x` (even, non-negative).

    .. math:: h(x) = x \tanh x
    """
    x = as_array(x)
    return x * np.tanh(x)


def d_lisht(x: ArrayLike) -> np.ndarray:
    r""":math:`h'(x) = \tanh x + x\,\mathrm{sech}^2 x` (both terms of one sign: no cancellation)."""
    x = as_array(x)
    xc = np.clip(x, -TAIL, TAIL)
    return np.tanh(x) + xc * d_tanh(xc)


def exact_lisht(x):
    return x * mp.tanh(x)


def exact_d_lisht(x):
    return mp.tanh(x) + x * mp.sech(x) ** 2


def elish(x: ArrayLike) -> np.ndarray:
    r"""The exponential linear squashing unit: SiLU for x >= 0, (e^x - 1) σ(x) below.

    .. math:: h(x) = \begin{cases} x\,\sigma(x) & x \ge 0 \\ (e^{x} - 1)\,\sigma(x) & x < 0 \end{cases}
    """
    x = as_array(x)
    # (e^x - 1) σ(x) = e^x tanh(x/2): no cancellation, and e^x applied last for the far tail.
    xn = np.clip(x, -2 * TAIL, 0.0)
    return np.where(x >= 0, silu(np.maximum(x, 0.0)), times_exp(np.tanh(xn / 2), xn))


_ELISH_ROOT = triple_constant("-0.8813735870195430252326093249797923090281603282616354107532956086533772")
_SQRT2_MINUS_1 = DD.constant("0.4142135623730950488016887242096980785696718753769480731766797379907325")
_SQRT2_PLUS_1 = DD.constant("2.414213562373095048801688724209698078569671875376948073176679737990732")
_ELISH_DD_FROM = -40.0  # below, the derivative is -e^x to double precision


def d_elish(x: ArrayLike) -> np.ndarray:
    r"""For x < 0, :math:`h'(x) = E (E^2 + 2E - 1)/(1 + E)^2` with :math:`E = e^x`; zero at
    :math:`x = \ln(\sqrt 2 - 1)`, so formed as
    :math:`E (\sqrt2 - 1)\,\mathrm{expm1}(x - x_0) (E + 1 + \sqrt 2)/(1 + E)^2`
    in double-double."""
    x = as_array(x)
    xn = np.clip(x, _ELISH_DD_FROM, 0.0)
    e = DD(xn).exp()
    # E² + 2E - 1 = (E - (√2 - 1)) (E + √2 + 1), and E - (√2 - 1) = (√2 - 1) expm1(x - x0)
    factor = _SQRT2_MINUS_1 * root_offset(xn, _ELISH_ROOT).expm1() * (e + _SQRT2_PLUS_1)
    one_plus = 1.0 + e
    negative = np.where(x < _ELISH_DD_FROM, -np.exp(np.minimum(x, 0.0)), (e * factor / (one_plus * one_plus)).value)
    return np.where(x >= 0, d_silu(np.maximum(x, 0.0)), negative)


def exact_elish(x):
    return x / (1 + mp.exp(-x)) if x >= 0 else mp.expm1(x) / (1 + mp.exp(-x))


def exact_d_elish(x):
    s = 1 / (1 + mp.exp(-x))
    if x >= 0:
        return s * (1 + x * (1 - s))
    return mp.exp(x) * s + mp.expm1(x) * s / (1 + mp.exp(x))


def hard_elish(x: ArrayLike) -> np.ndarray:
    r"""The hard ELiSH: ELiSH's sigmoid replaced by the hard sigmoid max(0, min(1, (x + 1)/2)).

    .. math:: h(x) = \begin{cases} x & x \ge 1 \\ x (x + 1)/2 & 0 \le x < 1 \\
        (e^{x} - 1)(x + 1)/2 & -1 \le x < 0 \\ 0 & x < -1 \end{cases}
    """
    x = as_array(x)
    xc = np.clip(x, -1.0, 1.0)
    s_hi, s_lo = two_sum(xc, np.ones_like(xc))  # x + 1, exact as hi + lo
    positive = dd_mul(xc, np.zeros_like(xc), s_hi, s_lo)
    negative = dd_mul(np.expm1(xc), np.zeros_like(xc), s_hi, s_lo)
    middle = np.where(xc >= 0, positive[0] + positive[1], negative[0] + negative[1]) / 2
    return np.where(x >= 1, x, np.where(x < -1, 0.0, middle))


# g(x) = e^x (x + 2) - 1, twice the derivative on (-1, 0), vanishes at r; near it, its Taylor series.
_HARD_ELISH_ROOT = triple_constant("-0.442854401002388583141327999999336819716262129373479684717733076982016")
_HARD_ELISH_SLOPE = DD.constant("1.642200704059873819015344618836246077425646870451161475367333023399916")
_HARD_ELISH_CURVE = DD.constant("1.142200704059873819015344618836246077425646870451161475367333023399916")  # g''/2
_ROOT_WINDOW = 2.0**-30  # within, the series; beyond, double-double leaves 2**-75 relative


def d_hard_elish(x: ArrayLike) -> np.ndarray:
    r""":math:`h'(x) = 1` for x > 1, :math:`x + 1/2` on (0, 1), :math:`(e^x (x + 2) - 1)/2` on (-1, 0) (zero
    at x = -0.4428544), 0 below -1; at -1 and 1 the inner side's value."""
    x = as_array(x)
    xm = np.clip(x, -1.0, 0.0)
    h = root_offset(xm, _HARD_ELISH_ROOT)
    series = h * (_HARD_ELISH_SLOPE + _HARD_ELISH_CURVE * h)
    dx = DD(xm)
    direct = dx.expm1() * (dx + 2.0) + (dx + 1.0)  # e^x (x + 2) - 1
    g = np.where(np.abs(h.hi) < _ROOT_WINDOW, series.value, direct.value)
    middle = np.where(x >= 0, x + 0.5, g / 2)
    return np.where(np.isnan(x), np.nan, np.where(x > 1, 1.0, np.where(x < -1, 0.0, middle)))


def exact_hard_elish(x):
    gate = min(max((x + 1) / 2, mp.mpf(0)), mp.mpf(1))
    return (x if x >= 0 else mp.expm1(x)) * gate


def exact_d_hard_elish(x):
    # at -1 and 1 the gate's sloped (inner) side
    if x > 1:
        return mp.mpf(1)
    if x >= 0:
        return x + mp.mpf(1) / 2
    return (mp.exp(x) * (x + 2) - 1) / 2 if x >= -1 else mp.mpf(0)


SILU = Activation(
    name="silu",
    measured_ulp=(2.3, 4.0),
    summary="The sigmoid-weighted linear unit, x * sigmoid(x) (swish).",
    function=silu,
    derivative=d_silu,
    latex=r"h(x) = x\,\sigma(x) = \frac{x}{1 + e^{-x}}",
    plain="h(x) = x / (1 + exp(-x))",
    derivative_plain="sigmoid(x) * (1 + x * (1 - sigmoid(x)))",
    output_range=(-0.27846454276107380, math.inf),
    range_text="[-0.278, inf)",
    properties=P(False, False, True, "1.0998 at x = 2.3994"),
    use=(HIDDEN,),
    aliases=("swish",),
    conventions="jax and keras also call it swish (with beta = 1).",
    accuracy_note=ROOT_NOTE.format(root="-1.2785"),
    names={
        "torch": "silu",
        "torch_module": "SiLU",
        "jax": "silu, swish",
        "keras": "silu, swish",
        "tf": "silu, swish (beta 1)",
        "onnx": "Swish (opset 24, alpha 1)",
        "hf": "silu, swish",
    },
    source="Hendrycks & Gimpel 2016 (arXiv:1606.08415); Elfwing, Uchibe & Doya 2017 (arXiv:1702.03118); "
    "Ramachandran, Zoph & Le 2017, swish (arXiv:1710.05941)",
)

MISH = Activation(
    name="mish",
    measured_ulp=(3.1, 4.0),
    summary="Mish, x * tanh(softplus(x)): a smooth, self-gated ReLU.",
    function=mish,
    derivative=d_mish,
    latex=r"h(x) = x\,\tanh\left(\ln\left(1 + e^{x}\right)\right)",
    plain="h(x) = x * tanh(log(1 + exp(x)))",
    derivative_plain="tanh(sp(x)) + x * sech(sp(x))^2 * sigmoid(x),  sp = softplus",
    output_range=(-0.30884003221072267, math.inf),
    range_text="[-0.309, inf)",
    properties=P(False, False, True, "1.0886 at x = 1.7757"),
    use=(HIDDEN,),
    accuracy_note=ROOT_NOTE.format(root="-1.1923"),
    names={"torch": "mish", "torch_module": "Mish", "jax": "mish", "keras": "mish", "onnx": "Mish", "hf": "mish"},
    source="Misra 2019, 'Mish: A Self Regularized Non-Monotonic Activation Function', arXiv:1908.08681",
)

HARD_SWISH = Activation(
    name="hard_swish",
    kinks=lambda **params: (-3.0, 3.0),
    measured_ulp=(1.2, 1.0),
    summary="A piecewise-quadratic SiLU, x * relu6(x + 3) / 6 (MobileNetV3).",
    function=hard_swish,
    derivative=d_hard_swish,
    latex=r"h(x) = x\,\frac{\min(\max(0, x + 3), 6)}{6}",
    plain="h(x) = x * relu6(x + 3) / 6",
    derivative_plain="0 if x <= -3, (2x + 3)/6 if -3 < x < 3, 1 if x >= 3",
    output_range=(-0.375, math.inf),
    range_text="[-0.375, inf)",
    properties=P(False, False, False, "1.5 at x = 3"),
    use=(HIDDEN + " (mobile networks)",),
    conventions="jax and keras call it hard_silu (hard_swish in jax too).",
    names={
        "torch": "hardswish",
        "torch_module": "Hardswish",
        "jax": "hard_swish, hard_silu",
        "keras": "hard_silu, hard_swish",
        "onnx": "HardSwish",
        "hf": "hardswish",
    },
    source="Howard et al. 2019, 'Searching for MobileNetV3', arXiv:1905.02244",
    kink_default="outer",
)

LISHT = Activation(
    name="lisht",
    measured_ulp=(1.6, 1.8),
    summary="The linearly scaled hyperbolic tangent, x * tanh(x): even and non-negative.",
    function=lisht,
    derivative=d_lisht,
    exact=exact_lisht,
    exact_derivative=exact_d_lisht,
    latex=r"h(x) = x \tanh x",
    plain="h(x) = x * tanh(x)",
    derivative_plain="tanh(x) + x * (1 - tanh(x)^2)",
    output_range=(0.0, math.inf),
    range_text="[0, inf)",
    properties=P(False, False, True, "1.1997 at x = +-1.1997"),
    use=(HIDDEN,),
    source="Roy, Manna, Dubey & Chaudhuri 2019, 'LiSHT: Non-Parametric Linearly Scaled Hyperbolic Tangent "
    "Activation Function for Neural Networks', arXiv:1901.05894",
)

ELISH = Activation(
    name="elish",
    measured_ulp=(2.0, 1.6),
    kinks=lambda **params: (0.0,),
    mathtext=r"h(x) = x\,\sigma(x) \ (x \geq 0), \ \ (e^{x} - 1)\,\sigma(x) \ (x < 0)",
    summary="The exponential linear squashing unit: SiLU for x >= 0, (e^x - 1) sigmoid(x) below.",
    function=elish,
    derivative=d_elish,
    exact=exact_elish,
    exact_derivative=exact_d_elish,
    latex=r"h(x) = \begin{cases} x\,\sigma(x) & x \ge 0 \\ (e^{x} - 1)\,\sigma(x) & x < 0 \end{cases}",
    plain="h(x) = x * sigmoid(x) if x >= 0 else (exp(x) - 1) * sigmoid(x)",
    derivative_plain="silu'(x) if x >= 0 else e^x sigmoid(x) + (e^x - 1) sigmoid(x) (1 - sigmoid(x))",
    output_range=(-0.1715728752538099, math.inf),
    range_text="[-0.172, inf)",
    properties=P(False, False, False, "1.0998 at x = 2.3994"),
    use=(HIDDEN,),
    conventions="the derivative is continuous at 0 (1/2 from both sides); the second derivative jumps there.",
    source="Basirat & Roth 2018, 'The Quest for the Golden Activation Function', arXiv:1808.00783",
)

HARD_ELISH = Activation(
    name="hard_elish",
    measured_ulp=(1.2, 0.6),
    kinks=lambda **params: (-1.0, 0.0, 1.0),
    kink_default="inner",
    mathtext=r"h(x) = \max(0, \min(1, \frac{x + 1}{2}))\,(x \ (x \geq 0), \ e^{x} - 1 \ (x < 0))",
    summary="The hard ELiSH: ELiSH with the hard sigmoid clip((x + 1)/2, 0, 1) as its gate.",
    function=hard_elish,
    derivative=d_hard_elish,
    exact=exact_hard_elish,
    exact_derivative=exact_d_hard_elish,
    latex=r"h(x) = \begin{cases} x & x \ge 1 \\ \frac{x (x + 1)}{2} & 0 \le x < 1 \\ "
    r"\frac{(e^{x} - 1)(x + 1)}{2} & -1 \le x < 0 \\ 0 & x < -1 \end{cases}",
    plain="h(x) = g(x) * clip((x + 1)/2, 0, 1),  g(x) = x if x >= 0 else exp(x) - 1",
    derivative_plain="1 if x > 1, x + 1/2 if 0 < x < 1, (e^x (x + 2) - 1)/2 if -1 < x < 0, 0 if x < -1",
    output_range=(-0.09967315152874262, math.inf),
    range_text="[-0.0997, inf)",
    properties=P(False, False, False, "1.5 at x = 1-"),
    use=(HIDDEN,),
    conventions="the split at 0 follows ELiSH (paperswithcode's text prints 'x >= 1' for the first branch, "
    "which would leave 0 < x < 1 undefined). No framework has it: at the kinks -1 and 1 the derivative takes "
    "the gate's sloped side ((1/e - 1)/2 at -1, 3/2 at 1), as autograd through clamp gives.",
    source="Basirat & Roth 2018, 'The Quest for the Golden Activation Function', arXiv:1808.00783",
)

RECORDS = (
    SILU,
    MISH,
    HARD_SWISH,
    LISHT,
    ELISH,
    HARD_ELISH,
)
