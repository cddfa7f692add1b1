"""The identity and the step function: the article's regression output and the perceptron's activation."""

from __future__ import annotations

import math

import numpy as np

from actplot.functions._base import REGRESSION, Activation, P, indicator, mp

FAMILY = "linear and step"


def identity(x: np.ndarray) -> np.ndarray:
    r"""The identity, for regression outputs.

    .. math:: h(x) = x

    >>> identity([-1.5, 2.0])
    array([-1.5,  2. ])
    """
    return np.array(x, dtype=np.float64)


def d_identity(x: np.ndarray) -> np.ndarray:
    return np.where(np.isnan(x), np.nan, 1.0)


def exact_identity(x):
    return x


def exact_d_identity(x):
    return mp.mpf(1)


def step(x: np.ndarray) -> np.ndarray:
    r"""The step function of the perceptron: 1 for positive inputs, else 0.

    .. math:: h(x) = \begin{cases} 1 & x > 0 \\ 0 & x \le 0 \end{cases}

    >>> step([-1.0, 0.0, 2.0])
    array([0., 0., 1.])
    """
    return indicator(x > 0, x)


def d_step(x: np.ndarray) -> np.ndarray:
    return np.where(np.isnan(x), np.nan, 0.0)


def exact_step(x):
    return mp.mpf(1) if x > 0 else mp.mpf(0)


def exact_d_step(x):
    return mp.mpf(0)


IDENTITY = Activation(
    name="identity",
    measured_ulp=(0, 0),
    summary="The identity: the output is the input (the article's regression output).",
    function=identity,
    derivative=d_identity,
    exact=exact_identity,
    exact_derivative=exact_d_identity,
    latex=r"h(x) = x",
    plain="h(x) = x",
    derivative_plain="1",
    output_range=(-math.inf, math.inf),
    range_text="(-inf, inf)",
    properties=P(True, True, True, "1"),
    use=(REGRESSION,),
    aliases=("linear",),
    conventions="keras calls it 'linear'.",
    names={
        "torch_module": "Identity",
        "jax": "identity",
        "keras": "linear",
        "tf": "identity (tf.identity)",
        "onnx": "Identity",
        "hf": "linear",
    },
    source="classical: the output unit of linear regression (the article's regression output)",
)

STEP = Activation(
    name="step",
    kinks=lambda **params: (0.0,),
    mathtext=r"h(x) = 1 \ (x > 0), \ \ 0 \ (x \leq 0)",
    measured_ulp=(0, 0),
    summary="The step function of the perceptron: 1 for x > 0, else 0.",
    function=step,
    derivative=d_step,
    exact=exact_step,
    exact_derivative=exact_d_step,
    latex=r"h(x) = \begin{cases} 1 & x > 0 \\ 0 & x \le 0 \end{cases}",
    plain="h(x) = 1 if x > 0 else 0",
    derivative_plain="0 (undefined at 0; taken as 0)",
    output_range=(0.0, 1.0),
    range_text="{0, 1}",
    properties=P(True, False, False, "0 (a jump at x = 0)"),
    use=("perceptrons (historical)",),
    aliases=("heaviside",),
    conventions="torch.heaviside(x, values) needs the value at 0; actplot takes 0 (x > 0), as textbooks do.",
    names={"torch": "(torch.heaviside, value at 0 given)", "jax": "(jnp.heaviside)", "keras": "(keras.ops.heaviside)"},
    source="the threshold unit of the perceptron (Rosenblatt 1958) and of McCulloch & Pitts (1943)",
)

RECORDS = (
    IDENTITY,
    STEP,
)
