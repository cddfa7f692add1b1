"""The activation functions and their derivatives: pure math on numpy arrays.

Every function takes an array of any shape (or a number) and returns a float64 array of the
same shape. Definitions and defaults follow PyTorch's ``torch.nn.functional``; the results are
the exact values rounded to a few ulp, including where the textbook formula overflows or
cancels. Each trick is named where it is used; the shared ones live in ``_exact``.
"""

from __future__ import annotations

import math
from decimal import Decimal
from typing import TYPE_CHECKING

import numpy as np

from actplot._exact import (
    dd_add,
    dd_constant,
    dd_div,
    dd_mul,
    exp_neg_half_square,
    half_erfc_scaled,
    times_exp,
    two_prod,
    two_sum,
)

if TYPE_CHECKING:  # numpy.typing costs 7 ms to import; annotations are strings here
    from numpy.typing import ArrayLike

_MAX = np.finfo(np.float64).max


class ParameterError(ValueError):
    """A parameter value outside the function's domain."""

    def __init__(self, name: str, reason: str, value: float) -> None:
        self.name = name
        self.reason = reason
        self.value = value
        super().__init__(f"{name} {reason}, not {value!r}")


def _array(x: ArrayLike) -> np.ndarray:
    return np.asarray(x, dtype=np.float64)


def _indicator(condition: np.ndarray, x: np.ndarray) -> np.ndarray:
    """1.0 where ``condition`` holds, else 0.0, and NaN where ``x`` is NaN."""
    return np.where(np.isnan(x), np.nan, np.where(condition, 1.0, 0.0))


_TAIL = 1000.0  # beyond ±_TAIL every sigmoid-gated function has reached its limit in double


# --- the article's functions -------------------------------------------------------------


def identity(x: ArrayLike) -> np.ndarray:
    r"""The identity, for regression outputs.

    .. math:: h(x) = x

    >>> identity([-1.5, 2.0])
    array([-1.5,  2. ])
    """
    return np.array(x, dtype=np.float64)


def d_identity(x: ArrayLike) -> np.ndarray:
    x = _array(x)
    return _indicator(True, x)


def step(x: ArrayLike) -> np.ndarray:
    r"""The step function of the perceptron: 1 for positive inputs, else 0.

    .. math:: h(x) = \begin{cases} 1 & x > 0 \\ 0 & x \le 0 \end{cases}

    >>> step([-1.0, 0.0, 2.0])
    array([0., 0., 1.])
    """
    x = _array(x)
    return _indicator(x > 0, x)


def d_step(x: ArrayLike) -> np.ndarray:
    x = _array(x)
    return _indicator(False, x)


def sigmoid(x: ArrayLike) -> np.ndarray:
    r"""The logistic sigmoid.

    .. math:: \sigma(x) = \frac{1}{1 + e^{-x}}

    >>> sigmoid([-1000.0, 0.0, 745.0])
    array([0. , 0.5, 1. ])
    """
    x = _array(x)
    # exp of -|x| never overflows; e/(1+e) for x < 0 keeps the tail's relative precision.
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0, e) / (1.0 + e)


def d_sigmoid(x: ArrayLike) -> np.ndarray:
    r""":math:`\sigma'(x) = \sigma(x)\,\sigma(-x) = e^{-|x|} / (1 + e^{-|x|})^2` (no ``1 - σ`` cancellation)."""
    x = _array(x)
    e = np.exp(-np.abs(x))
    d = 1.0 + e
    return e / d / d


def relu(x: ArrayLike) -> np.ndarray:
    r"""The rectified linear unit.

    .. math:: \mathrm{ReLU}(x) = \max(0, x)

    >>> relu([-2.0, 0.0, 3.0])
    array([0., 0., 3.])
    """
    # + 0.0 turns relu(-0.0) into +0.0; np.maximum keeps NaN.
    return np.maximum(_array(x), 0.0) + 0.0


def d_relu(x: ArrayLike) -> np.ndarray:
    x = _array(x)
    return _indicator(x > 0, x)


def _shift_by_max(x: np.ndarray, axis: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``x - max(x)`` along ``axis`` as ``hi + lo`` (exact), and where the first maximum is.

    Rows with a +inf take their limit: a single +inf gets everything, several are NaN (no
    limit); a row of only -inf is NaN. NaN anywhere makes the row NaN.
    """
    top = np.max(x, axis=axis, keepdims=True)
    positive_inf = x == np.inf
    count = np.sum(positive_inf, axis=axis, keepdims=True)
    x = np.where(count == 1, np.where(positive_inf, 0.0, -np.inf), x)
    undefined = (count > 1) | (top == -np.inf)
    x = np.where(undefined, np.nan, x)
    top = np.where(count == 1, 0.0, np.where(undefined, np.nan, top))
    hi, lo = two_sum(x, -top)
    first = np.zeros(x.shape, dtype=bool)
    np.put_along_axis(first, np.argmax(hi, axis=axis, keepdims=True), True, axis=axis)
    return hi, lo, first


def _softmax_parts(
    x: ArrayLike, axis: int, temperature: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The pieces softmax and its relatives share: shifted logits, their exps, the sum of the
    non-maximal exps (``rest``), and where the maximum is. The maximum's exp is exactly 1."""
    if temperature <= 0 or not math.isfinite(temperature):
        raise ParameterError("temperature", "must be a positive number", temperature)
    x = np.atleast_1d(_array(x)) / temperature
    hi, lo, first = _shift_by_max(x, axis)
    e = np.exp(hi)
    e = e + e * lo
    rest = np.sum(np.where(first, 0.0, e), axis=axis, keepdims=True)
    return hi, lo, e, rest, first


def _keep_shape(x: ArrayLike, y: np.ndarray) -> np.ndarray:
    return y.reshape(np.shape(x))


def softmax(x: ArrayLike, axis: int = -1, temperature: float = 1.0) -> np.ndarray:
    r"""Softmax: turns scores into probabilities that sum to 1 along ``axis``.

    .. math:: \mathrm{softmax}(x)_i = \frac{e^{x_i/T}}{\sum_j e^{x_j/T}}

    >>> softmax([1000.0, 1001.0, 1002.0])  # the same as softmax([0, 1, 2])
    array([0.09003057, 0.24472847, 0.66524096])
    """
    # Subtracting the maximum (exactly, as hi + lo) keeps every exp <= 1.
    _, _, e, rest, _ = _softmax_parts(x, axis, temperature)
    return _keep_shape(x, e / (1.0 + rest))


def d_softmax(x: ArrayLike, axis: int = -1, temperature: float = 1.0) -> np.ndarray:
    r"""Diagonal of the Jacobian, :math:`p_i (1 - p_i) / T`, with ``1 - p_i`` formed without cancellation."""
    _, _, e, rest, first = _softmax_parts(x, axis, temperature)
    total = 1.0 + rest
    complement = np.where(first, rest, total - e) / total
    return _keep_shape(x, e / total * complement / temperature)


def log_softmax(x: ArrayLike, axis: int = -1, temperature: float = 1.0) -> np.ndarray:
    r"""The logarithm of softmax, computed without forming softmax.

    .. math:: \log\mathrm{softmax}(x)_i = \frac{x_i}{T} - \log\sum_j e^{x_j/T}

    >>> log_softmax([1000.0, 1.0])
    array([   0., -999.])
    """
    # log(sum) = log1p(rest): the maximum contributes exactly 1.
    hi, lo, _, rest, _ = _softmax_parts(x, axis, temperature)
    return _keep_shape(x, (hi - np.log1p(rest)) + lo)


def d_log_softmax(x: ArrayLike, axis: int = -1, temperature: float = 1.0) -> np.ndarray:
    r"""Diagonal of the Jacobian, :math:`(1 - p_i) / T`."""
    _, _, e, rest, first = _softmax_parts(x, axis, temperature)
    total = 1.0 + rest
    return _keep_shape(x, np.where(first, rest, total - e) / total / temperature)


def softmin(x: ArrayLike, axis: int = -1, temperature: float = 1.0) -> np.ndarray:
    r"""Softmin: the softmax of the negated scores; the smallest score gets the most weight.

    .. math:: \mathrm{softmin}(x)_i = \frac{e^{-x_i/T}}{\sum_j e^{-x_j/T}}
    """
    return softmax(-_array(x), axis=axis, temperature=temperature)


def d_softmin(x: ArrayLike, axis: int = -1, temperature: float = 1.0) -> np.ndarray:
    r"""Diagonal of the Jacobian, :math:`-p_i (1 - p_i) / T` with ``p = softmin(x)``."""
    return -d_softmax(-_array(x), axis=axis, temperature=temperature)


# --- smooth relatives of sigmoid and ReLU ------------------------------------------------


def tanh(x: ArrayLike) -> np.ndarray:
    r"""The hyperbolic tangent, a zero-centred sigmoid.

    .. math:: \tanh(x) = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}
    """
    return np.tanh(_array(x))


def d_tanh(x: ArrayLike) -> np.ndarray:
    r""":math:`\tanh'(x) = 1/\cosh^2 x = 4 e^{-2|x|} / (1 + e^{-2|x|})^2` (no ``1 - tanh²`` cancellation)."""
    return 4.0 * d_sigmoid(2.0 * np.clip(_array(x), -_TAIL, _TAIL))


def softplus(x: ArrayLike, beta: float = 1.0) -> np.ndarray:
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
    return np.maximum(_array(x), 0.0) + (curve + slope * bx_lo) / beta


def d_softplus(x: ArrayLike, beta: float = 1.0) -> np.ndarray:
    r""":math:`\mathrm{softplus}'(x) = \sigma(\beta x)`."""
    bx, bx_lo = _scaled(x, beta)
    return _scaled_sigmoid(np.ones_like(bx), bx, bx_lo)


def _scaled(x: ArrayLike, beta: float) -> tuple[np.ndarray, np.ndarray]:
    """``beta * x`` as ``hi + lo`` (exact): a rounded product would cost ``|beta x|`` ulp in the tails."""
    if beta <= 0 or not math.isfinite(beta):
        raise ParameterError("beta", "must be a positive number", beta)
    x = _array(x)
    if beta == 1.0:
        return x, np.zeros_like(x)
    return two_prod(x, np.float64(beta))


def _scaled_sigmoid(g: np.ndarray, hi: np.ndarray, lo: np.ndarray) -> np.ndarray:
    """``g · σ(hi + lo)``, first order in ``lo`` (``σ(hi)(1 + σ(-hi) lo)``), exact also where
    ``σ(hi) ≈ e^hi`` is subnormal but the product is not."""
    hi = np.clip(hi, -_TAIL, _TAIL)
    e = np.exp(-np.abs(hi))
    d = 1.0 + e
    d_lo = e - (d - 1.0)  # what rounding 1 + e dropped (exact, as e <= 1)
    q = g / d
    with np.errstate(invalid="ignore"):  # g = ±inf: the correction is 0 · inf
        q = np.where(np.isinf(q), q, q + q * (np.where(hi >= 0, e, 1.0) / d * lo - d_lo / d))
    return np.where(hi >= 0, q, times_exp(q, np.minimum(hi, 0.0)))


def log_sigmoid(x: ArrayLike) -> np.ndarray:
    r"""The logarithm of the sigmoid, as ``-softplus(-x)``.

    .. math:: \log\sigma(x) = -\log\left(1 + e^{-x}\right)

    >>> log_sigmoid([-800.0, 800.0])
    array([-800.,   -0.])
    """
    return -softplus(-_array(x))


def d_log_sigmoid(x: ArrayLike) -> np.ndarray:
    r""":math:`(\log\sigma)'(x) = \sigma(-x)`."""
    return sigmoid(-_array(x))


def silu(x: ArrayLike) -> np.ndarray:
    r"""The sigmoid-weighted linear unit (swish with β = 1).

    .. math:: \mathrm{SiLU}(x) = x\,\sigma(x)
    """
    x = _array(x)
    # x σ(x) with σ's tail e^x applied last, so a subnormal e^x costs nothing.
    return _scaled_sigmoid(np.maximum(x, -_TAIL), x, np.zeros_like(x))


def d_silu(x: ArrayLike) -> np.ndarray:
    r""":math:`\mathrm{SiLU}'(x) = \sigma(x)\,(1 + x\,\sigma(-x))`."""
    x = np.clip(_array(x), -_TAIL, _TAIL)
    # σ(-x) = e^-|x|/(1+e^-|x|) for x >= 0 and 1/(1+e^-|x|) for x < 0.
    e = np.exp(-np.abs(x))
    bracket = 1.0 + x * np.where(x >= 0, e, 1.0) / (1.0 + e)
    return _scaled_sigmoid(bracket, x, np.zeros_like(x))


def mish(x: ArrayLike) -> np.ndarray:
    r"""Mish, a self-gated smooth ReLU.

    .. math:: \mathrm{Mish}(x) = x \tanh(\mathrm{softplus}(x))

    >>> mish([-1000.0, 1000.0])
    array([  -0., 1000.])
    """
    x = _array(x)
    # tanh(softplus(x)) = n/(n+2) with n = e^x(e^x+2); for x >= 0 in t = e^-x, 1 - 2t²/(1+2t+2t²).
    t = np.exp(-np.abs(x))
    positive = x * (1.0 - 2.0 * t * t / (1.0 + 2.0 * t + 2.0 * t * t))
    xm = np.clip(x, -_TAIL, 0.0)
    negative = times_exp(xm * (t + 2.0) / (t * (t + 2.0) + 2.0), xm)
    return np.where(x >= 0, positive, negative)


def d_mish(x: ArrayLike) -> np.ndarray:
    r""":math:`\mathrm{Mish}'(x) = \tanh(\mathrm{sp}(x)) + x\,\mathrm{sech}^2(\mathrm{sp}(x))\,\sigma(x)`."""
    x = np.clip(_array(x), -_TAIL, _TAIL)
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
        return _gelu_tanh(_array(x))
    _check_approximate(approximate)
    x = _array(x)
    # x Φ(x) = x - tΦ(-t) for x >= 0 and -tΦ(-t) for x < 0, t = |x|; Φ(-t) = erfc(t/√2)/2.
    t = np.nan_to_num(np.minimum(np.abs(x), _GELU_TAIL))
    tail = half_erfc_scaled(t, t)
    return np.where(np.isnan(x), np.nan, np.where(x >= 0, x - tail, -tail))


def d_gelu(x: ArrayLike, approximate: str = "none") -> np.ndarray:
    r""":math:`\mathrm{GELU}'(x) = \Phi(x) + x\,\varphi(x)`, :math:`\varphi(x) = e^{-x^2/2}/\sqrt{2\pi}`."""
    if approximate == "tanh":
        return _d_gelu_tanh(_array(x))
    _check_approximate(approximate)
    x = _array(x)
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
    return _scaled_sigmoid(np.maximum(x, -_GELU_TAIL), v_hi, v_lo)


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
    return _scaled_sigmoid(bracket_hi + (bracket_lo + term_lo), v_hi, v_lo)


# --- piecewise-linear relatives -----------------------------------------------------------


def leaky_relu(x: ArrayLike, alpha: float = 0.01) -> np.ndarray:
    r"""ReLU with a small slope ``alpha`` for negative inputs (PyTorch's ``negative_slope``).

    .. math:: \mathrm{LeakyReLU}(x) = \begin{cases} x & x \ge 0 \\ \alpha x & x < 0 \end{cases}
    """
    x = _array(x)
    with np.errstate(over="ignore", invalid="ignore"):
        # 0 · -inf is NaN; the limit of a zero slope is 0.
        negative = np.where(np.isinf(x) & (alpha == 0), 0.0, alpha * x)
    return np.where(x >= 0, x, negative)


def d_leaky_relu(x: ArrayLike, alpha: float = 0.01) -> np.ndarray:
    x = _array(x)
    return np.where(np.isnan(x), np.nan, np.where(x > 0, 1.0, alpha))


def elu(x: ArrayLike, alpha: float = 1.0) -> np.ndarray:
    r"""The exponential linear unit.

    .. math:: \mathrm{ELU}(x) = \begin{cases} x & x > 0 \\ \alpha (e^{x} - 1) & x \le 0 \end{cases}

    >>> elu([-1e-300, -1000.0])
    array([-1.e-300, -1.e+000])
    """
    x = _array(x)
    # expm1 keeps tiny inputs exact; the min() keeps the unused branch from overflowing.
    return np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0.0)))


def d_elu(x: ArrayLike, alpha: float = 1.0) -> np.ndarray:
    x = _array(x)
    return np.where(x > 0, 1.0, alpha * np.exp(np.minimum(x, 0.0)))


_SELU_ALPHA_TEXT = "1.6732632423543772848170429916717"
_SELU_SCALE_TEXT = "1.0507009873554804934193349852946"
_SELU_SCALE = float(Decimal(_SELU_SCALE_TEXT))
# scale·alpha rounded once from the decimal constants, not as a product of two rounded doubles.
_SELU_SCALE_ALPHA = float(Decimal(_SELU_ALPHA_TEXT) * Decimal(_SELU_SCALE_TEXT))


def selu(x: ArrayLike) -> np.ndarray:
    r"""The scaled exponential linear unit, self-normalising with PyTorch's constants.

    .. math:: \mathrm{SELU}(x) = \lambda \begin{cases} x & x > 0 \\ \alpha (e^{x} - 1) & x \le 0 \end{cases}

    with :math:`\alpha = 1.6732632423543772848170429916717`, :math:`\lambda = 1.0507009873554804934193349852946`.
    """
    x = _array(x)
    with np.errstate(over="ignore"):  # λx beyond the largest double is inf, correctly rounded
        positive = _SELU_SCALE * x
    return np.where(x > 0, positive, _SELU_SCALE_ALPHA * np.expm1(np.minimum(x, 0.0)))


def d_selu(x: ArrayLike) -> np.ndarray:
    x = _array(x)
    return np.where(x > 0, _SELU_SCALE, _SELU_SCALE_ALPHA * np.exp(np.minimum(x, 0.0)))


def celu(x: ArrayLike, alpha: float = 1.0) -> np.ndarray:
    r"""The continuously differentiable exponential linear unit.

    .. math:: \mathrm{CELU}(x) = \max(0, x) + \min\left(0, \alpha (e^{x/\alpha} - 1)\right)
    """
    if alpha == 0 or not math.isfinite(alpha):
        raise ParameterError("alpha", "must be a non-zero number", alpha)
    x = _array(x)
    return np.where(x > 0, x, alpha * np.expm1(np.minimum(x / alpha, 0.0)))


def d_celu(x: ArrayLike, alpha: float = 1.0) -> np.ndarray:
    x = _array(x)
    return np.where(x > 0, 1.0, np.exp(np.minimum(x / alpha, 0.0)))


def relu6(x: ArrayLike) -> np.ndarray:
    r"""ReLU capped at 6.

    .. math:: \mathrm{ReLU6}(x) = \min(\max(0, x), 6)
    """
    return np.clip(_array(x), 0.0, 6.0) + 0.0


def d_relu6(x: ArrayLike) -> np.ndarray:
    x = _array(x)
    return _indicator((x > 0) & (x < 6), x)


_ONE_SIXTH = 1.0 / 6.0


def hard_sigmoid(x: ArrayLike, slope: float = _ONE_SIXTH) -> np.ndarray:
    r"""A piecewise-linear sigmoid: PyTorch's ``relu6(x + 3) / 6``.

    .. math:: \mathrm{hard\_sigmoid}(x) = \min\left(\max\left(0, \tfrac{x}{6} + \tfrac{1}{2}\right), 1\right)

    ``slope`` replaces 1/6; Keras 2 used 0.2 (``--compat keras2``).
    """
    x = _array(x)
    if slope == _ONE_SIXTH:
        return np.clip((x + 3.0) / 6.0, 0.0, 1.0) + 0.0
    if slope <= 0 or not math.isfinite(slope):
        raise ParameterError("slope", "must be a positive number", slope)
    # slope·x + 1/2 with the product exact: near the lower corner the sum cancels.
    p, err = two_prod(x, np.float64(slope))
    return np.clip((p + 0.5) + err, 0.0, 1.0) + 0.0


def d_hard_sigmoid(x: ArrayLike, slope: float = _ONE_SIXTH) -> np.ndarray:
    x = _array(x)
    corner = 3.0 if slope == _ONE_SIXTH else 0.5 / slope
    return np.where(np.isnan(x), np.nan, np.where(np.abs(x) < corner, slope, 0.0))


def hard_swish(x: ArrayLike) -> np.ndarray:
    r"""A piecewise-quadratic SiLU, as in MobileNetV3.

    .. math:: \mathrm{hard\_swish}(x) = x\,\frac{\mathrm{ReLU6}(x + 3)}{6}
    """
    x = _array(x)
    xc = np.clip(x, -3.0, 3.0)
    return np.where(x <= -3, 0.0, np.where(x >= 3, x, xc * (xc + 3.0) / 6.0))


def d_hard_swish(x: ArrayLike) -> np.ndarray:
    x = _array(x)
    xc = np.clip(x, -3.0, 3.0)
    return np.where(x < -3, 0.0, np.where(x > 3, 1.0, (2.0 * xc + 3.0) / 6.0))


def hard_tanh(x: ArrayLike, min_val: float = -1.0, max_val: float = 1.0) -> np.ndarray:
    r"""``x`` clipped to ``[min_val, max_val]``.

    .. math:: \mathrm{hard\_tanh}(x) = \min(\max(x, a), b)
    """
    if not min_val < max_val:
        raise ParameterError("min_val", f"must be less than max_val ({max_val!r})", min_val)
    return np.clip(_array(x), min_val, max_val)


def d_hard_tanh(x: ArrayLike, min_val: float = -1.0, max_val: float = 1.0) -> np.ndarray:
    x = _array(x)
    return _indicator((x > min_val) & (x < max_val), x)


def softsign(x: ArrayLike) -> np.ndarray:
    r"""A sigmoid-shaped function that approaches ±1 polynomially.

    .. math:: \mathrm{softsign}(x) = \frac{x}{1 + |x|}
    """
    # ±inf clipped to ±max gives max/max = ±1, the limit, instead of inf/inf.
    x = np.clip(_array(x), -_MAX, _MAX)
    return x / (1.0 + np.abs(x))


def d_softsign(x: ArrayLike) -> np.ndarray:
    r""":math:`\mathrm{softsign}'(x) = 1 / (1 + |x|)^2`."""
    r = 1.0 / (1.0 + np.abs(_array(x)))
    return r * r


swish = silu
logistic = sigmoid
linear = identity
heaviside = step
