"""Thresholds: pass the input where it exceeds a threshold, replace it otherwise."""

from __future__ import annotations

import math

import numpy as np

from actplot.functions._base import HIDDEN, Activation, P, Param, indicator, mp

FAMILY = "thresholds"


def threshold(x: np.ndarray, threshold: float = 0.0, value: float = 0.0) -> np.ndarray:
    r"""PyTorch's Threshold: the input where it exceeds ``threshold``, else ``value``.

    .. math:: h(x) = \begin{cases} x & x > \theta \\ v & x \le \theta \end{cases}

    PyTorch (and Keras) require both parameters; actplot's defaults 0, 0 make it ReLU.
    """
    return np.where(x > threshold, x, np.where(np.isnan(x), np.nan, value))


def d_threshold(x: np.ndarray, threshold: float = 0.0, value: float = 0.0) -> np.ndarray:
    return indicator(x > threshold, x)


def exact_threshold(x, threshold: float = 0.0, value: float = 0.0):
    return x if x > threshold else mp.mpf(value)


def exact_d_threshold(x, threshold: float = 0.0, value: float = 0.0):
    return mp.mpf(1) if x > threshold else mp.mpf(0)


def thresholded_relu(x: np.ndarray, theta: float = 1.0) -> np.ndarray:
    r"""The thresholded ReLU (ONNX, Keras 2): the input where it exceeds ``theta``, else 0.

    .. math:: h(x) = \begin{cases} x & x > \theta \\ 0 & x \le \theta \end{cases}
    """
    return threshold(x, threshold=theta, value=0.0)


def d_thresholded_relu(x: np.ndarray, theta: float = 1.0) -> np.ndarray:
    return d_threshold(x, threshold=theta, value=0.0)


def exact_thresholded_relu(x, theta: float = 1.0):
    return x if x > theta else mp.mpf(0)


def exact_d_thresholded_relu(x, theta: float = 1.0):
    return mp.mpf(1) if x > theta else mp.mpf(0)


THRESHOLD = Activation(
    name="threshold",
    measured_ulp=(0, 0),
    kinks=lambda threshold=0.0, value=0.0: (threshold,),
    kink_default="left",
    mathtext=r"h(x) = x \ (x > \theta), \ \ v \ (x \leq \theta)",
    summary="PyTorch's Threshold: x where x > threshold, else value.",
    function=threshold,
    derivative=d_threshold,
    exact=exact_threshold,
    exact_derivative=exact_d_threshold,
    latex=r"h(x) = \begin{cases} x & x > \theta \\ v & x \le \theta \end{cases}",
    plain="h(x) = x if x > threshold else value",
    derivative_plain="1 if x > threshold else 0",
    output_range=(-math.inf, math.inf),
    range_text="value, or (threshold, inf)",
    properties=P(True, False, False, "1"),
    use=(HIDDEN + " (rare; ReLU with a moved corner)",),
    parameters=(
        Param("threshold", 0.0, "the value x must exceed to pass"),
        Param("value", 0.0, "what replaces x at or below the threshold"),
    ),
    conventions="torch's F.threshold(x, threshold, value) and keras' threshold(x, threshold, default_value) "
    "require both parameters; actplot's defaults 0, 0 make it ReLU. A jump at the threshold unless value = "
    "threshold; monotonic only while value <= threshold.",
    names={"torch": "threshold", "torch_module": "Threshold", "keras": "threshold (threshold, default_value)"},
    source="torch.nn.Threshold",
)

THRESHOLDED_RELU = Activation(
    name="thresholded_relu",
    measured_ulp=(0, 0),
    kinks=lambda theta=1.0: (theta,),
    kink_default="left",
    mathtext=r"h(x) = x \ (x > \theta), \ \ 0 \ (x \leq \theta)",
    summary="The thresholded ReLU: x where x > theta, else 0 (ONNX, Keras 2).",
    function=thresholded_relu,
    derivative=d_thresholded_relu,
    exact=exact_thresholded_relu,
    exact_derivative=exact_d_thresholded_relu,
    latex=r"h(x) = \begin{cases} x & x > \theta \\ 0 & x \le \theta \end{cases}",
    plain="h(x) = x if x > theta else 0",
    derivative_plain="1 if x > theta else 0",
    output_range=(0.0, math.inf),
    range_text="0, or (theta, inf)",
    properties=P(True, False, False, "1"),
    use=(HIDDEN + " (sparse codes)",),
    parameters=(Param("theta", 1.0, "the value x must exceed to pass"),),
    conventions="ONNX calls theta alpha (default 1.0), Keras 2's ThresholdedReLU layer theta (1.0); Keras 3 has "
    "no layer: keras.activations.relu(x, threshold=theta) is the same function; torch: "
    "F.threshold(x, theta, 0).",
    names={
        "torch": "(threshold(x, theta, 0))",
        "keras": "ThresholdedReLU (Keras 2 layer; Keras 3: relu(threshold=theta))",
        "onnx": "ThresholdedRelu",
    },
    source="Konda, Memisevic & Krueger 2014, 'Zero-bias autoencoders and the benefits of co-adapting features', "
    "arXiv:1402.3337",
)

RECORDS = (
    THRESHOLD,
    THRESHOLDED_RELU,
)
