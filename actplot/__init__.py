"""actplot: neural-network activation functions, exact, from the command line and from Python.

>>> import actplot
>>> actplot.softmax([1.0, 2.0, 3.0])
array([0.09003057, 0.24472847, 0.66524096])
>>> actplot.get("gelu").derivative(0.0)
array(0.5)
"""

from actplot.activations import (
    celu,
    elu,
    gelu,
    hard_sigmoid,
    hard_swish,
    hard_tanh,
    heaviside,
    identity,
    leaky_relu,
    linear,
    log_sigmoid,
    log_softmax,
    logistic,
    mish,
    relu,
    relu6,
    selu,
    sigmoid,
    silu,
    softmax,
    softmin,
    softplus,
    softsign,
    step,
    swish,
    tanh,
)
from actplot.registry import Activation, Param, get, names

__version__ = "0.1.0"

__all__ = [
    "Activation",
    "Param",
    "get",
    "names",
    "__version__",
    "celu",
    "elu",
    "gelu",
    "hard_sigmoid",
    "hard_swish",
    "hard_tanh",
    "heaviside",
    "identity",
    "leaky_relu",
    "linear",
    "log_sigmoid",
    "log_softmax",
    "logistic",
    "mish",
    "relu",
    "relu6",
    "selu",
    "sigmoid",
    "silu",
    "softmax",
    "softmin",
    "softplus",
    "softsign",
    "step",
    "swish",
    "tanh",
]
