"""Functions of a whole vector, along the last axis: softmax, log-softmax and softmin, and the sparse
maps sparsemax and 1.5-entmax (most entries exactly 0)."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from actplot._exact import DD, two_prod, two_sum
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
    return softmax(-as_array(x), axis=axis, temperature=temperature)


def d_softmin(x: ArrayLike, axis: int = -1, temperature: float = 1.0) -> np.ndarray:
    r"""Diagonal of the Jacobian, :math:`-p_i (1 - p_i) / T` with ``p = softmin(x)``."""
    return -d_softmax(-as_array(x), axis=axis, temperature=temperature)


_OUTSIDE = 4.0


def _sorted_shifted(x: ArrayLike, axis: int):
    """Each row's entries minus its maximum (exact, as hi + lo), sorted in decreasing order, along
    the last axis; and the unsorted ones, to read the result back in the input's order."""
    x = np.moveaxis(np.atleast_1d(as_array(x)), axis, -1)
    hi, lo, _ = _shift_by_max(x, -1)
    # An entry more than 2 below the maximum is outside every support (entmax15's halved scores lie
    # within 1 of theirs, sparsemax's within 1): -4 stands for all of them, -inf included.
    far = hi < -_OUTSIDE
    hi, lo = np.where(far, -_OUTSIDE, hi), np.where(far, 0.0, lo)
    order = np.argsort(-hi, axis=-1, kind="stable")
    return hi, lo, np.take_along_axis(hi, order, -1), np.take_along_axis(lo, order, -1)


def _running_sum(hi: np.ndarray, lo: np.ndarray) -> DD:
    """The cumulative sums of ``hi + lo`` along the last axis, compensated: each step's rounding
    error (exact by two_sum) is carried in a second cumulative sum."""
    total = np.cumsum(hi, axis=-1)
    before = np.concatenate([np.zeros_like(total[..., :1]), total[..., :-1]], axis=-1)
    step, err = two_sum(before, hi)
    return DD(total, np.cumsum((step - total) + err + lo, axis=-1))


def _support_count(condition: np.ndarray) -> np.ndarray:
    return np.sum(condition, axis=-1, keepdims=True)


def _pick(values: DD, count: np.ndarray) -> DD:
    """Each row's entry number ``count`` (1-based) of a running quantity."""
    index = np.maximum(count, 1) - 1
    return DD(np.take_along_axis(values.hi, index, -1), np.take_along_axis(values.lo, index, -1))


def _sparsemax_threshold(x: ArrayLike, axis: int):
    """The rows shifted by their maximum (as hi + lo), the threshold tau and the support size."""
    hi, lo, s_hi, s_lo = _sorted_shifted(x, axis)
    k = np.arange(1, s_hi.shape[-1] + 1, dtype=np.float64)
    sums = _running_sum(s_hi, s_lo)
    # k is in the support while 1 + k y_(k) > sum of the k largest (Martins & Astudillo, Algorithm 1)
    margin = (DD(*two_prod(k * np.ones_like(s_hi), s_hi)) + k * s_lo + 1.0) - sums
    with np.errstate(invalid="ignore"):
        count = _support_count((margin.hi > 0) | ((margin.hi == 0) & (margin.lo > 0)))
    tau = (_pick(sums, count) - 1.0) / count.astype(np.float64)
    return hi, lo, tau, count


def sparsemax(x: ArrayLike, axis: int = -1) -> np.ndarray:
    r"""Sparsemax: the Euclidean projection of the scores onto the probability simplex.

    .. math:: \mathrm{sparsemax}(x)_i = \max(x_i - \tau, 0), \quad \sum_i \max(x_i - \tau, 0) = 1

    The threshold comes from the sorted scores (exact, no bisection); most entries are exactly 0.

    >>> sparsemax([1.0, 0.8, 0.1])
    array([0.6, 0.4, 0. ])
    """
    hi, lo, tau, _ = _sparsemax_threshold(x, axis)
    with np.errstate(invalid="ignore"):
        p = np.maximum((DD(hi, lo) - tau).value, 0.0)
    return _keep_shape(x, np.moveaxis(np.where(np.isnan(hi).any(axis=-1, keepdims=True), np.nan, p), -1, axis))


def d_sparsemax(x: ArrayLike, axis: int = -1) -> np.ndarray:
    r"""Diagonal of the Jacobian, :math:`s_i (1 - 1/|S|)`, where :math:`s_i = 1` on the support S."""
    hi, lo, tau, count = _sparsemax_threshold(x, axis)
    with np.errstate(invalid="ignore"):
        inside = (DD(hi, lo) - tau).hi > 0
    size = np.maximum(count, 1)  # a NaN row counts none: its result is NaN anyway
    diagonal = np.where(inside, (size - 1) / size, 0.0)
    return _keep_shape(x, np.moveaxis(np.where(np.isnan(hi).any(axis=-1, keepdims=True), np.nan, diagonal), -1, axis))


def _entmax15_threshold(x: ArrayLike, axis: int):
    """The rows shifted by their maximum and halved (as hi + lo), and the threshold tau."""
    hi, lo, s_hi, s_lo = _sorted_shifted(x, axis)
    hi, lo, s_hi, s_lo = hi / 2, lo / 2, s_hi / 2, s_lo / 2
    k = np.arange(1, s_hi.shape[-1] + 1, dtype=np.float64)
    sums = _running_sum(s_hi, s_lo)
    square = DD(*two_prod(s_hi, s_hi)) + 2.0 * s_hi * s_lo
    squares = _running_sum(square.hi, square.lo)
    mean = sums / k
    # the k largest solve sum (x_j - tau)² = 1 with tau = mean - sqrt((1 - spread)/k),
    # spread = sum (x_j - mean)² = sum x_j² - k mean²; k is in the support while tau_k <= x_(k)
    spread = squares - mean * sums
    gap = (1.0 - spread) / k
    with np.errstate(invalid="ignore"):
        root = DD(np.maximum(gap.hi, 0.0), np.where(gap.hi > 0, gap.lo, 0.0)).sqrt()
        taus = mean - root
        below = (DD(s_hi, s_lo) - taus).hi >= 0
    count = _support_count(below)
    return hi, lo, _pick(taus, count), count


def entmax15(x: ArrayLike, axis: int = -1) -> np.ndarray:
    r"""1.5-entmax: between softmax and sparsemax, sparse with a smooth support.

    .. math:: \mathrm{entmax}_{1.5}(x)_i = \max\left(\frac{x_i}{2} - \tau, 0\right)^2, \quad \sum_i (\cdot) = 1

    The threshold comes from the sorted scores (exact, no bisection); most entries are exactly 0.
    """
    hi, lo, tau, _ = _entmax15_threshold(x, axis)
    with np.errstate(invalid="ignore"):
        g = DD(hi, lo) - tau
        g = DD(np.maximum(g.hi, 0.0), np.where(g.hi > 0, g.lo, 0.0))
        p = (g * g).value
    return _keep_shape(x, np.moveaxis(np.where(np.isnan(hi).any(axis=-1, keepdims=True), np.nan, p), -1, axis))


def d_entmax15(x: ArrayLike, axis: int = -1) -> np.ndarray:
    r"""Diagonal of the Jacobian, :math:`g_i - p_i / \sum_j g_j` with :math:`g = \sqrt p`, formed as
    :math:`g_i \sum_{j \ne i} g_j / \sum_j g_j` (no cancellation)."""
    hi, lo, tau, _ = _entmax15_threshold(x, axis)
    with np.errstate(invalid="ignore"):
        g = DD(hi, lo) - tau
        g = DD(np.maximum(g.hi, 0.0), np.where(g.hi > 0, g.lo, 0.0))
    g_hi = np.where(np.isnan(g.hi), 0.0, g.hi)
    g_lo = np.where(np.isnan(g.hi), 0.0, g.lo)
    total = _running_sum(g_hi, g_lo)
    empty = total.hi[..., -1:] == 0  # a NaN row: its result is NaN anyway
    total = DD(np.where(empty, 1.0, total.hi[..., -1:]), np.where(empty, 0.0, total.lo[..., -1:]))
    others = total - DD(g_hi, g_lo)
    diagonal = (DD(g_hi, g_lo) * others / total).value
    return _keep_shape(x, np.moveaxis(np.where(np.isnan(hi).any(axis=-1, keepdims=True), np.nan, diagonal), -1, axis))


def _exact_threshold(xs: list, solve) -> object:
    """The threshold tau of sparsemax or 1.5-entmax for scores shifted by their maximum: the k
    largest form the support for the first k whose solved tau lies below the k-th."""
    ordered = sorted(xs, reverse=True)
    for k in range(1, len(ordered) + 1):
        tau = solve(ordered[:k])
        if k == len(ordered) or ordered[k] <= tau:
            return tau
    raise AssertionError("unreachable: the largest score alone is a support")


def _exact_shifted(xs: list) -> list | None:
    """The scores minus their maximum (a single +inf takes everything), or None for a NaN row."""
    if any(mp.isnan(x) for x in xs) or xs.count(mp.inf) > 1 or all(x == mp.ninf for x in xs):
        return None
    top = max(xs)
    if top == mp.inf:
        return [mp.mpf(0) if x == mp.inf else mp.ninf for x in xs]
    return [x - top for x in xs]


def exact_sparsemax(xs: list) -> list:
    shifted = _exact_shifted(xs)
    if shifted is None:
        return [mp.nan] * len(xs)
    tau = _exact_threshold(shifted, lambda top: (mp.fsum(top) - 1) / len(top))
    return [max(x - tau, mp.mpf(0)) for x in shifted]


def exact_d_sparsemax(xs: list) -> list:
    p = exact_sparsemax(xs)
    if any(mp.isnan(v) for v in p):
        return p
    support = sum(1 for v in p if v > 0)
    return [(1 - mp.mpf(1) / support) if v > 0 else mp.mpf(0) for v in p]


def _exact_entmax15_gates(xs: list) -> list | None:
    """sqrt(p_i) = max(x_i/2 - tau, 0), tau solving sum (x_j/2 - tau)² = 1 on the support."""
    shifted = _exact_shifted(xs)
    if shifted is None:
        return None
    halves = [x / 2 for x in shifted]

    def solve(top):
        k, s1, s2 = len(top), mp.fsum(top), mp.fsum(v * v for v in top)
        return (s1 - mp.sqrt(s1 * s1 - k * (s2 - 1))) / k

    tau = _exact_threshold(halves, solve)
    return [max(x - tau, mp.mpf(0)) for x in halves]


def exact_entmax15(xs: list) -> list:
    g = _exact_entmax15_gates(xs)
    return [mp.nan] * len(xs) if g is None else [v * v for v in g]


def exact_d_entmax15(xs: list) -> list:
    g = _exact_entmax15_gates(xs)
    if g is None:
        return [mp.nan] * len(xs)
    total = mp.fsum(g)
    return [v * (total - v) / total for v in g]


SOFTMAX = Activation(
    name="softmax",
    measured_ulp=(1.9, 2.9),
    summary="Softmax: turns a vector of scores into probabilities that sum to 1.",
    function=softmax,
    derivative=d_softmax,
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
    names={
        "torch": "softmax",
        "torch_module": "Softmax, Softmax2d (over channels)",
        "jax": "softmax",
        "keras": "softmax",
        "tf": "softmax",
        "onnx": "Softmax",
    },
    source="Bridle 1990, 'Probabilistic Interpretation of Feedforward Classification Network Outputs'",
)

LOG_SOFTMAX = Activation(
    name="log_softmax",
    measured_ulp=(1.3, 1.6),
    summary="The logarithm of softmax, computed without forming softmax (pairs with NLL loss).",
    function=log_softmax,
    derivative=d_log_softmax,
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
    names={
        "torch": "log_softmax",
        "torch_module": "LogSoftmax",
        "jax": "log_softmax",
        "keras": "log_softmax",
        "tf": "log_softmax",
        "onnx": "LogSoftmax",
    },
    source="torch.nn.functional.log_softmax (softmax: Bridle 1990)",
)

SOFTMIN = Activation(
    name="softmin",
    measured_ulp=(1.7, 3.4),
    summary="Softmin, softmax(-x): the smallest score gets the largest weight.",
    function=softmin,
    derivative=d_softmin,
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
    names={"torch": "softmin", "torch_module": "Softmin"},
    source="torch.nn.functional.softmin",
)

SPARSEMAX = Activation(
    name="sparsemax",
    measured_ulp=(0.6, 0.5),
    summary="Sparsemax: the projection of the scores onto the simplex; most probabilities exactly 0.",
    function=sparsemax,
    derivative=d_sparsemax,
    exact=exact_sparsemax,
    exact_derivative=exact_d_sparsemax,
    latex=r"y_i = \max(x_i - \tau, 0), \ \sum_i y_i = 1",
    plain="y_i = max(x_i - tau, 0), tau such that the y_i sum to 1",
    derivative_plain="diagonal of the Jacobian: 1 - 1/|S| on the support S, 0 off it",
    output_range=(0.0, 1.0),
    range_text="[0, 1], summing to 1",
    properties=P(True, False, False, "1 - 1/|S| (diagonal)"),
    use=(CLASSIFICATION + " (sparse)", "sparse attention"),
    vector=True,
    conventions="Keras 3 has keras.activations.sparsemax, wrong whenever the support holds more than one entry "
    "in keras <= 3.15.1 (keras-team/keras#23425); TensorFlow had tf.contrib.sparsemax (TF 1) and TF Addons' "
    "sparsemax; torch and jax have none (the entmax package: entmax.sparsemax).",
    names={"keras": "sparsemax", "tf": "(tfa.activations.sparsemax, TF Addons)"},
    source="Martins & Astudillo 2016, 'From Softmax to Sparsemax: A Sparse Model of Attention and Multi-Label "
    "Classification', arXiv:1602.02068",
)

ENTMAX15 = Activation(
    name="entmax15",
    measured_ulp=(0.5, 0.5),
    summary="1.5-entmax: between softmax and sparsemax, sparse but smoother than sparsemax.",
    function=entmax15,
    derivative=d_entmax15,
    exact=exact_entmax15,
    exact_derivative=exact_d_entmax15,
    latex=r"y_i = \max\left(\frac{x_i}{2} - \tau, 0\right)^2, \ \sum_i y_i = 1",
    plain="y_i = max(x_i / 2 - tau, 0)^2, tau such that the y_i sum to 1",
    derivative_plain="diagonal of the Jacobian: g_i - y_i / sum_j g_j, g = sqrt(y)",
    output_range=(0.0, 1.0),
    range_text="[0, 1], summing to 1",
    properties=P(True, False, True, "(diagonal) g_i (1 - g_i / sum g)"),
    use=(CLASSIFICATION + " (sparse)", "sparse attention and sequence-to-sequence models"),
    aliases=("entmax_15", "entmax"),
    vector=True,
    conventions="alpha-entmax with alpha = 1.5; the entmax package's entmax15 (no framework has it).",
    source="Peters, Niculae & Martins 2019, 'Sparse Sequence-to-Sequence Models', ACL 2019, arXiv:1905.05702",
)

RECORDS = (
    SOFTMAX,
    LOG_SOFTMAX,
    SOFTMIN,
    SPARSEMAX,
    ENTMAX15,
)
