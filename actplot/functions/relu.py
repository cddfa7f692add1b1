"""The rectified linear unit and its piecewise-linear relatives."""

from __future__ import annotations

import math

import numpy as np

from actplot.functions._base import HIDDEN, Activation, P, Param, indicator, mp

FAMILY = "ReLU and its piecewise-linear relatives"


def relu(x: np.ndarray) -> np.ndarray:
    r"""The rectified linear unit.

    .. math:: \mathrm{ReLU}(x) = \max(0, x)

    >>> relu([-2.0, 0.0, 3.0])
    array([0., 0., 3.])
    """
    # maximum(0, -0.0) is the first argument, +0.0; NaN propagates.
    return np.maximum(0.0, x)


def d_relu(x: np.ndarray) -> np.ndarray:
    return indicator(x > 0, x)


def exact_relu(x):
    return x if x > 0 else mp.mpf(0)


def exact_d_relu(x):
    return mp.mpf(1) if x > 0 else mp.mpf(0)


def leaky_relu(x: np.ndarray, alpha: float = 0.01) -> np.ndarray:
    r"""ReLU with a small slope ``alpha`` for negative inputs (PyTorch's ``negative_slope``).

    .. math:: \mathrm{LeakyReLU}(x) = \begin{cases} x & x \ge 0 \\ \alpha x & x < 0 \end{cases}
    """
    with np.errstate(over="ignore", invalid="ignore"):
        # 0 · -inf is NaN; the limit of a zero slope is 0.
        negative = np.where(np.isinf(x) & (alpha == 0), 0.0, alpha * x)
    return np.where(x >= 0, x, negative)


def d_leaky_relu(x: np.ndarray, alpha: float = 0.01) -> np.ndarray:
    return np.where(np.isnan(x), np.nan, np.where(x > 0, 1.0, alpha))


def exact_leaky_relu(x, alpha: float = 0.01):
    return x if x >= 0 else mp.mpf(alpha) * x


def exact_d_leaky_relu(x, alpha: float = 0.01):
    return mp.mpf(1) if x > 0 else mp.mpf(alpha)


def relu6(x: np.ndarray) -> np.ndarray:
    r"""ReLU capped at 6.

    .. math:: \mathrm{ReLU6}(x) = \min(\max(0, x), 6)
    """
    return np.clip(x, 0.0, 6.0) + 0.0  # + 0.0 turns -0.0 into +0.0


def d_relu6(x: np.ndarray) -> np.ndarray:
    return indicator((x > 0) & (x < 6), x)


def exact_relu6(x):
    return min(max(x, mp.mpf(0)), mp.mpf(6))


def exact_d_relu6(x):
    return mp.mpf(1) if 0 < x < 6 else mp.mpf(0)


def hard_tanh(x: np.ndarray, min_val: float = -1.0, max_val: float = 1.0) -> np.ndarray:
    r"""``x`` clipped to ``[min_val, max_val]``.

    .. math:: \mathrm{hard\_tanh}(x) = \min(\max(x, a), b)
    """
    return np.clip(x, min_val, max_val)


def d_hard_tanh(x: np.ndarray, min_val: float = -1.0, max_val: float = 1.0) -> np.ndarray:
    return indicator((x > min_val) & (x < max_val), x)


def exact_hard_tanh(x, min_val: float = -1.0, max_val: float = 1.0):
    return min(max(x, mp.mpf(min_val)), mp.mpf(max_val))


def exact_d_hard_tanh(x, min_val: float = -1.0, max_val: float = 1.0):
    return mp.mpf(1) if min_val < x < max_val else mp.mpf(0)


RELU = Activation(
    name="relu",
    kinks=lambda **params: (0.0,),
    mathtext=r"h(x) = \max(0, x)",
    measured_ulp=(0, 0),
    summary="The rectified linear unit: x for x > 0, else 0. The usual hidden-layer choice.",
    function=relu,
    derivative=d_relu,
    exact=exact_relu,
    exact_derivative=exact_d_relu,
    latex=r"h(x) = \begin{cases} x & x > 0 \\ 0 & x \le 0 \end{cases}",
    plain="h(x) = max(0, x)",
    derivative_plain="1 if x > 0 else 0 (relu'(0) = 0, as PyTorch)",
    output_range=(0.0, math.inf),
    range_text="[0, inf)",
    properties=P(True, False, False, "1"),
    use=(HIDDEN,),
)

LEAKY_RELU = Activation(
    name="leaky_relu",
    kinks=lambda alpha=0.01: (0.0,),
    mathtext=r"h(x) = x \ (x \geq 0), \ \ \alpha x \ (x < 0)",
    measured_ulp=(0.68, 0.12),
    summary="ReLU with a small slope for negative inputs, so no unit dies.",
    function=leaky_relu,
    derivative=d_leaky_relu,
    exact=exact_leaky_relu,
    exact_derivative=exact_d_leaky_relu,
    latex=r"h(x) = \begin{cases} x & x \ge 0 \\ \alpha x & x < 0 \end{cases}",
    plain="h(x) = x if x >= 0 else alpha * x",
    derivative_plain="1 if x > 0 else alpha",
    output_range=(-math.inf, math.inf),
    range_text="(-inf, inf)",
    properties=P(True, False, False, "1"),
    use=(HIDDEN,),
    parameters=(Param("alpha", 0.01, "slope for x < 0 (PyTorch's negative_slope)"),),
    conventions="slope 0.01 in torch (negative_slope) and jax; keras.activations.leaky_relu uses 0.2, "
    "Keras 2's LeakyReLU layer 0.3.",
    compat={"keras": {"alpha": 0.2}, "keras2": {"alpha": 0.3}},
    accuracy_note="one rounding of alpha * x",
)

RELU6 = Activation(
    name="relu6",
    kinks=lambda **params: (0.0, 6.0),
    measured_ulp=(0, 0),
    summary="ReLU capped at 6 (mobile and quantised networks).",
    function=relu6,
    derivative=d_relu6,
    exact=exact_relu6,
    exact_derivative=exact_d_relu6,
    latex=r"h(x) = \min(\max(0, x), 6)",
    plain="h(x) = min(max(0, x), 6)",
    derivative_plain="1 if 0 < x < 6 else 0",
    output_range=(0.0, 6.0),
    range_text="[0, 6]",
    properties=P(True, False, False, "1"),
    use=(HIDDEN + " (mobile networks)",),
)

HARD_TANH = Activation(
    name="hard_tanh",
    kinks=lambda min_val=-1.0, max_val=1.0: (min_val, max_val),
    measured_ulp=(0, 0),
    summary="x clipped to [min_val, max_val].",
    function=hard_tanh,
    derivative=d_hard_tanh,
    exact=exact_hard_tanh,
    exact_derivative=exact_d_hard_tanh,
    latex=r"h(x) = \min(\max(x, \mathrm{min\_val}), \mathrm{max\_val})",
    plain="h(x) = min(max(x, min_val), max_val)",
    derivative_plain="1 if min_val < x < max_val else 0",
    output_range=(-1.0, 1.0),
    range_text="[min_val, max_val]",
    properties=P(True, True, False, "1"),
    use=(HIDDEN,),
    parameters=(Param("min_val", -1.0, "lower clip value", below="max_val"), Param("max_val", 1.0, "upper clip value")),
    conventions="jax.nn.hard_tanh clips to [-1, 1] with no parameters.",
)

RECORDS = (
    RELU,
    LEAKY_RELU,
    RELU6,
    HARD_TANH,
)
