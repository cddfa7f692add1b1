"""Functions of a whole vector: softmax, log-softmax and softmin, along the last axis."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from actplot._exact import two_sum
from actplot.functions._base import CLASSIFICATION, Activation, P, Param, ParameterError, as_array, mp

if TYPE_CHECKING:
    from numpy.typing import ArrayLike

FAMILY = "vectors"
_TEMPERATURE = Param("temperature", 1.0, "divide the scores by T first: T > 1 flattens, T < 1 sharpens")


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
    x = np.atleast_1d(as_array(x)) / temperature
    hi, lo, first = _shift_by_max(x, axis)
    e = np.exp(hi)
    e = e + e * lo
    rest = np.sum(np.where(first, 0.0, e), axis=axis, keepdims=True)
    return hi, lo, e, rest, first


def _exact_parts(xs: list, temperature: float) -> tuple[list, list, object]:
    """Exact softmax pieces: the shifted scaled logits (x_i - max x)/T, each rounded once (exact
    where representable), the numerators e^((x_i - max x)/T) (the largest is 1) and their sum."""
    top = max(xs)
    shifted = [(x - top) / mp.mpf(temperature) for x in xs]
    e = [mp.exp(s) for s in shifted]
    return shifted, e, mp.fsum(e)


def _exact_others(e: list, i: int):
    """The sum of the numerators but the i-th: (1 - p_i) times the sum, without cancellation."""
    return mp.fsum(e[:i] + e[i + 1 :])


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


def exact_softmax(xs: list, temperature: float = 1.0) -> list:
    _, e, total = _exact_parts(xs, temperature)
    return [ei / total for ei in e]


def exact_d_softmax(xs: list, temperature: float = 1.0) -> list:
    _, e, total = _exact_parts(xs, temperature)
    return [ei * _exact_others(e, i) / total**2 / mp.mpf(temperature) for i, ei in enumerate(e)]


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


def exact_log_softmax(xs: list, temperature: float = 1.0) -> list:
    shifted, e, _ = _exact_parts(xs, temperature)
    log_total = mp.log1p(_exact_others(e, xs.index(max(xs))))  # the maximum's numerator is exactly 1
    return [s - log_total for s in shifted]


def exact_d_log_softmax(xs: list, temperature: float = 1.0) -> list:
    _, e, total = _exact_parts(xs, temperature)
    return [_exact_others(e, i) / total / mp.mpf(temperature) for i in range(len(e))]


def softmin(x: ArrayLike, axis: int = -1, temperature: float = 1.0) -> np.ndarray:
    r"""Softmin: the softmax of the negated scores; the smallest score gets the most weight.

    .. math:: \mathrm{softmin}(x)_i = \frac{e^{-x_i/T}}{\sum_j e^{-x_j/T}}
    """
    return softmax(-as_array(x), axis=axis, temperature=temperature)


def d_softmin(x: ArrayLike, axis: int = -1, temperature: float = 1.0) -> np.ndarray:
    r"""Diagonal of the Jacobian, :math:`-p_i (1 - p_i) / T` with ``p = softmin(x)``."""
    return -d_softmax(-as_array(x), axis=axis, temperature=temperature)


def exact_softmin(xs: list, temperature: float = 1.0) -> list:
    return exact_softmax([-x for x in xs], temperature)


def exact_d_softmin(xs: list, temperature: float = 1.0) -> list:
    return [-d for d in exact_d_softmax([-x for x in xs], temperature)]


SOFTMAX = Activation(
    name="softmax",
    measured_ulp=(1.9, 2.9),
    summary="Softmax: turns a vector of scores into probabilities that sum to 1.",
    function=softmax,
    derivative=d_softmax,
    exact=exact_softmax,
    exact_derivative=exact_d_softmax,
    latex=r"y_i = \frac{e^{x_i/T}}{\sum_j e^{x_j/T}}",
    plain="y_i = exp(x_i/T) / sum_j exp(x_j/T)",
    derivative_plain="diagonal of the Jacobian: y_i * (1 - y_i) / T",
    output_range=(0.0, 1.0),
    range_text="(0, 1), summing to 1",
    properties=P(True, False, True, "1/4 (diagonal)"),
    use=(CLASSIFICATION,),
    parameters=(_TEMPERATURE,),
    vector=True,
    conventions="torch needs dim=; actplot and jax use the last axis. Temperature is not a framework "
    "parameter: frameworks divide the logits first.",
    accuracy_note="measured on vectors of up to 8 entries; the sum of the exps adds up to about log2(n) ulp "
    "for long ones; with a temperature other than 1 (or a power of 2) x/T is rounded once first",
)

LOG_SOFTMAX = Activation(
    name="log_softmax",
    measured_ulp=(1.3, 1.6),
    summary="The logarithm of softmax, computed without forming softmax (pairs with NLL loss).",
    function=log_softmax,
    derivative=d_log_softmax,
    exact=exact_log_softmax,
    exact_derivative=exact_d_log_softmax,
    latex=r"y_i = \frac{x_i}{T} - \ln\sum_j e^{x_j/T}",
    plain="y_i = x_i/T - log(sum_j exp(x_j/T))",
    derivative_plain="diagonal of the Jacobian: (1 - softmax(x)_i) / T",
    output_range=(-math.inf, 0.0),
    range_text="(-inf, 0]",
    properties=P(True, False, True, "1 (diagonal)"),
    use=(CLASSIFICATION + " (with a log-likelihood loss)",),
    parameters=(_TEMPERATURE,),
    vector=True,
    conventions="torch needs dim=; actplot and jax use the last axis.",
    accuracy_note="measured on vectors of up to 8 entries; with a temperature other than 1 (or a power of 2) "
    "x/T is rounded once first",
)

SOFTMIN = Activation(
    name="softmin",
    measured_ulp=(1.7, 3.4),
    summary="Softmin, softmax(-x): the smallest score gets the largest weight.",
    function=softmin,
    derivative=d_softmin,
    exact=exact_softmin,
    exact_derivative=exact_d_softmin,
    latex=r"y_i = \frac{e^{-x_i/T}}{\sum_j e^{-x_j/T}}",
    plain="y_i = exp(-x_i/T) / sum_j exp(-x_j/T)",
    derivative_plain="diagonal of the Jacobian: -y_i * (1 - y_i) / T",
    output_range=(0.0, 1.0),
    range_text="(0, 1), summing to 1",
    properties=P(True, False, True, "1/4 (diagonal, decreasing)"),
    use=("weighting by smallness (costs, distances)",),
    parameters=(_TEMPERATURE,),
    vector=True,
    conventions="torch only (F.softmin); jax and keras have none.",
    accuracy_note="as softmax",
)

RECORDS = (
    SOFTMAX,
    LOG_SOFTMAX,
    SOFTMIN,
)
