"""The Gaussian error linear unit, exact (erf) and in its tanh approximation."""

from __future__ import annotations

import math

import numpy as np

from actplot._exact import (
    DD,
    dd_add,
    dd_constant,
    dd_mul,
    dd_quotient_dd,
    decimal_ratio,
    exp_scaled,
    finite_two_prod,
    finite_two_sum,
    root_offset,
    times_exp,
    triple_constant,
    two_sum,
)
from actplot._normal import mills, times_gaussian
from actplot._roots import GELU_ROOT, GELU_TANH_ROOT, near_root
from actplot.functions._base import HIDDEN, TAIL, Activation, P, Param, mp
from actplot.functions.sigmoid import exact_sigmoid, scaled_sigmoid, sigmoid

FAMILY = "GELU and its relatives"


_GELU_TAIL = 40.0  # |x| beyond which Φ(x) is 0 or 1 in double
_ONE_OVER_SQRT_2PI = dd_constant("0.39894228040143267793994605993438186847585863116493")


def gelu(x: np.ndarray, approximate: str = "none") -> np.ndarray:
    r"""The Gaussian error linear unit.

    .. math:: \mathrm{GELU}(x) = x\,\Phi(x) = \frac{x}{2}\left(1 + \mathrm{erf}\frac{x}{\sqrt 2}\right)

    With ``approximate="tanh"`` (or ``True``, JAX's spelling):
    :math:`\frac{x}{2}\left(1 + \tanh\left(\sqrt{2/\pi}\,(x + 0.044715 x^3)\right)\right)`.
    PyTorch and Keras default to the exact form, JAX to ``approximate=True`` (tanh).

    >>> gelu([-38.0, 0.0, 1.0])
    array([-0.        ,  0.        ,  0.84134475])
    """
    if approximate == "tanh":
        return _gelu_tanh(x)
    # x Φ(x) = x - tΦ(-t) for x >= 0 and -tΦ(-t) for x < 0, t = |x|; Φ(-t) = M(t) e^(-t²/2).
    t = np.fmin(np.abs(x), _GELU_TAIL)  # (NaN: 40, and the NaN comes back through max(x, 0))
    m, m_lo = mills(t)
    g, g_lo = finite_two_prod(t, m)
    tail = times_gaussian(g, g_lo + t * m_lo, t)
    return np.maximum(x, 0.0) - tail


def d_gelu(x: np.ndarray, approximate: str = "none") -> np.ndarray:
    r""":math:`\mathrm{GELU}'(x) = \Phi(x) + x\,\varphi(x)`, :math:`\varphi(x) = e^{-x^2/2}/\sqrt{2\pi}`.

    With ``t = |x|`` and ``B = M(t) - t/√(2π)``: ``1 - B e^{-t²/2}`` for ``x >= 0`` and
    ``B e^{-t²/2}`` for ``x < 0``; near the root (-0.7518), where ``B`` vanishes, the series
    around the root.
    """
    if approximate == "tanh":
        return _d_gelu_tanh(x)
    t = np.fmin(np.abs(x), _GELU_TAIL)  # (NaN: 40, and the NaN comes back through x >= 0 below)
    bracket = times_gaussian(*slope_bracket(t), t)
    # 1 - bracket for x >= 0 and bracket below, as positive ± bracket (cheaper than a where).
    positive = (x >= 0).astype(np.float64)
    y = positive + (1.0 - 2.0 * positive) * bracket
    y[np.flatnonzero(np.isnan(x))] = np.nan
    return near_root(y, x, GELU_ROOT)


def slope_bracket(t: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``B(t) = M(t) - t/√(2π)`` as ``hi + lo`` for ``0 <= t``: ``gelu'(-t) = B(t) e^{-t²/2}``."""
    density, density_lo = finite_two_prod(t, np.float64(_ONE_OVER_SQRT_2PI[0]))
    m, m_lo = mills(t)
    b, b_lo = finite_two_sum(m, -density)
    return b, b_lo + (m_lo - density_lo - t * _ONE_OVER_SQRT_2PI[1])


_SQRT_2_OVER_PI = dd_constant("0.79788456080286535587989211986876373695171726232986")


_GELU_CUBIC = dd_constant("0.044715")


_GELU_CUBIC_SLOPE = dd_constant("0.134145")  # 3 · 0.044715, the x² coefficient of u'(x)/√(2/π)


def gelu_tanh_argument(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``2u = 2√(2/π)(x + 0.044715x³)`` as ``hi + lo``: ``σ(2u)`` magnifies an error in ``u`` by ``2|u|``."""
    xc = np.clip(x, -_GELU_TAIL, _GELU_TAIL)
    zero = np.zeros_like(xc)
    sq_hi, sq_lo = dd_mul(xc, zero, xc, zero)
    cube_hi, cube_lo = dd_mul(sq_hi, sq_lo, xc, zero)
    term_hi, term_lo = dd_mul(cube_hi, cube_lo, *_GELU_CUBIC)
    sum_hi, sum_lo = two_sum(xc, term_hi)
    u_hi, u_lo = dd_mul(sum_hi, sum_lo + term_lo, *_SQRT_2_OVER_PI)
    return 2.0 * u_hi, 2.0 * u_lo


def _gelu_tanh(x: np.ndarray) -> np.ndarray:
    # (1 + tanh u)/2 = σ(2u): no cancellation for negative u.
    v_hi, v_lo = gelu_tanh_argument(x)
    return scaled_sigmoid(np.maximum(x, -_GELU_TAIL), v_hi, v_lo)


def _d_gelu_tanh(x: np.ndarray, scale: np.ndarray | None = None) -> np.ndarray:
    """The tanh form's derivative; with ``scale``, ``scale`` times it, applied before the tail's
    last rounding (the gated units, where the derivative alone would be subnormal; the root's series
    is then not used: they ask only far from it)."""
    # d/dx x σ(v) = σ(v) (1 + x v' σ(-v)),  v = 2u,  v' = 2√(2/π)(1 + 3·0.044715 x²). With
    # t = e^-|v|: (1 + t + x v' t)/(1 + t)² for v >= 0, and e^v (1 + t + x v')/(1 + t)² for v < 0,
    # whose bracket vanishes only at the root (the series takes over there); all in double-double.
    v_hi, v_lo = gelu_tanh_argument(x)
    xc = np.clip(x, -_GELU_TAIL, _GELU_TAIL)
    zero = np.zeros_like(xc)
    square = dd_mul(xc, zero, xc, zero)
    cubic_hi, cubic_lo = dd_mul(*square, *_GELU_CUBIC_SLOPE)
    one_hi, one_lo = two_sum(np.ones_like(xc), cubic_hi)
    slope = dd_mul(2.0 * xc, zero, *dd_mul(one_hi, one_lo + cubic_lo, *_SQRT_2_OVER_PI))  # x v'
    positive = v_hi >= 0
    t = np.exp(-np.abs(v_hi))
    t_lo = t * np.where(positive, -v_lo, v_lo)
    d_hi, d_lo = two_sum(np.ones_like(t), t)
    d_lo = d_lo + t_lo
    term = dd_mul(*slope, t, t_lo)
    numerator = dd_add(d_hi, d_lo, np.where(positive, term[0], slope[0]), np.where(positive, term[1], slope[1]))
    g_hi, g_lo = dd_quotient_dd(*numerator, *dd_mul(d_hi, d_lo, d_hi, d_lo))
    if scale is not None:
        with np.errstate(over="ignore", invalid="ignore"):
            g_hi, g_lo = scale * g_hi, scale * g_lo
    y = np.where(positive, g_hi + g_lo, g_hi * t + (g_lo * t + g_hi * t_lo))
    deep = v_hi < -708.0  # e^v subnormal
    if np.any(deep):
        y[deep] = exp_scaled(g_hi[deep] + g_lo[deep], v_hi[deep], v_lo[deep])
    return y if scale is not None else near_root(y, x, GELU_TANH_ROOT)


# Hugging Face's hidden_act names for the tanh form
_HF_TANH_GELU = ("gelu_new", "gelu_fast", "gelu_pytorch_tanh", "gelu_python_tanh", "gelu_accurate")
_QUICK_GELU_SCALE = DD.constant("1.702")


def quick_gelu(x: np.ndarray) -> np.ndarray:
    r"""The sigmoid approximation of GELU (Hugging Face's ``quick_gelu``, CLIP's).

    .. math:: h(x) = x\,\sigma(1.702\,x)
    """
    v_hi, v_lo = _quick_gelu_argument(x)
    return scaled_sigmoid(np.maximum(x, -TAIL), v_hi, v_lo)


def d_quick_gelu(x: np.ndarray) -> np.ndarray:
    r""":math:`h'(x) = \sigma(v)\,(1 + v\,\sigma(-v))`, :math:`v = 1.702x`; for x < 0, where the bracket
    cancels, :math:`E (1 + E + v)/(1 + E)^2` with :math:`E = e^v` in double-double (a series at its zero)."""
    v_hi, v_lo = _quick_gelu_argument(x)
    # x >= 0: v σ(-v) to first order in lo ((σ(-v) - v σ(v) σ(-v)) is its slope), no cancellation
    gate_slope = sigmoid(-v_hi)
    term = v_hi * gate_slope + v_lo * (gate_slope - v_hi * gate_slope * sigmoid(v_hi))
    positive = scaled_sigmoid(1.0 + term, v_hi, v_lo)
    # -40 <= v < 0 in double-double; below, E (1 + v) to double precision
    far = times_exp((1.0 + v_hi) * (1.0 + v_lo), np.minimum(v_hi, 0.0))
    out = np.where(v_hi >= 0, positive, far)
    # double-double only where it is needed (stats evaluates f′ at x mostly far out)
    middle = (v_hi < 0) & (v_hi >= -40.0)
    v = DD(v_hi[middle], v_lo[middle])
    e = v.exp()
    h = root_offset(x[middle], _QUICK_GELU_ROOT) * _QUICK_GELU_SCALE
    g = np.where(np.abs(h.hi) < 2.0**-30, (h * (_QUICK_GELU_SLOPE + _QUICK_GELU_CURVE * h)).value, (1.0 + e + v).value)
    out[middle] = (e * DD(g) / ((1.0 + e) * (1.0 + e))).value
    return out


def exact_quick_gelu(x):
    return x / (1 + mp.exp(-mp.mpf("1.702") * x))


def exact_d_quick_gelu(x):
    v = mp.mpf("1.702") * x
    s = 1 / (1 + mp.exp(-v))
    return s * (1 + v / (1 + mp.exp(v)))


# 1 + e^v + v, the bracket of h' times (1 + e^v), vanishes at v* = -1.2784645...; near it, its series.
_QUICK_GELU_ROOT = triple_constant("-0.751154255441288951298095616347226883336943295311248980877307935096962")
_QUICK_GELU_SLOPE = DD.constant("1.278464542761073795109358739022980155439477488619745765453178105535029")
_QUICK_GELU_CURVE = DD.constant("0.1392322713805368975546793695114900777197387443098728827265890527675147")


def _quick_gelu_argument(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``1.702x`` as ``hi + lo``: the sigmoid's tail magnifies an error in its argument by ``|v|``."""
    xc = np.clip(x, -TAIL, TAIL)
    v = _QUICK_GELU_SCALE * xc
    return v.hi, v.lo


_GELU_CLIP = 10.0  # gelu(10) = 10 - 7.6e-23: the clip starts between 10 and the next double


def gelu_10(x: np.ndarray) -> np.ndarray:
    r"""Exact GELU clipped to [-10, 10] (Hugging Face's ``gelu_10``, for quantisation).

    .. math:: h(x) = \min(\max(x\,\Phi(x), -10), 10)

    GELU never goes below -0.17, so only the upper clip acts: from the x where x Φ(x) = 10,
    which lies between 10 and the next double.
    """
    return np.where(x > _GELU_CLIP, _GELU_CLIP, gelu(x))


def d_gelu_10(x: np.ndarray) -> np.ndarray:
    return np.where(x > _GELU_CLIP, 0.0, d_gelu(x))


def exact_gelu_10(x):
    return min(x * _exact_normal_cdf(x), mp.mpf(10))


def exact_d_gelu_10(x):
    if x * _exact_normal_cdf(x) >= 10:
        return mp.mpf(0)
    return _exact_normal_cdf(x) + x * mp.exp(-x * x / 2) / mp.sqrt(2 * mp.pi)


_LAPLACE_MU = dd_constant("0.707107")
_LAPLACE_SIGMA = dd_constant("0.282095")
# 1/(σ√(2π)), the density's peak, rounded once from the decimal σ
_SIGMA, _ROOT_2PI = decimal_ratio("0.282095"), decimal_ratio("2.5066282746310005024157652848110452530069867406099")
_LAPLACE_PEAK = (_SIGMA[1] * _ROOT_2PI[1]) / (_SIGMA[0] * _ROOT_2PI[0])  # integers divide correctly rounded


def laplace(x: np.ndarray) -> np.ndarray:
    r"""Hugging Face's Laplace activation (MEGA): the normal CDF of ``(x - μ)/σ``.

    .. math:: h(x) = \Phi\!\left(\frac{x - \mu}{\sigma}\right)
        = \frac{1}{2}\left(1 + \mathrm{erf}\frac{x - \mu}{\sigma\sqrt 2}\right)

    with Hugging Face's literal constants μ = 0.707107 and σ = 0.282095 (roundings of 1/√2
    and 1/(2√π)); the exact function of those decimals is what is rounded.
    """
    u_hi, u_lo = _laplace_argument(x)
    # Φ(-|u|) with |u| = t + δ: M(t + δ) e^(-(t + δ)²/2) = (M(t) - δ/√(2π)) e^(-t²/2) to first order.
    t = np.fmin(np.abs(u_hi), _GELU_TAIL)
    delta = np.where(u_hi < 0, -u_lo, u_lo)
    m, m_lo = mills(t)
    tail = times_gaussian(m, m_lo - delta * _ONE_OVER_SQRT_2PI[0], t)
    return np.where(np.isnan(u_hi), np.nan, np.where(u_hi >= 0, 1.0 - tail, tail))


def d_laplace(x: np.ndarray) -> np.ndarray:
    r""":math:`h'(x) = \varphi(u)/\sigma`, :math:`u = (x - \mu)/\sigma`."""
    u_hi, u_lo = _laplace_argument(x)
    # e^(-(t + δ)²/2) = e^(-t²/2) (1 - tδ) to first order, t = |u|
    t = np.fmin(np.abs(u_hi), _GELU_TAIL)
    delta = np.where(u_hi < 0, -u_lo, u_lo)
    y = times_gaussian(np.full_like(t, _LAPLACE_PEAK), -_LAPLACE_PEAK * t * delta, t)
    return np.where(np.isnan(u_hi), np.nan, y)


def exact_laplace(x):
    return _exact_normal_cdf((x - mp.mpf("0.707107")) / mp.mpf("0.282095"))


def exact_d_laplace(x):
    u = (x - mp.mpf("0.707107")) / mp.mpf("0.282095")
    return mp.exp(-u * u / 2) / (mp.mpf("0.282095") * mp.sqrt(2 * mp.pi))


def _laplace_argument(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(x - μ)/σ`` as ``hi + lo``, within ±40 (beyond, Φ is 0 or 1 in double)."""
    xc = np.clip(x, -20.0, 20.0)  # (±20 - μ)/σ is beyond ±40
    d_hi, d_lo = two_sum(xc, np.full_like(xc, -_LAPLACE_MU[0]))
    u_hi, u_lo = dd_quotient_dd(d_hi, d_lo - _LAPLACE_MU[1], *_LAPLACE_SIGMA)
    inside = np.abs(u_hi) < _GELU_TAIL
    u_hi = np.where(np.isnan(x), np.nan, np.clip(u_hi, -_GELU_TAIL, _GELU_TAIL))
    return u_hi, np.where(inside, u_lo, 0.0)


def _exact_normal_cdf(x):
    """Φ(x) = erfc(-x/√2)/2; beyond 1e100, where mp.erfc fails, erfc(z) = Γ(1/2, z²)/√π."""
    z = -x / mp.sqrt(2)
    if abs(z) < 1e100:
        return mp.erfc(z) / 2
    tail = mp.gammainc(mp.mpf(1) / 2, z * z) / mp.sqrt(mp.pi) / 2
    return tail if z > 0 else 1 - tail


def _exact_gelu_tanh_argument(x):
    """2u, where the tanh form x/2 (1 + tanh u) = x σ(2u)."""
    return 2 * mp.sqrt(2 / mp.pi) * (x + mp.mpf("0.044715") * x**3)


def exact_gelu(x, approximate: str = "none"):
    if approximate == "tanh":
        return x * exact_sigmoid(_exact_gelu_tanh_argument(x))
    return x * _exact_normal_cdf(x)


def exact_d_gelu(x, approximate: str = "none"):
    if approximate == "tanh":
        v = _exact_gelu_tanh_argument(x)
        dv = 2 * mp.sqrt(2 / mp.pi) * (1 + 3 * mp.mpf("0.044715") * x**2)
        return exact_sigmoid(v) * (1 + x * exact_sigmoid(-v) * dv)
    return _exact_normal_cdf(x) + x * mp.exp(-x * x / 2) / mp.sqrt(2 * mp.pi)


GELU = Activation(
    name="gelu",
    measured_ulp=(2.08, 1.92),
    summary="The Gaussian error linear unit, x weighted by the normal CDF (transformers' choice).",
    function=gelu,
    derivative=d_gelu,
    exact=exact_gelu,
    exact_derivative=exact_d_gelu,
    latex=r"h(x) = x\,\Phi(x) = \frac{x}{2}\left(1 + \mathrm{erf}\frac{x}{\sqrt{2}}\right)",
    mathtext=lambda approximate="none": (
        r"h(x) = \frac{x}{2}\left(1 + \tanh\left(\sqrt{2/\pi}\,(x + 0.044715\,x^3)\right)\right)"
        if approximate == "tanh"
        else r"h(x) = x\,\Phi(x) = \frac{x}{2}\left(1 + \mathrm{erf}\frac{x}{\sqrt{2}}\right)"
    ),
    plain="h(x) = x/2 * (1 + erf(x / sqrt(2)));  tanh form: x/2 * (1 + tanh(sqrt(2/pi) * (x + 0.044715 x^3)))",
    derivative_plain="Phi(x) + x * phi(x)",
    output_range=(-0.16997120747990366, math.inf),
    range_text="[-0.17, inf)",
    properties=P(False, False, True, "1.129 at x = 1.4142"),
    use=(HIDDEN + " (transformers)",),
    parameters=(
        Param(
            "approximate",
            "none",
            "'none' for the exact erf form, 'tanh' for the tanh approximation",
            choices=("none", "tanh"),
            boolean=("none", "tanh"),
        ),
    ),
    conventions="torch, keras.activations, TensorFlow and ONNX default to the exact form (approximate='none' / "
    "False); jax.nn.gelu (and keras.ops.gelu) to approximate=True, the tanh form. Hugging Face's gelu and "
    "gelu_python are the exact form; gelu_new, gelu_fast, gelu_pytorch_tanh, gelu_python_tanh and "
    "gelu_accurate the tanh form (gelu_fast writes sqrt(2/pi) as 0.7978845608, 4e-12 relative off; actplot "
    "uses sqrt(2/pi)).",
    compat={"jax": {"approximate": "tanh"}},
    names={
        "torch": "gelu",
        "torch_module": "GELU",
        "jax": "gelu (approximate=True by default)",
        "keras": "gelu",
        "tf": "gelu",
        "onnx": "Gelu (opset 20)",
        "hf": "gelu, gelu_python, gelu_new, gelu_fast, gelu_pytorch_tanh, gelu_python_tanh, gelu_accurate",
    },
    presets={
        "gelu_python": {"approximate": "none"},
        **{alias: {"approximate": "tanh"} for alias in _HF_TANH_GELU},
    },
    source="Hendrycks & Gimpel 2016, 'Gaussian Error Linear Units (GELUs)', arXiv:1606.08415",
)

QUICK_GELU = Activation(
    name="quick_gelu",
    measured_ulp=(2.12, 2.42),
    summary="The sigmoid approximation of GELU, x * sigmoid(1.702 x) (CLIP; HF's quick_gelu).",
    function=quick_gelu,
    derivative=d_quick_gelu,
    exact=exact_quick_gelu,
    exact_derivative=exact_d_quick_gelu,
    latex=r"h(x) = x\,\sigma(1.702\,x)",
    plain="h(x) = x / (1 + exp(-1.702 x))",
    derivative_plain="s(1 + v(1 - s)),  v = 1.702 x, s = sigmoid(v)",
    output_range=(-0.16361018963635358, math.inf),
    range_text="[-0.164, inf)",
    properties=P(False, False, True, "1.0998 at x = 1.4097"),
    use=(HIDDEN + " (CLIP and its descendants)",),
    names={"hf": "quick_gelu"},
    source="Hendrycks & Gimpel 2016, arXiv:1606.08415 (the sigmoid approximation x sigmoid(1.702x)); "
    "Hugging Face's QuickGELUActivation",
)

GELU_10 = Activation(
    name="gelu_10",
    measured_ulp=(1.7, 1.92),
    kinks=lambda **params: (_GELU_CLIP,),
    kink_default="left",
    mathtext=r"h(x) = \min(x\,\Phi(x), 10)",
    summary="Exact GELU clipped to [-10, 10] (HF's gelu_10, for quantised models).",
    function=gelu_10,
    derivative=d_gelu_10,
    exact=exact_gelu_10,
    exact_derivative=exact_d_gelu_10,
    latex=r"h(x) = \min\left(\max\left(x\,\Phi(x), -10\right), 10\right)",
    plain="h(x) = clip(x * Phi(x), -10, 10)",
    derivative_plain="Phi(x) + x * phi(x) where x * Phi(x) < 10, else 0",
    output_range=(-0.16997120747990366, 10.0),
    range_text="[-0.17, 10]",
    properties=P(False, False, False, "1.129 at x = 1.4142"),
    use=(HIDDEN + " (quantised transformers)",),
    names={"hf": "gelu_10"},
    conventions="Hugging Face's ClippedGELUActivation(min=-10, max=10) clips the exact (erf) GELU. The clip "
    "starts where x Phi(x) = 10, at 10 + 7.6e-23, between 10 and the next double: gelu_10(10) is "
    "gelu(10) = 10 - 7.6e-23 (10 in double), and the derivative there is gelu'(10), as torch's autograd gives.",
    source="Hugging Face's ClippedGELUActivation, after Bondarenko et al. 2021, 'Understanding and Overcoming "
    "the Challenges of Efficient Transformer Quantization', arXiv:2109.12948",
)

LAPLACE = Activation(
    name="laplace",
    measured_ulp=(1.72, 1.94),
    mathtext=r"h(x) = \Phi\left(\frac{x - 0.707107}{0.282095}\right)",
    summary="Hugging Face's Laplace activation (MEGA): the normal CDF of (x - 0.707107)/0.282095.",
    function=laplace,
    derivative=d_laplace,
    exact=exact_laplace,
    exact_derivative=exact_d_laplace,
    latex=r"h(x) = \frac{1}{2}\left(1 + \mathrm{erf}\frac{x - \mu}{\sigma\sqrt{2}}\right),"
    r"\ \mu = 0.707107,\ \sigma = 0.282095",
    plain="h(x) = (1 + erf((x - mu) / (sigma * sqrt(2)))) / 2,  mu = 0.707107, sigma = 0.282095",
    derivative_plain="exp(-u^2/2) / (sigma * sqrt(2 pi)),  u = (x - mu) / sigma",
    output_range=(0.0, 1.0),
    range_text="(0, 1)",
    properties=P(True, False, True, "1.4142 at x = 0.707107"),
    use=("attention (MEGA), in place of squared ReLU",),
    names={"hf": "laplace"},
    conventions="Hugging Face's LaplaceActivation with its literal constants mu = 0.707107 and sigma = 0.282095 "
    "(roundings of 1/sqrt(2) and 1/(2 sqrt(pi))); the exact function of those decimals is what is rounded.",
    source="Ma et al. 2022, 'Mega: Moving Average Equipped Gated Attention', arXiv:2209.10655; Hugging Face's "
    "LaplaceActivation",
)

RECORDS = (GELU, QUICK_GELU, GELU_10, LAPLACE)
