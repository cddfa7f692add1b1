"""What every activation module shares: the record that describes a function, its parameters
and their domains, the one validation and calling convention of the Python API, and the small
array helpers of the math.

A family module (``sigmoid.py``, ``relu.py``, …) holds each function, its derivative and its
``Activation`` record side by side, and lists the records in ``RECORDS``; ``functions/__init__``
collects them.

The math is written once, for the simple case: a function and its derivative take ``x`` as a
float64 array (1-D; for a vector function 2-D, one vector a row, computed along the last axis)
and the parameters as keyword arguments already checked against their declared domains.
The record wraps both (``Activation.function`` and ``Activation.derivative``) in the public
calling convention: the parameters are checked (``Activation.check``: one validation for the
command line, the Python API, the function and its derivative); any array-like input is
accepted; a scalar gives a numpy scalar; empty input gives empty output; vector functions take
``axis``; and large inputs are evaluated in cache-sized blocks.
"""

from __future__ import annotations

import functools
import inspect
import math
import numbers
import operator
import sys
from collections.abc import Callable, Iterable, Mapping
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

    def __init__(self, name: str, reason: str, value: float | str, other: str = "") -> None:
        self.name = name
        self.reason = reason
        self.value = value
        self.other = other  # the parameter the value is compared with, if any
        super().__init__(f"{name} {reason}, not {value!r}")


@dataclass(frozen=True)
class Domain:
    """Where a numeric parameter's values lie: a test and what an error says when it fails."""

    reason: str  # completes "alpha ...", e.g. "must be a positive number"
    holds: Callable[[float], bool]


REAL = Domain("must be a finite number", math.isfinite)
POSITIVE = Domain("must be a positive number", lambda v: math.isfinite(v) and v > 0)
NONNEGATIVE = Domain("must be a non-negative number", lambda v: math.isfinite(v) and v >= 0)
NONPOSITIVE = Domain("must not be positive", lambda v: math.isfinite(v) and v <= 0)
NONZERO = Domain("must be a non-zero number", lambda v: math.isfinite(v) and v != 0)


def as_array(x: ArrayLike) -> np.ndarray:
    """``x`` as a float64 array (no copy when it already is one)."""
    return np.asarray(x, dtype=np.float64)


def indicator(condition: np.ndarray, x: np.ndarray) -> np.ndarray:
    """1.0 where ``condition`` holds, else 0.0, and NaN where ``x`` is NaN."""
    return np.where(np.isnan(x), np.nan, np.where(condition, 1.0, 0.0))


@dataclass(frozen=True)
class Param:
    """One parameter of an activation: its name, default, what it does, and its domain.

    A numeric parameter takes any value in ``domain`` (any finite number unless declared); one
    with ``choices`` takes one of those strings, or a bool where ``boolean`` says which choices
    False and True stand for (JAX's ``gelu(x, approximate=True)``). ``below`` names another
    parameter that this one must be less than (hard_tanh's ``min_val < max_val``), ``at_most`` one
    that it must not exceed (rrelu's ``lower <= upper``). Declared once
    here, the domain is checked for the function and its derivative, on the command line
    (a usage error naming the option) and in Python (``ParameterError``, a ``ValueError``).
    """

    name: str
    default: float | str
    help: str
    choices: tuple[str, ...] = ()
    shown: str = ""  # how the default reads, where repr would not (e.g. "1/6")
    domain: Domain = REAL
    below: str = ""
    at_most: str = ""  # another parameter that this one must not exceed (rrelu's lower <= upper)
    boolean: tuple[str, str] = ()  # the choices that False and True stand for

    @property
    def option(self) -> str:
        return "--" + self.name.replace("_", "-")

    def show(self, value: float | str) -> str:
        if self.shown and value == self.default:
            return self.shown
        return value if isinstance(value, str) else repr(float(value)).removesuffix(".0")

    def check(self, value: object) -> float | str:
        """``value`` as the function takes it (a float, or one of the choices).

        TypeError for a value of the wrong kind (an array, a string for a number); ParameterError
        for a value outside the domain.
        """
        if self.choices:
            if isinstance(value, (bool, np.bool_)) and self.boolean:
                return self.boolean[bool(value)]
            if isinstance(value, str) and value in self.choices:
                return value
            allowed = " or ".join(repr(c) for c in self.choices)
            if self.boolean:
                allowed += f" (or False/True for {self.boolean[0]!r}/{self.boolean[1]!r})"
            if isinstance(value, str):
                raise ParameterError(self.name, f"must be {allowed}", value)
            raise TypeError(f"{self.name} must be {allowed}, not {_kind(value)}")
        wrong = (
            isinstance(value, (bool, np.bool_, str, bytes))
            or (_masked(value) and np.ma.is_masked(value))
            or np.ndim(value) != 0
            or np.iscomplexobj(value)
        )
        try:
            number = math.nan if wrong else _as_float(value)
        except (TypeError, ValueError):
            wrong = True
        if wrong:
            raise TypeError(f"{self.name} must be a single real number, not {_kind(value)}")
        if not self.domain.holds(number):
            raise ParameterError(self.name, self.domain.reason, number)
        return number


def _masked(value: object) -> bool:
    """Whether ``value`` is a numpy masked array. There is none unless ``numpy.ma`` was imported,
    which costs a tenth of numpy's start-up: a run that uses none never imports it."""
    ma = sys.modules.get("numpy.ma")
    return ma is not None and isinstance(value, ma.MaskedArray)


def _as_float(value: object) -> float:
    """``float(value)``, with a number beyond the doubles (a Python int, a Fraction) rounded to ±inf."""
    try:
        return float(value)
    except OverflowError:
        return math.inf if value > 0 else -math.inf


def _kind(value: object) -> str:
    """How an error names a value of the wrong kind."""
    if _masked(value) and np.ma.is_masked(value):
        return "masked"
    if isinstance(value, np.ndarray) and value.ndim:
        return f"an array of shape {value.shape}"
    if isinstance(value, (list, tuple)):
        return f"a {type(value).__name__} of {len(value)}"
    return f"{type(value).__name__} {value!r}"


@dataclass(frozen=True)
class Properties:
    monotonic: bool
    zero_centred: bool
    smooth: bool
    largest_slope: str


@dataclass(frozen=True, eq=False, repr=False)  # a record is itself: compared by identity, shown by name
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
    family: str = ""  # the FAMILY of the module that defines the function (and the record)
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
    # For a vector function, the input that takes no part in its vector (what a masked entry is
    # read as: -inf for softmax); None where there is none (a masked array is then a TypeError).
    absent: float | None = None
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
    fixed_parameters: tuple[Param, ...] = ()  # the parameters of ``fixed``

    def __post_init__(self) -> None:
        # The math as written takes checked parameters and float64 arrays; the record holds it in
        # the public calling convention (``replace`` hands the wrapped functions back: unwrap first).
        for which in ("function", "derivative"):
            math_ = getattr(self, which)
            object.__setattr__(self, which, _public(self, getattr(math_, "raw", math_), which == "derivative"))
        if not self.family:  # (a record imported from its module has it before the registry sees it)
            module = sys.modules.get(getattr(self.function.raw, "__module__", ""))
            object.__setattr__(self, "family", getattr(module, "FAMILY", ""))

    def __repr__(self) -> str:
        fixed = "".join(f", {k}={v!r}" for k, v in self.fixed.items())
        return f"<Activation {self.alias or self.name}{fixed}>"

    def check(self, params: Mapping[str, object]) -> dict[str, float | str]:
        """All the parameters, defaults filled in, each checked against its declared domain.

        The one validation of the command line and the Python API, for the function and its
        derivative alike. TypeError for an unknown parameter or a value of the wrong kind (an
        array, a string for a number); ParameterError (a ValueError) for one outside its domain.
        """
        known = {p.name for p in self.parameters}
        for key in params:
            # gelu_new(x, approximate="none"): gelu has it, gelu_new fixes it ("tanh" restated is none)
            if key in self.fixed and not self.restates(key, params[key]):
                self.fixed_parameter(key).check(params[key])  # a value it takes not: its own error first
                choice = f"{self.name}(x, {key}={params[key]!r})"
                raise TypeError(f"{self.alias}() fixes {key} = {self.fixed[key]!r}: use {choice}")
            if key not in known and key not in self.fixed:
                accepted = ", ".join(sorted(known)) or "none"
                raise TypeError(f"{self.alias or self.name}() has no parameter {key!r} (parameters: {accepted})")
        values = {p.name: p.check(params.get(p.name, p.default)) for p in self.parameters}
        for p in self.parameters:
            if p.below and not values[p.name] < values[p.below]:
                reason = f"must be less than {p.below} ({values[p.below]!r})"
                raise ParameterError(p.name, reason, values[p.name], other=p.below)
            if p.at_most and not values[p.name] <= values[p.at_most]:
                reason = f"must not exceed {p.at_most} ({values[p.at_most]!r})"
                raise ParameterError(p.name, reason, values[p.name], other=p.at_most)
        return values

    @property
    def accuracy(self) -> str:
        """How close the results are to the exact values, as measured against mpmath."""
        value, derivative = self.measured_ulp
        if value == derivative == 0:
            text = "exact (correctly rounded), value and derivative"
        else:
            text = (
                f"value within {value:g} ulp, derivative within {derivative:g} ulp of the exact value over the "
                "whole double range and every parameter setting tested (largest error measured against mpmath, "
                "benchmarks/ulp_report.py)"
            )
        return text + (f"; {self.accuracy_note}" if self.accuracy_note else "")

    @property
    def math(self) -> str:
        """The formula as matplotlib mathtext (no ``cases`` environment there), default parameters."""
        return self.formula(**self.params)

    def formula(self, **params) -> str:
        """The formula as matplotlib mathtext for the parameters given (a plot's title)."""
        if callable(self.mathtext):  # with what a name fixes (gelu_new: the tanh form)
            return self.mathtext(**{**self.params, **self.fixed, **params})
        return self.mathtext or self.latex

    @property
    def drawn_as_bars(self) -> bool:
        """A vector function that maps each vector to one of its length (softmax) is drawn as bars
        over one vector; a gated unit (also computed along an axis) along a slice, as a curve."""
        return self.vector and not self.gated

    @property
    def compat_applies(self) -> bool:
        """Whether frameworks disagree about this function, so that ``--compat`` changes it."""
        return bool(self.compat)

    def parameter(self, name: str) -> Param | None:
        """The parameter called ``name`` (``-`` and ``_`` alike, in any case, as function names
        are), if the function has one."""
        key = name.strip().replace("-", "_").lower()
        return next((p for p in self.parameters if p.name == key), None)

    def fixed_key(self, name: str) -> str | None:
        """The setting that this function's name fixes (gelu_new's ``approximate``) called ``name``
        (read as ``parameter`` reads names), if it is one."""
        key = name.strip().replace("-", "_").lower()
        return key if key in self.fixed else None

    def fixed_parameter(self, key: str) -> Param | None:
        """The parameter ``key`` that this function's name fixes, if it fixes one so called."""
        return next((p for p in self.fixed_parameters if p.name == key), None)

    def fixes(self, keys: Iterable[str] | None = None, show: Callable[[object], str] = str) -> str:
        """What a refusal says of the parameters ``keys`` (all, by default) that this function's
        name fixes: "the name gelu_new fixes approximate = tanh", each value as ``show`` writes it
        (``repr`` in Python's words, ``Param.show`` in the command line's)."""
        shown = ", ".join(f"{key} = {show(self.fixed[key])}" for key in (self.fixed if keys is None else keys))
        return f"the name {self.alias} fixes {shown}"

    def restates(self, key: str, value: object) -> bool:
        """Whether ``value``, given for the parameter ``key`` that this function's name fixes, is
        the value it fixes, as the parameter reads it (gelu_new's approximate: "tanh" or True): no
        fault, as one value said twice is none."""
        param = self.fixed_parameter(key)
        try:
            return param is not None and param.check(value) == self.fixed[key]
        except (TypeError, ValueError):
            return False

    def no_parameter(self, key: str, written: str = "") -> str:
        """That this function, called ``written`` if given and another of its names, has no
        parameter ``key``, and which it has ('swish:beta=1.5' was told "silu has no parameter
        'beta'"; 'SILU:beta=1' is said of silu)."""
        known = ", ".join(p.name for p in self.parameters)
        has = f"parameters: {known}" if known else "it has no parameters"
        called = self.alias or self.name
        if written and name_key(written) != called:
            called = f"{written} ({called})"
        return f"{called} has no parameter {key!r} ({has})"

    @property
    def params(self) -> dict[str, float | str]:
        """Parameter names and their defaults (PyTorch's)."""
        return {p.name: p.default for p in self.parameters}

    def defaults(self, compat: str = "torch") -> dict[str, float | str]:
        """The defaults under a framework's conventions (one of ``FRAMEWORKS``)."""
        check_framework(compat)
        return {**self.params, **self.compat.get(compat, {})}

    def kink_rule_of(self, framework: str) -> str:
        """The rule the framework's autograd follows at this function's kinks ("" if it has none)."""
        check_framework(framework)
        return self.kink_rule.get(framework, self.kink_default)

    def derivative_for(self, framework: str = "torch") -> Callable:
        """The derivative with the framework's value at the kinks (``derivative`` itself where
        the framework follows the same rule): PyTorch's leaky_relu'(0) is the slope, JAX's is 1."""
        rule = self.kink_rule_of(framework)
        if rule == self.kink_default:
            return self.derivative
        return _public(self, partial(_derivative_at_kinks, self.derivative.raw, self.kinks, rule), True, framework)

    def fixing(self, alias: str) -> Activation:
        """This function as the alias that fixes some of its parameters names it: ``function`` and
        ``derivative`` take them as given, and they are no longer parameters."""
        fixed = self.presets[alias]
        return replace(
            self,
            function=partial(self.function.raw, **fixed),
            derivative=partial(self.derivative.raw, **fixed),
            exact=self.exact and partial(self.exact, **fixed),
            exact_derivative=self.exact_derivative and partial(self.exact_derivative, **fixed),
            kinks=partial(self.kinks, **fixed),
            parameters=tuple(p for p in self.parameters if p.name not in fixed),
            compat={fw: {k: v for k, v in values.items() if k not in fixed} for fw, values in self.compat.items()},
            alias=alias,
            fixed=MappingProxyType(dict(fixed)),
            fixed_parameters=tuple(p for p in self.parameters if p.name in fixed),
        )

    def names_in(self, column: str) -> list[str]:
        """The names a framework (a key of NAME_COLUMNS) gives this function; see ``listed_names``."""
        return listed_names(self.names.get(column, ""))


def check_framework(framework: str) -> None:
    """ValueError unless ``framework`` is one of ``FRAMEWORKS`` (a ``compat``), in lower case as
    Python's keywords are (the command line's --compat takes any case: 'JAX' is told 'jax')."""
    if framework not in FRAMEWORKS:
        near = f" (did you mean {framework.lower()!r}?)" if str(framework).lower() in FRAMEWORKS else ""
        raise ValueError(f"compat must be one of {', '.join(FRAMEWORKS)}, not {framework!r}{near}")


def _derivative_at_kinks(derivative: Callable, kinks: Callable, rule: str, x: np.ndarray, **params) -> np.ndarray:
    """``derivative`` (the math, on checked parameters) with the value ``rule`` gives at each kink:
    the one-sided values are the derivative at the neighbouring doubles (exact where it is
    constant beside the kink, as for every piecewise-linear function)."""
    y = derivative(x, **params)
    points = kinks(**params)
    if not points:
        return y
    centre = (points[0] + points[-1]) / 2
    for kink in points:
        at = x == kink
        if not np.any(at):
            continue
        below = derivative(np.array([np.nextafter(kink, -np.inf)]), **params)[0]
        above = derivative(np.array([np.nextafter(kink, np.inf)]), **params)[0]
        value = {
            "left": below,
            "right": above,
            "mean": (below + above) / 2,
            "outer": below if kink < centre else above,
            "inner": above if kink < centre else below,
            "zero": 0.0,
        }[rule]
        y = np.where(at, value, y)
    return y


def name_key(name: str) -> str:
    """A function's name as the registry keys it: any case, '-' for '_', spaces around it ignored."""
    return name.strip().lower().replace("-", "_")


def listed_names(cell: str) -> list[str]:
    """The names in a cell of ``Activation.names``: comma-separated, each maybe followed by a
    note in parentheses, which may hold parentheses of its own (``"PReLU (layer)"``,
    ``"ThresholdedReLU (Keras 3: relu(threshold=theta))"``); a cell that is only a note
    (``"(torch.exp)"``, an equivalent spelling rather than a name) names nothing."""
    items, depth = [""], 0
    for char in cell:
        depth += char == "("
        if depth == 0:
            items[-1] += char
            if char == ",":
                items[-1] = items[-1][:-1]
                items.append("")
        depth -= char == ")"
    return [name for name in (item.strip() for item in items) if name]


P = Properties

# Elements evaluated at a time: a block and the temporaries of its math stay in the CPU's cache,
# which measured about twice as fast on 10^7 values as whole-array passes, with identical results.
BLOCK = 1 << 16


@functools.cache
def _keep_freed_memory() -> None:
    """Let the C allocator keep a block's temporaries for the next block, once per process.

    glibc gives memory back to the system whenever more than a threshold is free at the top of its
    heap (128 KiB at start, raised only when a larger mapped block is freed): the few MiB of temporaries of
    one block went back at its end and were faulted in again, page by page, for the next, which
    measured more time in the kernel than in the math. Freeing one 16 MiB array (never touched)
    raises the threshold to 32 MiB, as any program that works with arrays that size does; with
    another allocator it is an allocation that costs nothing.
    """
    np.empty(1 << 21)


_DTYPE_DOC = """
    ``dtype`` (keyword only, default None: float64) gives the result a model in that format
    computes, as an array of it: each input rounded to ``dtype``, the exact result rounded once
    to it (``"float32"``, ``"float16"``, ``"bfloat16"``, ``"float8_e4m3fn"``, ``"float8_e5m2"``,
    or a numpy/ml_dtypes dtype; ``actplot.precision.evaluate``). ValueError for an unknown dtype.
"""


def _public(record: Activation, raw: Callable, derivative: bool = False, framework: str = "torch") -> Callable:
    """``raw`` (the math, on float64 arrays with checked parameters) in the Python API's convention.

    Any array-like ``x`` (any shape), a numpy scalar for a scalar, empty out for empty in; the
    parameters positional or by keyword and checked by ``record.check``; vector functions take
    ``axis`` (default -1) and get each row along it; ``dtype=`` (keyword only) gives the correctly
    rounded result in a low-precision format (``actplot.precision``, imported only then).
    """
    parameters = [inspect.Parameter("x", inspect.Parameter.POSITIONAL_OR_KEYWORD)]
    if record.vector:
        parameters.append(inspect.Parameter("axis", inspect.Parameter.POSITIONAL_OR_KEYWORD, default=-1))
    parameters += [
        inspect.Parameter(p.name, inspect.Parameter.POSITIONAL_OR_KEYWORD, default=p.default) for p in record.parameters
    ]
    positional = [p.name for p in parameters[1:]]
    parameters.append(inspect.Parameter("dtype", inspect.Parameter.KEYWORD_ONLY, default=None))

    def evaluate(x, *args, dtype=None, **kwargs):
        if len(args) > len(positional):
            most = len(positional) + 1
            raise TypeError(
                f"{record.alias or record.name}() takes {most} positional argument{'s' * (most != 1)} at most,"
                f" {len(args) + 1} given"
            )
        for key, value in zip(positional, args, strict=False):
            if key in kwargs:
                raise TypeError(f"{record.name}() got multiple values for {key!r}")
            kwargs[key] = value
        axis = kwargs.pop("axis", -1) if record.vector else None
        if record.fixed:
            _refuse_fixed(record, kwargs, dtype, derivative, framework)
        params = record.check(kwargs)
        masked = _masked(x)  # a masked array in gives one out, its mask kept
        mask = np.ma.getmaskarray(x) if masked else None
        x = real_array(record.name, np.ma.getdata(x) if masked else x)
        if masked and mask.any():
            x = _fill_masked(record, x, mask)
        if record.vector:
            axis = _axis_index(record.name, axis, max(x.ndim, 1))
        if dtype is not None:
            from actplot import precision

            y = precision.typed(record, dtype, x, params, derivative=derivative, axis=axis, compat=framework)
        else:
            if x.size > BLOCK // 16:
                _keep_freed_memory()
            # Underflow inside the formulas is intended and exact: whatever the caller's np.seterr.
            with np.errstate(under="ignore"):
                y = _along_axis(raw, x, axis, params) if record.vector else _elementwise(raw, x, params)
        if masked:
            return np.ma.masked if x.ndim == 0 and mask else np.ma.MaskedArray(y, mask=mask)
        return y[()] if x.ndim == 0 else y

    functools.update_wrapper(evaluate, raw)
    evaluate.__signature__ = inspect.Signature(parameters)
    evaluate.__doc__ = (raw.__doc__ or "").rstrip() + "\n" + _DTYPE_DOC
    evaluate.raw = raw
    return evaluate


def _refuse_fixed(record: Activation, kwargs: dict, dtype, derivative: bool, framework: str) -> None:
    """TypeError for a parameter that the name of ``record`` fixes (gelu_new's approximate) given
    another value, saying the call of the function's own name with every other argument: the
    other parameters, ``dtype``, and for a derivative the derivative's call (gelu_new(x,
    approximate='none', dtype='half') was told "use gelu(x, approximate='none')", the dtype lost,
    and the derivative was told the function). The others' own faults first, then the value's."""
    refused = [key for key, value in kwargs.items() if key in record.fixed and not record.restates(key, value)]
    if not refused:
        return
    record.check({key: value for key, value in kwargs.items() if key not in refused})
    key = refused[0]
    record.fixed_parameter(key).check(kwargs[key])
    kept = {k: v for k, v in kwargs.items() if k not in record.fixed or k in refused}
    args = ["x", *(f"{k}={v!r}" for k, v in kept.items()), *([f"dtype={dtype!r}"] if dtype is not None else [])]
    entry = record.name
    if derivative:
        entry = f"actplot.get({record.name!r}).derivative"
        entry += f"_for({framework!r})" if framework != "torch" else ""
    raise TypeError(f"{record.alias}() fixes {key} = {record.fixed[key]!r}: use {entry}({', '.join(args)})")


def real_array(name: str, x: object, what: str = "x") -> np.ndarray:
    """``x`` as a float64 array: TypeError for anything that does not hold real numbers, ValueError
    for rows of different lengths. Numbers beyond the doubles (a long double, a Python int) are ±inf,
    as rounding makes them. Errors begin "``name``: ``what`` must hold ..."."""
    try:
        array = np.asarray(x)
    except ValueError as error:
        if "inhomogeneous" in str(error):
            raise ValueError(f"{name}: {what} has rows of different lengths; give rows of one length") from None
        raise TypeError(f"{name}: {what} must hold real numbers ({error})") from None
    # ml_dtypes' bfloat16 and float8_e4m3fn (what dtype= returns) are numpy's kind "V", not "f".
    if array.dtype.kind in "biuf" or (array.dtype.kind == "V" and array.dtype.type.__module__ == "ml_dtypes"):
        with np.errstate(over="ignore"):
            return array.astype(np.float64, copy=False)
    if array.dtype.kind == "O":  # Python ints too large for int64, Fractions, Decimals, None, ...
        for value in array.flat:
            if not isinstance(value, numbers.Number) or isinstance(value, (bool, complex, np.complexfloating)):
                raise TypeError(f"{name}: {what} must hold real numbers, not {type(value).__name__} {value!r}")
        try:
            return np.array([_as_float(value) for value in array.flat], dtype=np.float64).reshape(array.shape)
        except (TypeError, ValueError) as error:
            raise TypeError(f"{name}: {what} must hold real numbers ({error})") from None
    raise TypeError(f"{name}: {what} must hold real numbers, not {array.dtype} values")


def _fill_masked(record: Activation, x: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """``x`` with its masked entries replaced by what takes no part: anything for an elementwise
    function (0), ``record.absent`` in a vector (-inf for softmax: probability 0)."""
    fill = 0.0 if not record.vector else record.absent
    if fill is None:
        raise TypeError(f"{record.name}: x must not be a masked array (fill the masked entries first)")
    return np.where(mask, fill, x)


def _axis_index(name: str, axis: object, ndim: int) -> int:
    if isinstance(axis, (bool, np.bool_)):
        raise TypeError(f"{name}: axis must be an integer, not {axis!r}")
    try:
        index = operator.index(axis)
    except TypeError:
        raise TypeError(f"{name}: axis must be an integer, not {_kind(axis)}") from None
    if not -ndim <= index < ndim:
        raise ValueError(f"{name}: axis {index} is out of bounds for an input of {ndim} dimension{'s' * (ndim > 1)}")
    return index % ndim


def _elementwise(raw: Callable, x: np.ndarray, params: dict) -> np.ndarray:
    if x.size == 0:
        return np.empty(x.shape)
    flat = x.reshape(-1)
    if flat.size <= BLOCK:
        return np.asarray(raw(flat, **params), dtype=np.float64).reshape(x.shape)
    out = np.empty(flat.size)
    for start in range(0, flat.size, BLOCK):
        out[start : start + BLOCK] = raw(flat[start : start + BLOCK], **params)
    return out.reshape(x.shape)


def _along_axis(raw: Callable, x: np.ndarray, axis: int, params: dict) -> np.ndarray:
    """``raw`` on each vector along ``axis``: rows of a 2-D array, a block of rows at a time. The
    output's length along the axis is what ``raw`` gives (gated units halve it)."""
    rows = np.moveaxis(np.atleast_1d(x), axis, -1)
    lead, n = rows.shape[:-1], rows.shape[-1]
    if rows.size == 0:
        width = n if n == 0 else np.shape(raw(np.zeros((1, n)), **params))[-1]
        out = np.empty((*lead, width))
    else:
        flat = rows.reshape(-1, n)
        step = max(1, BLOCK // n)
        first = np.asarray(raw(flat[:step], **params), dtype=np.float64)
        out = np.empty((flat.shape[0], first.shape[-1]))
        out[:step] = first
        for start in range(step, flat.shape[0], step):
            out[start : start + step] = raw(flat[start : start + step], **params)
        out = out.reshape(*lead, first.shape[-1])
    out = np.moveaxis(out, -1, axis)
    return out.reshape(()) if x.ndim == 0 else out
