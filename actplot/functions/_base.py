"""What every activation module shares: the record that describes a function, its parameters,
the error for a parameter outside its domain, and the small array helpers of the math.

A family module (``sigmoid.py``, ``relu.py``, …) holds each function, its derivative and its
``Activation`` record side by side, and lists the records in ``RECORDS``; ``functions/__init__``
collects them.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from functools import partial
from types import MappingProxyType
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # numpy.typing costs 7 ms to import; annotations are strings here
    from numpy.typing import ArrayLike

FRAMEWORKS = ("torch", "jax", "keras", "keras2", "tf", "onnx")
FRAMEWORK_NAMES = {
    "torch": "PyTorch 2.13 (torch.nn.functional)",
    "jax": "JAX 0.10 (jax.nn)",
    "keras": "Keras 3.15 (keras.activations; gradients as on its JAX backend)",
    "keras2": "Keras 2 / tf.keras before TF 2.16",
    "tf": "TensorFlow 2.16+ (tf.nn, tf.math; tf.keras is Keras 3, on TensorFlow's gradients)",
    "onnx": "ONNX (float32 operator attributes; ONNX defines no gradients: PyTorch's at kinks)",
}
# The columns of the name table: where each framework keeps its activations (keys of Activation.names).
NAME_COLUMNS = {
    "torch": "torch.nn.functional",
    "torch_module": "torch.nn",
    "jax": "jax.nn",
    "keras": "keras.activations",
    "tf": "tf.nn / tf.math",
    "onnx": "ONNX operator",
    "hf": "HF hidden_act",
}
# How an autograd values a derivative at a kink where its one-sided limits differ: the limit from
# the left or from the right; from the side away from the middle of the function's kinks ("outer",
# a clip's flat parts) or towards it ("inner"); the mean of the two (JAX's tie rule for clip); or
# zero (a sum of pieces each flat there, as Keras's PReLU layer relu(x) - alpha relu(-x)).
KINK_RULES = ("left", "right", "outer", "inner", "mean", "zero")

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


def require_finite(name: str, value: float) -> None:
    """A parameter that may be any real number: ParameterError for inf or NaN."""
    if not math.isfinite(value):
        raise ParameterError(name, "must be a finite number", value)


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
    # The same function (and derivative) in mpmath, at the caller's working precision: exact(x, **params)
    # with x an mpf (a list of mpf for vector functions); what --dtype and check round correctly.
    exact: Callable | None = None
    exact_derivative: Callable | None = None
    # Where the function or a derivative of it is not smooth, for the parameters given: kinks(**params)
    # -> sorted x values. Plots draw jumps there, quadrature splits there.
    kinks: Callable[..., tuple[float, ...]] = lambda **params: ()
    # The rule ``derivative`` follows at a kink where the one-sided derivatives differ (one of
    # KINK_RULES: PyTorch's, or actplot's where PyTorch lacks the function), and each framework's
    # rule where it differs: ``derivative_for(framework)`` applies it.
    kink_default: str = ""
    kink_rule: Mapping[str, str] = field(default_factory=dict)
    # Names that fix parameters (Hugging Face's gelu_new: approximate='tanh'): alias -> parameters.
    presets: Mapping[str, Mapping[str, float | str]] = field(default_factory=dict)
    gated: bool = False  # a function of the two halves [a, b] of a vector of 2k numbers, giving k
    # Set by ``fixing``: the alias this record was asked for and the parameters that alias fixes.
    alias: str = ""
    fixed: Mapping[str, float | str] = field(default_factory=dict)

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
        """The defaults under a framework's conventions (one of ``FRAMEWORKS``)."""
        _check_framework(compat)
        return {**self.params, **self.compat.get(compat, {})}

    def kink_rule_of(self, framework: str) -> str:
        """The rule the framework's autograd follows at this function's kinks ("" if it has none)."""
        _check_framework(framework)
        return self.kink_rule.get(framework, self.kink_default)

    def derivative_for(self, framework: str = "torch") -> Callable:
        """The derivative with the framework's value at the kinks (``derivative`` itself where
        the framework follows the same rule): PyTorch's leaky_relu'(0) is the slope, JAX's is 1."""
        rule = self.kink_rule_of(framework)
        if rule == self.kink_default:
            return self.derivative
        return partial(_derivative_at_kinks, self.derivative, self.kinks, rule)

    def fixing(self, alias: str) -> Activation:
        """This function as the alias that fixes some of its parameters names it: ``function`` and
        ``derivative`` take them as given, and they are no longer parameters."""
        fixed = self.presets[alias]
        return replace(
            self,
            function=partial(self.function, **fixed),
            derivative=partial(self.derivative, **fixed),
            exact=self.exact and partial(self.exact, **fixed),
            exact_derivative=self.exact_derivative and partial(self.exact_derivative, **fixed),
            kinks=partial(self.kinks, **fixed),
            parameters=tuple(p for p in self.parameters if p.name not in fixed),
            compat={fw: {k: v for k, v in values.items() if k not in fixed} for fw, values in self.compat.items()},
            alias=alias,
            fixed=MappingProxyType(dict(fixed)),
        )

    def names_in(self, column: str) -> list[str]:
        """The names a framework (a key of NAME_COLUMNS) gives this function; see ``listed_names``."""
        return listed_names(self.names.get(column, ""))


def _check_framework(framework: str) -> None:
    if framework not in FRAMEWORKS:
        raise ValueError(f"compat must be one of {', '.join(FRAMEWORKS)}, not {framework!r}")


def _derivative_at_kinks(derivative: Callable, kinks: Callable, rule: str, x: ArrayLike, **params) -> np.ndarray:
    """``derivative`` with the value ``rule`` gives at each kink: the one-sided values are the
    derivative at the neighbouring doubles (exact where it is constant beside the kink, as for
    every piecewise-linear function)."""
    x = as_array(x)
    y = derivative(x, **params)
    points = kinks(**params)
    if not points:
        return y
    centre = (points[0] + points[-1]) / 2
    for kink in points:
        at = x == kink
        if not np.any(at):
            continue
        below = derivative(np.nextafter(kink, -np.inf), **params)
        above = derivative(np.nextafter(kink, np.inf), **params)
        value = {
            "left": below,
            "right": above,
            "mean": (below + above) / 2,
            "outer": below if kink < centre else above,
            "inner": above if kink < centre else below,
            "zero": np.zeros_like(below),
        }[rule]
        y = np.where(at, value, y)
    return y


_NOTE = re.compile(r"\s*\([^()]*\)\s*$")
_COMMA_OUTSIDE_PARENTHESES = re.compile(r",(?![^()]*\))")


def listed_names(cell: str) -> list[str]:
    """The names in a cell of ``Activation.names``: comma-separated, each maybe followed by a
    note in parentheses (``"PReLU (layer)"``); a cell that is only a note (``"(torch.exp)"``,
    an equivalent spelling rather than a name) names nothing."""
    names = (_NOTE.sub("", item).strip() for item in _COMMA_OUTSIDE_PARENTHESES.split(cell))
    return [name for name in names if name and not name.startswith("(")]


P = Properties
ROOT_NOTE = (
    "the derivative has a zero near x = {root}: within about 1 of it the derivative is accurate to 4 ulp "
    "of its largest term (absolute), as no double arithmetic can be relative to a vanishing result"
)
