"""The rectified linear unit and its piecewise-linear relatives."""

from __future__ import annotations

import math

import numpy as np

from actplot.functions._base import HIDDEN, Activation, P, Param, indicator, mp

FAMILY = "ReLU and its piecewise relatives"
_ONNX_SLOPE = float(np.float32(0.01))  # LeakyRelu's alpha attribute


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


def prelu(x: np.ndarray, weight: float = 0.25) -> np.ndarray:
    r"""The parametric ReLU as evaluated: the learned slope ``weight`` for negative inputs.

    .. math:: \mathrm{PReLU}(x) = \begin{cases} x & x \ge 0 \\ a x & x < 0 \end{cases}

    ``weight`` defaults to 0.25, PyTorch's initial value (Keras initialises it to 0).
    """
    return leaky_relu(x, alpha=weight)


def d_prelu(x: np.ndarray, weight: float = 0.25) -> np.ndarray:
    return d_leaky_relu(x, alpha=weight)


def exact_prelu(x, weight: float = 0.25):
    return x if x >= 0 else mp.mpf(weight) * x


def exact_d_prelu(x, weight: float = 0.25):
    return mp.mpf(1) if x > 0 else mp.mpf(weight)


def _rrelu_slope(lower: float, upper: float) -> float:
    """(lower + upper)/2, halved first where the sum would overflow."""
    total = lower + upper
    return total / 2 if math.isfinite(total) else lower / 2 + upper / 2


def rrelu(x: np.ndarray, lower: float = 1 / 8, upper: float = 1 / 3) -> np.ndarray:
    r"""The randomized leaky ReLU in evaluation mode: the slope is the mean of its range.

    .. math:: \mathrm{RReLU}(x) = \begin{cases} x & x \ge 0 \\ \frac{l + u}{2} x & x < 0 \end{cases}

    In training the slope is drawn from U(lower, upper) for each element: random, so not computed here.
    """
    total = lower + upper
    if not math.isfinite(total):  # both near the largest double: halve them first
        return leaky_relu(x, alpha=lower / 2 + upper / 2)
    if abs(total) >= 1:  # halving the sum is exact
        return leaky_relu(x, alpha=total / 2)
    # a small or subnormal slope: (l + u) x, then halved, so that the halving loses no digits
    with np.errstate(over="ignore", invalid="ignore"):
        return np.where(x >= 0, x, np.where(np.isinf(x) & (total == 0), 0.0, total * x) / 2)


def d_rrelu(x: np.ndarray, lower: float = 1 / 8, upper: float = 1 / 3) -> np.ndarray:
    return d_leaky_relu(x, alpha=_rrelu_slope(lower, upper))


def exact_rrelu(x, lower: float = 1 / 8, upper: float = 1 / 3):
    return x if x >= 0 else (mp.mpf(lower) + mp.mpf(upper)) * x / 2


def exact_d_rrelu(x, lower: float = 1 / 8, upper: float = 1 / 3):
    return mp.mpf(1) if x > 0 else (mp.mpf(lower) + mp.mpf(upper)) / 2


def squared_relu(x: np.ndarray) -> np.ndarray:
    r"""The square of ReLU (Primer; Hugging Face's ``relu2``).

    .. math:: h(x) = \max(0, x)^2
    """
    r = relu(x)
    with np.errstate(over="ignore"):  # beyond 1.34e154 the square is inf, correctly rounded
        return r * r


def d_squared_relu(x: np.ndarray) -> np.ndarray:
    with np.errstate(over="ignore"):
        return 2.0 * relu(x)


def exact_squared_relu(x):
    return x * x if x > 0 else mp.mpf(0)


def exact_d_squared_relu(x):
    return 2 * x if x > 0 else mp.mpf(0)


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
    names={
        "torch": "relu",
        "torch_module": "ReLU",
        "jax": "relu",
        "keras": "relu",
        "tf": "relu",
        "onnx": "Relu",
        "hf": "relu",
    },
    source="Nair & Hinton 2010, 'Rectified Linear Units Improve Restricted Boltzmann Machines'; "
    "Glorot, Bordes & Bengio 2011",
    kink_default="left",
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
    conventions="slope 0.01 in torch (negative_slope), jax, HF and ONNX (a float32 attribute, "
    "0.009999999776482582); keras.activations.leaky_relu and tf.nn.leaky_relu use 0.2, the LeakyReLU layer "
    "of Keras 2 and 3 0.3 (--compat keras2). The derivative at 0: the slope in torch and TensorFlow, 1 in jax.",
    compat={"keras": {"alpha": 0.2}, "keras2": {"alpha": 0.3}, "tf": {"alpha": 0.2}, "onnx": {"alpha": _ONNX_SLOPE}},
    accuracy_note="one rounding of alpha * x",
    names={
        "torch": "leaky_relu",
        "torch_module": "LeakyReLU",
        "jax": "leaky_relu",
        "keras": "leaky_relu (layer LeakyReLU, slope 0.3)",
        "tf": "leaky_relu",
        "onnx": "LeakyRelu",
        "hf": "leaky_relu",
    },
    source="Maas, Hannun & Ng 2013, 'Rectifier Nonlinearities Improve Neural Network Acoustic Models'",
    kink_default="left",
    kink_rule={"jax": "right", "keras": "right"},
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
    names={
        "torch": "relu6",
        "torch_module": "ReLU6",
        "jax": "relu6",
        "keras": "relu6",
        "tf": "relu6",
        "onnx": "(Clip, min 0, max 6)",
        "hf": "relu6",
    },
    source="Krizhevsky 2010, 'Convolutional Deep Belief Networks on CIFAR-10'",
    kink_default="outer",
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
    conventions="jax.nn.hard_tanh and keras' hard_tanh clip to [-1, 1] with no parameters. The derivative at "
    "the bounds: 0 in torch, 1 in jax and TensorFlow (tf.clip_by_value); beware that torch.clamp gives 1 there "
    "and jnp.clip 1/2.",
    names={
        "torch": "hardtanh",
        "torch_module": "Hardtanh",
        "jax": "hard_tanh",
        "keras": "hard_tanh",
        "onnx": "(Clip, min -1, max 1)",
    },
    source="Collobert 2004 (thesis, 'Large Scale Machine Learning'); torch's Hardtanh",
    kink_default="outer",
    kink_rule={"jax": "inner", "keras": "inner", "tf": "inner"},
)

PRELU = Activation(
    name="prelu",
    measured_ulp=(0.5, 0),
    kinks=lambda weight=0.25: (0.0,),
    mathtext=r"h(x) = x \ (x \geq 0), \ \ a x \ (x < 0)",
    summary="The parametric ReLU as evaluated: a learned slope for negative inputs (0.25 as initialised).",
    function=prelu,
    derivative=d_prelu,
    exact=exact_prelu,
    exact_derivative=exact_d_prelu,
    latex=r"h(x) = \begin{cases} x & x \ge 0 \\ a x & x < 0 \end{cases}",
    plain="h(x) = x if x >= 0 else weight * x",
    derivative_plain="1 if x > 0 else weight (the slope at 0, as torch)",
    output_range=(-math.inf, math.inf),
    range_text="(-inf, inf)",
    properties=P(True, False, False, "max(1, weight)"),
    use=(HIDDEN + " (the slope is learned)",),
    parameters=(Param("weight", 0.25, "the learned slope for x < 0, at its initial value"),),
    conventions="torch's PReLU (and HF's prelu) starts from slope 0.25; Keras's PReLU layer from 0 "
    "(alpha_initializer='zeros'), and its derivative at 0 is 0 for any slope (relu(x) - alpha relu(-x)); "
    "ONNX's PRelu takes the slope as an input. One slope here (torch's num_parameters=1).",
    compat={"keras": {"weight": 0.0}, "keras2": {"weight": 0.0}, "tf": {"weight": 0.0}},
    names={
        "torch": "prelu",
        "torch_module": "PReLU",
        "keras": "PReLU (layer)",
        "onnx": "PRelu",
        "hf": "prelu",
    },
    source="He, Zhang, Ren & Sun 2015, 'Delving Deep into Rectifiers', arXiv:1502.01852",
    kink_default="left",
    kink_rule={"keras": "zero", "keras2": "zero", "tf": "zero"},
)

RRELU = Activation(
    name="rrelu",
    measured_ulp=(0.93, 0.5),
    kinks=lambda lower=1 / 8, upper=1 / 3: (0.0,),
    mathtext=r"h(x) = x \ (x \geq 0), \ \ \frac{l + u}{2} x \ (x < 0)",
    summary="The randomized leaky ReLU as evaluated: slope (lower + upper)/2 for negative inputs.",
    function=rrelu,
    derivative=d_rrelu,
    exact=exact_rrelu,
    exact_derivative=exact_d_rrelu,
    latex=r"h(x) = \begin{cases} x & x \ge 0 \\ \frac{l + u}{2} x & x < 0 \end{cases}",
    plain="h(x) = x if x >= 0 else (lower + upper)/2 * x",
    derivative_plain="1 if x > 0 else (lower + upper)/2",
    output_range=(-math.inf, math.inf),
    range_text="(-inf, inf)",
    properties=P(True, False, False, "1"),
    use=(HIDDEN + " (random slopes in training)",),
    parameters=(
        Param("lower", 1 / 8, "lower end of the random slope's range", shown="1/8", at_most="upper"),
        Param("upper", 1 / 3, "upper end of the random slope's range", shown="1/3"),
    ),
    conventions="evaluation mode (torch's F.rrelu default, training=False). In training each element's slope "
    "is drawn from U(lower, upper): a random function, not computed here; a freshly built nn.RReLU module is "
    "in training mode.",
    names={"torch": "rrelu", "torch_module": "RReLU"},
    source="Xu, Wang, Chen & Li 2015, 'Empirical Evaluation of Rectified Activations in Convolutional Network', "
    "arXiv:1505.00853",
    kink_default="left",
)

SQUARED_RELU = Activation(
    name="squared_relu",
    measured_ulp=(0.5, 0),
    kinks=lambda **params: (0.0,),
    summary="ReLU squared (Primer; Hugging Face's relu2).",
    function=squared_relu,
    derivative=d_squared_relu,
    exact=exact_squared_relu,
    exact_derivative=exact_d_squared_relu,
    latex=r"h(x) = \max(0, x)^2",
    plain="h(x) = max(0, x)^2",
    derivative_plain="2 * max(0, x)",
    output_range=(0.0, math.inf),
    range_text="[0, inf)",
    properties=P(True, False, False, "unbounded (2x)"),
    use=(HIDDEN + " (transformer feed-forward layers)",),
    aliases=("relu_squared",),
    names={"hf": "relu2"},
    source="So et al. 2021, 'Primer: Searching for Efficient Transformers for Language Modeling', arXiv:2109.08668",
)

RECORDS = (
    RELU,
    LEAKY_RELU,
    RELU6,
    HARD_TANH,
    PRELU,
    RRELU,
    SQUARED_RELU,
)
