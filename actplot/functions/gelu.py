"""The Gaussian error linear unit, exact (erf) and in its tanh approximation."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from actplot._exact import dd_constant, dd_mul, exp_neg_half_square, half_erfc_scaled, two_prod, two_sum
from actplot.functions._base import HIDDEN, ROOT_NOTE, Activation, P, Param, ParameterError, as_array, mp
from actplot.functions.sigmoid import exact_sigmoid, scaled_sigmoid, sigmoid

if TYPE_CHECKING:
    from numpy.typing import ArrayLike

FAMILY = "GELU"


_GELU_TAIL = 40.0  # |x| beyond which Φ(x) is 0 or 1 in double


def gelu(x: ArrayLike, approximate: str = "none") -> np.ndarray:
    r"""The Gaussian error linear unit.

    .. math:: \mathrm{GELU}(x) = x\,\Phi(x) = \frac{x}{2}\left(1 + \mathrm{erf}\frac{x}{\sqrt 2}\right)

    With ``approximate="tanh"``:
    :math:`\frac{x}{2}\left(1 + \tanh\left(\sqrt{2/\pi}\,(x + 0.044715 x^3)\right)\right)`.
    PyTorch and Keras default to the exact form, JAX to ``approximate=True`` (tanh).

    >>> gelu([-38.0, 0.0, 1.0])
    array([-0.        ,  0.        ,  0.84134475])
    """
    if approximate == "tanh":
        return _gelu_tanh(as_array(x))
    _check_approximate(approximate)
    x = as_array(x)
    # x Φ(x) = x - tΦ(-t) for x >= 0 and -tΦ(-t) for x < 0, t = |x|; Φ(-t) = erfc(t/√2)/2.
    t = np.nan_to_num(np.minimum(np.abs(x), _GELU_TAIL))
    tail = half_erfc_scaled(t, t)
    return np.where(np.isnan(x), np.nan, np.where(x >= 0, x - tail, -tail))


def d_gelu(x: ArrayLike, approximate: str = "none") -> np.ndarray:
    r""":math:`\mathrm{GELU}'(x) = \Phi(x) + x\,\varphi(x)`, :math:`\varphi(x) = e^{-x^2/2}/\sqrt{2\pi}`."""
    if approximate == "tanh":
        return _d_gelu_tanh(as_array(x))
    _check_approximate(approximate)
    x = as_array(x)
    t = np.nan_to_num(np.minimum(np.abs(x), _GELU_TAIL))
    upper_tail = half_erfc_scaled(t, np.ones_like(t))
    density_term = exp_neg_half_square(t, t / math.sqrt(2.0 * math.pi))
    y = np.where(x >= 0, (1.0 - upper_tail) + density_term, upper_tail - density_term)
    return np.where(np.isnan(x), np.nan, y)


def _check_approximate(approximate: str) -> None:
    if approximate != "none":
        raise ParameterError("approximate", "must be 'none' or 'tanh'", approximate)


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
    # d/dx x σ(2u) = σ(2u) (1 + 2x u' σ(-2u)),  u' = √(2/π)(1 + 3·0.044715 x²).
    v_hi, v_lo = _gelu_tanh_argument(x)
    xc = np.clip(x, -_GELU_TAIL, _GELU_TAIL)
    zero = np.zeros_like(xc)
    # The bracket cancels for x < 0: form 2x·u' in double-double and add 1 with one rounding.
    sq_hi, sq_lo = dd_mul(xc, zero, xc, zero)
    cubic_hi, cubic_lo = dd_mul(sq_hi, sq_lo, *_GELU_CUBIC_SLOPE)
    one_hi, one_lo = two_sum(np.ones_like(xc), cubic_hi)
    slope_hi, slope_lo = dd_mul(one_hi, one_lo + cubic_lo, *_SQRT_2_OVER_PI)
    gate_slope = sigmoid(-v_hi)
    term_hi, term_lo = two_prod(2.0 * xc * slope_hi, gate_slope)
    term_lo = term_lo + 2.0 * xc * slope_lo * gate_slope
    bracket_hi, bracket_lo = two_sum(np.ones_like(xc), term_hi)
    return scaled_sigmoid(bracket_hi + (bracket_lo + term_lo), v_hi, v_lo)


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
    measured_ulp=(2.7, 4.0),
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
        ),
    ),
    conventions="torch and keras default to the exact form (approximate='none' / False); "
    "jax.nn.gelu defaults to approximate=True (the tanh form).",
    compat={"jax": {"approximate": "tanh"}},
    accuracy_note="both forms; " + ROOT_NOTE.format(root="-0.7518"),
)

RECORDS = (GELU,)
