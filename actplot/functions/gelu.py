"""The Gaussian error linear unit, exact (erf) and in its tanh approximation."""

from __future__ import annotations

import math

import numpy as np

from actplot._exact import (
    dd_add,
    dd_constant,
    dd_mul,
    dd_quotient_dd,
    exp_scaled,
    finite_two_prod,
    finite_two_sum,
    two_sum,
)
from actplot._normal import mills, times_gaussian
from actplot._roots import GELU_ROOT, GELU_TANH_ROOT, near_root
from actplot.functions._base import HIDDEN, Activation, P, Param, mp
from actplot.functions.sigmoid import exact_sigmoid, scaled_sigmoid

FAMILY = "GELU"


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
    density, density_lo = finite_two_prod(t, np.float64(_ONE_OVER_SQRT_2PI[0]))
    m, m_lo = mills(t)
    b, b_lo = finite_two_sum(m, -density)
    bracket = times_gaussian(b, b_lo + (m_lo - density_lo - t * _ONE_OVER_SQRT_2PI[1]), t)
    # 1 - bracket for x >= 0 and bracket below, as positive ± bracket (cheaper than a where).
    positive = (x >= 0).astype(np.float64)
    y = positive + (1.0 - 2.0 * positive) * bracket
    y[np.flatnonzero(np.isnan(x))] = np.nan
    return near_root(y, x, GELU_ROOT)


_SQRT_2_OVER_PI = dd_constant("0.79788456080286535587989211986876373695171726232986")


_GELU_CUBIC = dd_constant("0.044715")


_GELU_CUBIC_SLOPE = dd_constant("0.134145")  # 3 · 0.044715, the x² coefficient of u'(x)/√(2/π)


def _gelu_tanh_argument(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
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
    v_hi, v_lo = _gelu_tanh_argument(x)
    return scaled_sigmoid(np.maximum(x, -_GELU_TAIL), v_hi, v_lo)


def _d_gelu_tanh(x: np.ndarray) -> np.ndarray:
    # d/dx x σ(v) = σ(v) (1 + x v' σ(-v)),  v = 2u,  v' = 2√(2/π)(1 + 3·0.044715 x²). With
    # t = e^-|v|: (1 + t + x v' t)/(1 + t)² for v >= 0, and e^v (1 + t + x v')/(1 + t)² for v < 0,
    # whose bracket vanishes only at the root (the series takes over there); all in double-double.
    v_hi, v_lo = _gelu_tanh_argument(x)
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
    y = np.where(positive, g_hi + g_lo, g_hi * t + (g_lo * t + g_hi * t_lo))
    deep = v_hi < -708.0  # e^v subnormal
    if np.any(deep):
        y[deep] = exp_scaled(g_hi[deep] + g_lo[deep], v_hi[deep], v_lo[deep])
    return near_root(y, x, GELU_TANH_ROOT)


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
    output_range=(-0.16997120559494479, math.inf),
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
    conventions="torch and keras default to the exact form (approximate='none' / False); "
    "jax.nn.gelu defaults to approximate=True (the tanh form).",
    compat={"jax": {"approximate": "tanh"}},
)

RECORDS = (GELU,)
