"""Self-gated units x·g(x): SiLU (swish), Mish, the piecewise-quadratic hard swish, LiSHT (x·tanh x)
and ELiSH with its hard form."""

from __future__ import annotations

import math

import numpy as np

from actplot._exact import (
    DD,
    dd_mul,
    exp_parts,
    exp_scaled,
    finite_square,
    finite_two_prod,
    finite_two_sum,
    root_offset,
    square_of_one_plus,
    times_exp,
    triple_constant,
    two_sum,
)
from actplot._roots import MISH_ROOT, SILU_ROOT, near_root
from actplot.functions._base import HIDDEN, TAIL, Activation, P, mp
from actplot.functions.sigmoid import d_tanh, exact_sigmoid
from actplot.functions.softplus import exact_softplus

FAMILY = "self-gated"
_EXP_SUBNORMAL = -708.0  # below, e^x is subnormal (or near it) and has lost digits


def silu(x: np.ndarray) -> np.ndarray:
    r"""The sigmoid-weighted linear unit (swish with β = 1).

    .. math:: \mathrm{SiLU}(x) = x\,\sigma(x)
    """
    # x/(1 + e^-x): exp, a sum and a division. Below -708 e^-x overflows while x σ(x) ≈ x e^x is
    # still a (subnormal or tiny) number: there x e^x, formed without a subnormal intermediate.
    with np.errstate(over="ignore", invalid="ignore"):  # -inf/inf: fixed below
        y = x / (1.0 + np.exp(-x))
    far = x < -708.0
    if np.any(far):
        xf = np.maximum(x[far], -1e4)  # beyond, x e^x is 0 (and -inf e^-inf has no value to round)
        y[far] = exp_scaled(xf, xf)
    return y


def d_silu(x: np.ndarray) -> np.ndarray:
    r""":math:`\mathrm{SiLU}'(x) = \sigma(x)\,(1 + x\,\sigma(-x))`.

    With ``a = e^min(x,0)``, ``b = e^-max(x,0)`` and ``t = ab = e^-|x|``: ``a (1 + xb + t) / (1 + t)²``,
    the sum and the square exact; for ``x < 0`` the numerator's ``1 + x`` is exact where it cancels
    against ``t``, and within 1/4 of the root (-1.2785) the series around the root takes over.
    """
    x = np.clip(x, -TAIL, TAIL)
    a, b = exp_parts(x)
    t = a * b
    n, n_lo = finite_two_sum(1.0 + x * b, t)
    _, sq, sq_lo = square_of_one_plus(t)
    y = a * n / sq
    y = y + y * (n_lo / n - sq_lo / sq)
    deep = np.flatnonzero(x < _EXP_SUBNORMAL)  # e^x subnormal: silu' = e^x (1 + x), e^x applied last
    if deep.size:
        xd = x[deep]
        y[deep] = exp_scaled(1.0 + xd, xd)
    return near_root(y, x, SILU_ROOT)


def exact_silu(x):
    return x * exact_sigmoid(x)


def exact_d_silu(x):
    return exact_sigmoid(x) * (1 + x * exact_sigmoid(-x))


def mish(x: np.ndarray) -> np.ndarray:
    r"""Mish, a self-gated smooth ReLU.

    .. math:: \mathrm{Mish}(x) = x \tanh(\mathrm{softplus}(x))

    >>> mish([-1000.0, 1000.0])
    array([  -0., 1000.])
    """
    # tanh(softplus(x)) = n/(n + 2), n = e^x (e^x + 2); with e^x = a/b (exp_parts) that is
    # N/(N + 2b²), N = a² + 2ab: (1 + 2t)/(1 + 2t + 2t²) for x >= 0 (t = e^-x), t(t + 2)/(t(t + 2) + 2)
    # for x < 0 (t = e^x). Both sums are formed exactly (the squares round, by at most a third
    # of a rounding of the sum), so only the quotient and the product with x round.
    xc = np.clip(x, -TAIL, TAIL)
    a, b = exp_parts(xc)
    n, n_lo = finite_two_sum(a * a, 2.0 * (a * b))
    d, d_lo = finite_two_sum(n, 2.0 * (b * b))
    q = n / d
    y = xc * q + xc * ((n_lo - q * (d_lo + n_lo)) / d)
    deep = np.flatnonzero(x < _EXP_SUBNORMAL)  # mish = x e^x to a few 1e-308 relative
    if deep.size:
        xd = xc[deep]
        y[deep] = exp_scaled(xd, xd)
    beyond = np.flatnonzero(x > TAIL)  # mish = x
    y[beyond] = x[beyond]
    return y


def d_mish(x: np.ndarray) -> np.ndarray:
    r""":math:`\mathrm{Mish}'(x) = \tanh(\mathrm{sp}(x)) + x\,\mathrm{sech}^2(\mathrm{sp}(x))\,\sigma(x)`.

    With ``e^x = a/b`` (``exp_parts``) and ``D = a² + 2ab + 2b²``: ``a·B/D²``, where
    ``B = 4b³(1 + x) + a·S`` and ``S = a(a + 4b) + b²(6 + 4x)``. ``D``, its square and ``B`` are
    formed exactly (but for the rounding of ``S`` and of the squares ``a²``, ``b²``, small next to
    the sums); for ``x < 0`` (``a = e^x``, ``b = 1``) the two terms of ``B`` cancel only near the
    root (-1.1924), where the series around the root takes over.
    """
    x = np.clip(x, -TAIL, TAIL)
    a, b = exp_parts(x)
    bb = b * b
    n, n_lo = finite_two_sum(a * a, 2.0 * (a * b))
    d, d_lo = finite_two_sum(n, 2.0 * bb)
    square, square_lo = finite_square(d)
    square_lo = square_lo + 2.0 * d * (d_lo + n_lo)
    p, p_lo = finite_two_prod(a, a * (a + 4.0 * b) + bb * (6.0 + 4.0 * x))
    big, big_lo = finite_two_sum(4.0 * (bb * b) * (1.0 + x), p)
    y = a * big / square
    y = y + y * ((big_lo + p_lo) / big - square_lo / square)
    deep = np.flatnonzero(x < _EXP_SUBNORMAL)  # mish' = e^x (1 + x) to a few 1e-308 relative
    if deep.size:
        xd = x[deep]
        y[deep] = exp_scaled(1.0 + xd, xd)
    return near_root(y, x, MISH_ROOT)


def exact_mish(x):
    return x * mp.tanh(exact_softplus(x))


def exact_d_mish(x):
    s = exact_softplus(x)
    return mp.tanh(s) + x * mp.sech(s) ** 2 * exact_sigmoid(x)


def hard_swish(x: np.ndarray) -> np.ndarray:
    r"""A piecewise-quadratic SiLU, as in MobileNetV3.

    .. math:: \mathrm{hard\_swish}(x) = x\,\frac{\mathrm{ReLU6}(x + 3)}{6}
    """
    xc = np.clip(x, -3.0, 3.0)
    return np.where(x <= -3, 0.0, np.where(x >= 3, x, xc * (xc + 3.0) / 6.0))


def d_hard_swish(x: np.ndarray) -> np.ndarray:
    """At -3 and 3 the outer side, 0 and 1, as PyTorch 2.13 and JAX give (PyTorch up to 2.6 gave the
    inner one, -1/2 and 3/2)."""
    xc = np.clip(x, -3.0, 3.0)
    return np.where(x <= -3, 0.0, np.where(x >= 3, 1.0, (2.0 * xc + 3.0) / 6.0))


def lisht(x: np.ndarray) -> np.ndarray:
    r"""The linearly scaled hyperbolic tangent, :math:`x \tanh x` (even, non-negative).

    .. math:: h(x) = x \tanh x
    """
    return x * np.tanh(x)


def d_lisht(x: np.ndarray) -> np.ndarray:
    r""":math:`h'(x) = \tanh x + x\,\mathrm{sech}^2 x` (both terms of one sign: no cancellation)."""
    xc = np.clip(x, -TAIL, TAIL)
    return np.tanh(x) + xc * d_tanh(xc)


def exact_lisht(x):
    return x * mp.tanh(x)


def exact_d_lisht(x):
    return mp.tanh(x) + x * mp.sech(x) ** 2


def elish(x: np.ndarray) -> np.ndarray:
    r"""The exponential linear squashing unit: SiLU for x >= 0, (e^x - 1) σ(x) below.

    .. math:: h(x) = \begin{cases} x\,\sigma(x) & x \ge 0 \\ (e^{x} - 1)\,\sigma(x) & x < 0 \end{cases}
    """
    # (e^x - 1) σ(x) = e^x tanh(x/2): no cancellation, and e^x applied last for the far tail.
    xn = np.clip(x, -2 * TAIL, 0.0)
    return np.where(x >= 0, silu(np.maximum(x, 0.0)), times_exp(np.tanh(xn / 2), xn))


_ELISH_ROOT = triple_constant("-0.8813735870195430252326093249797923090281603282616354107532956086533772")
_SQRT2_MINUS_1 = DD.constant("0.4142135623730950488016887242096980785696718753769480731766797379907325")
_SQRT2_PLUS_1 = DD.constant("2.414213562373095048801688724209698078569671875376948073176679737990732")
_ELISH_DD_FROM = -40.0  # below, the derivative is -e^x to double precision


def d_elish(x: np.ndarray) -> np.ndarray:
    r"""For x < 0, :math:`h'(x) = E (E^2 + 2E - 1)/(1 + E)^2` with :math:`E = e^x`; zero at
    :math:`x = \ln(\sqrt 2 - 1)`, so formed as
    :math:`E (\sqrt2 - 1)\,\mathrm{expm1}(x - x_0) (E + 1 + \sqrt 2)/(1 + E)^2`
    in double-double."""
    out = np.where(x >= 0, d_silu(np.maximum(x, 0.0)), -np.exp(np.minimum(x, 0.0)))
    # double-double only where it is needed (stats evaluates f′ at x mostly far out)
    inner = (x >= _ELISH_DD_FROM) & (x < 0)
    xn = x[inner]
    e = DD(xn).exp()
    # E² + 2E - 1 = (E - (√2 - 1)) (E + √2 + 1), and E - (√2 - 1) = (√2 - 1) expm1(x - x0)
    factor = _SQRT2_MINUS_1 * root_offset(xn, _ELISH_ROOT).expm1() * (e + _SQRT2_PLUS_1)
    one_plus = 1.0 + e
    out[inner] = (e * factor / (one_plus * one_plus)).value
    return out


def exact_elish(x):
    return x / (1 + mp.exp(-x)) if x >= 0 else mp.expm1(x) / (1 + mp.exp(-x))


def exact_d_elish(x):
    s = 1 / (1 + mp.exp(-x))
    if x >= 0:
        return s * (1 + x * (1 - s))
    return mp.exp(x) * s + mp.expm1(x) * s / (1 + mp.exp(x))


def hard_elish(x: np.ndarray) -> np.ndarray:
    r"""The hard ELiSH: ELiSH's sigmoid replaced by the hard sigmoid max(0, min(1, (x + 1)/2)).

    .. math:: h(x) = \begin{cases} x & x \ge 1 \\ x (x + 1)/2 & 0 \le x < 1 \\
        (e^{x} - 1)(x + 1)/2 & -1 \le x < 0 \\ 0 & x < -1 \end{cases}
    """
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


def d_hard_elish(x: np.ndarray) -> np.ndarray:
    r""":math:`h'(x) = 1` for x > 1, :math:`x + 1/2` on (0, 1), :math:`(e^x (x + 2) - 1)/2` on (-1, 0) (zero
    at x = -0.4428544), 0 below -1; at -1 and 1 the inner side's value."""
    out = np.where(np.isnan(x), np.nan, np.where(x > 1, 1.0, np.where(x < -1, 0.0, x + 0.5)))
    # double-double only where it is needed (stats evaluates f′ at x mostly far out)
    inner = (x >= -1) & (x < 0)
    xm = x[inner]
    h = root_offset(xm, _HARD_ELISH_ROOT)
    series = h * (_HARD_ELISH_SLOPE + _HARD_ELISH_CURVE * h)
    dx = DD(xm)
    direct = dx.expm1() * (dx + 2.0) + (dx + 1.0)  # e^x (x + 2) - 1
    out[inner] = np.where(np.abs(h.hi) < _ROOT_WINDOW, series.value, direct.value) / 2
    return out


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


def exact_hard_swish(x):
    return x * min(max(x + 3, mp.mpf(0)), mp.mpf(6)) / 6


def exact_d_hard_swish(x):
    if x <= -3:  # the outer sides at the kinks, as d_hard_swish (PyTorch 2.13, JAX)
        return mp.mpf(0)
    return mp.mpf(1) if x >= 3 else (2 * x + 3) / 6


SILU = Activation(
    name="silu",
    measured_ulp=(1.79, 1.91),
    summary="The sigmoid-weighted linear unit, x * sigmoid(x) (swish).",
    function=silu,
    derivative=d_silu,
    exact=exact_silu,
    exact_derivative=exact_d_silu,
    latex=r"h(x) = x\,\sigma(x) = \frac{x}{1 + e^{-x}}",
    plain="h(x) = x / (1 + exp(-x))",
    derivative_plain="sigmoid(x) * (1 + x * (1 - sigmoid(x)))",
    output_range=(-0.27846454276107380, math.inf),
    range_text="[-0.278, inf)",
    properties=P(False, False, True, "1.0998 at x = 2.3994"),
    use=(HIDDEN,),
    aliases=("swish",),
    conventions="jax and keras also call it swish (with beta = 1).",
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
    measured_ulp=(1.94, 2.12),
    summary="Mish, x * tanh(softplus(x)): a smooth, self-gated ReLU.",
    function=mish,
    derivative=d_mish,
    exact=exact_mish,
    exact_derivative=exact_d_mish,
    latex=r"h(x) = x\,\tanh\left(\ln\left(1 + e^{x}\right)\right)",
    plain="h(x) = x * tanh(log(1 + exp(x)))",
    derivative_plain="tanh(sp(x)) + x * sech(sp(x))^2 * sigmoid(x),  sp = softplus",
    output_range=(-0.30884003221072267, math.inf),
    range_text="[-0.309, inf)",
    properties=P(False, False, True, "1.0886 at x = 1.7757"),
    use=(HIDDEN,),
    names={"torch": "mish", "torch_module": "Mish", "jax": "mish", "keras": "mish", "onnx": "Mish", "hf": "mish"},
    source="Misra 2019, 'Mish: A Self Regularized Non-Monotonic Activation Function', arXiv:1908.08681",
)

HARD_SWISH = Activation(
    name="hard_swish",
    kinks=lambda **params: (-3.0, 3.0),
    measured_ulp=(1.64, 1),
    summary="A piecewise-quadratic SiLU, x * relu6(x + 3) / 6 (MobileNetV3).",
    function=hard_swish,
    derivative=d_hard_swish,
    exact=exact_hard_swish,
    exact_derivative=exact_d_hard_swish,
    latex=r"h(x) = x\,\frac{\min(\max(0, x + 3), 6)}{6}",
    plain="h(x) = x * relu6(x + 3) / 6",
    derivative_plain="0 if x <= -3, (2x + 3)/6 if -3 < x < 3, 1 if x >= 3",
    output_range=(-0.375, math.inf),
    range_text="[-0.375, inf)",
    properties=P(False, False, False, "1.5 at x = 3"),
    use=(HIDDEN + " (mobile networks)",),
    conventions=(
        "jax and keras call it hard_silu (hard_swish in jax too). At the kinks torch's documented definition "
        "gives h'(-3) = 0 and h'(3) = 1 (the outer pieces), which --compat torch follows; its CPU kernel in "
        "PyTorch 2.6 gave -0.5 and 1.5, the middle piece's slope at its ends (PyTorch issue #147801)."
    ),
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
    measured_ulp=(1.55, 1.27),
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
    measured_ulp=(1.93, 1.59),
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
    measured_ulp=(1.26, 0.5),
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
