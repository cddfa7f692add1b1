"""What every activation module shares: the record that describes a function, its parameters,
the error for a parameter outside its domain, and the small array helpers of the math.

A family module (``sigmoid.py``, ``relu.py``, …) holds each function, its derivative and its
``Activation`` record side by side, and lists the records in ``RECORDS``; ``functions/__init__``
collects them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # numpy.typing costs 7 ms to import; annotations are strings here
    from numpy.typing import ArrayLike

FRAMEWORKS = ("torch", "jax", "keras", "keras2")
FRAMEWORK_NAMES = {
    "torch": "PyTorch (torch.nn.functional)",
    "jax": "JAX (jax.nn)",
    "keras": "Keras 3 (keras.activations)",
    "keras2": "Keras 2 / tf.keras before TF 2.16",
}

HIDDEN = "hidden layer"
CLASSIFICATION = "classification output"
REGRESSION = "regression output"

MAX = np.finfo(np.float64).max
TAIL = 1000.0  # beyond ±TAIL every sigmoid-gated function has reached its limit in double


class _Mpmath:
    """``mpmath.mp``, imported on first use: the exact forms are the only users on most runs."""

    def __getattr__(self, name: str):
        from mpmath import mp as context

        return getattr(context, name)


mp = _Mpmath()


class ParameterError(ValueError):
    """A parameter value outside the function's domain."""

    def __init__(self, name: str, reason: str, value: float) -> None:
        self.name = name
        self.reason = reason
        self.value = value
        super().__init__(f"{name} {reason}, not {value!r}")


def as_array(x: ArrayLike) -> np.ndarray:
    """``x`` as a float64 array (no copy when it already is one)."""
    return np.asarray(x, dtype=np.float64)


def indicator(condition: np.ndarray, x: np.ndarray) -> np.ndarray:
    """1.0 where ``condition`` holds, else 0.0, and NaN where ``x`` is NaN."""
    return np.where(np.isnan(x), np.nan, np.where(condition, 1.0, 0.0))


@dataclass(frozen=True)
class Param:
    """One parameter of an activation: its name, default and what it does."""

    name: str
    default: float | str
    help: str
    choices: tuple[str, ...] = ()
    shown: str = ""  # how the default reads, where repr would not (e.g. "1/6")

    @property
    def option(self) -> str:
        return "--" + self.name.replace("_", "-")

    def show(self, value: float | str) -> str:
        if self.shown and value == self.default:
            return self.shown
        return value if isinstance(value, str) else repr(float(value)).removesuffix(".0")


@dataclass(frozen=True)
class Properties:
    monotonic: bool
    zero_centred: bool
    smooth: bool
    largest_slope: str


@dataclass(frozen=True)
class Activation:
    """Everything about one activation function."""

    name: str
    summary: str
    function: Callable
    derivative: Callable
    latex: str
    plain: str
    derivative_plain: str
    output_range: tuple[float, float]
    range_text: str
    properties: Properties
    use: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    parameters: tuple[Param, ...] = ()
    vector: bool = False
    conventions: str = ""
    compat: Mapping[str, Mapping[str, float | str]] = field(default_factory=dict)
    # The formula for matplotlib's mathtext, where ``latex`` uses more than it has; a function of the
    # parameters where the formula's shape depends on them (gelu's approximate).
    mathtext: str | Callable[..., str] = ""
    measured_ulp: tuple[float, float] = (0.0, 0.0)
    accuracy_note: str = ""
    family: str = ""  # set by the registry from the module's FAMILY
    # The function's name in each framework ("torch", "torch_module", "jax", "keras", "tf", "onnx",
    # "hf" for Hugging Face's hidden_act); a framework without it is absent.
    names: Mapping[str, str] = field(default_factory=dict)
    source: str = ""  # the paper or framework that defines it
    # The same function (and derivative) in mpmath, from which --dtype, check and diff round correctly
    # (actplot.precision decides the roundings the float64 function leaves open with it). The form
    # must be:
    # - exact(x, **params) -> mpf, x an mpf (vector functions: a list of mpf in, a list out, along
    #   the vector), params the function's own keyword parameters as it receives them (doubles or
    #   strings), used exactly: mp.mpf(alpha), never rounded or re-read as a decimal;
    # - the real-number definition at the caller's working precision (mp.prec, which precision.py
    #   raises until the rounding is certain): mpmath arithmetic only, no float or numpy, decimal
    #   constants as mp.mpf("1.0507...") strings, 1/6 as mp.mpf(1) / 6;
    # - the function's value at every kink and convention (relu'(0) = 0, step(0) = 0, the Jacobian
    #   diagonal of a vector function), and its parameter semantics;
    # - good for every finite x, however large (mpmath's exponent is unbounded, but mp.erfc fails
    #   beyond 1e154), and free of avoidable cancellation: 1 - sigmoid(x) as sigmoid(-x),
    #   log(1 + e^x) as x + log1p(e^-x) for x > 0 (cancellation costs time, not correctness);
    # - exact where the value is: a rational result rounded once, last ((x + 3) / 6, not
    #   x * (1/6) + 1/2), and a small correction added last to an exact main term
    #   ((x_i - max x)/T - log1p(...)), so that a result on a midpoint of a dtype is known to be
    #   an exact tie or not (precision.py evaluates it again rounding down and up);
    # - written next to its function, with mpmath reached through ``mp`` below (imported on first use);
    # - tested against tests/reference.py (tests/test_precision.py), never used as the tests' reference.
    exact: Callable | None = None
    exact_derivative: Callable | None = None
    # Where the function or a derivative of it is not smooth, for the parameters given: kinks(**params)
    # -> sorted x values. Plots draw jumps there, quadrature splits there.
    kinks: Callable[..., tuple[float, ...]] = lambda **params: ()

    @property
    def accuracy(self) -> str:
        """How close the results are to the exact values, as measured against mpmath."""
        value, derivative = self.measured_ulp
        if value == derivative == 0:
            text = "exact (correctly rounded), value and derivative"
        else:
            text = (
                f"value within {value:g} ulp, derivative within {derivative:g} ulp of the exact value over the "
                "whole double range (largest error measured against mpmath, benchmarks/ulp_report.py)"
            )
        return text + (f"; {self.accuracy_note}" if self.accuracy_note else "")

    @property
    def math(self) -> str:
        """The formula as matplotlib mathtext (no ``cases`` environment there), default parameters."""
        return self.formula(**self.params)

    def formula(self, **params) -> str:
        """The formula as matplotlib mathtext for the parameters given (a plot's title)."""
        if callable(self.mathtext):
            return self.mathtext(**{**self.params, **params})
        return self.mathtext or self.latex

    def parameter(self, name: str) -> Param | None:
        """The parameter called ``name`` (``-`` and ``_`` alike), if the function has one."""
        key = name.strip().replace("-", "_")
        return next((p for p in self.parameters if p.name == key), None)

    @property
    def params(self) -> dict[str, float | str]:
        """Parameter names and their defaults (PyTorch's)."""
        return {p.name: p.default for p in self.parameters}

    def defaults(self, compat: str = "torch") -> dict[str, float | str]:
        """The defaults under a framework's conventions (``torch``, ``jax``, ``keras``, ``keras2``)."""
        if compat not in FRAMEWORKS:
            raise ValueError(f"compat must be one of {', '.join(FRAMEWORKS)}, not {compat!r}")
        return {**self.params, **self.compat.get(compat, {})}


P = Properties
ROOT_NOTE = (
    "the derivative has a zero near x = {root}: within about 1 of it the derivative is accurate to 4 ulp "
    "of its largest term (absolute), as no double arithmetic can be relative to a vanishing result"
)
