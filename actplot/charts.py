"""What a plot shows, independent of where it is drawn: the series, their style, the title, the
axis labels and limits. ``plotting`` draws a Chart with matplotlib, ``terminal`` with Unicode
characters; neither decides what goes into it. The command line and the Python API build their
charts here, so a picture is the same whichever asked for it.

A chart shows a function under the parameters in force (a ``Spec``): its title names them, its
y-limits come from the function's output range under them, and where the function or its
derivative jumps (``Activation.kinks``) the curve breaks instead of drawing a ramp. Limits are
always explicit, so that nothing in a backend decides them, and an axis whose numbers a drawing
library cannot handle (beyond 1e100 or below 1e-100 in size) is drawn in units of a power of ten.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from actplot import functions
from actplot.functions import Activation

MAX = float(np.finfo(np.float64).max)
MAX_POINTS = 10**7  # samples of one plot: more than any figure shows, and memory to match
_MARGIN = 0.2  # of the span, shared among the bounds in view (the article's sigmoid -0.1..1.1, ReLU -1..5)
_PAD = 0.05  # of the span, beside data that no bound of the output range holds (matplotlib's default)
_NEAR = 0.1  # a bound of the output range is in view when the data comes this close (of the span)
NARROWEST = 1e-12  # the narrowest span an axis resolves, relative to the size of its limits
# and the fewest doubles it spans (1e-12 of 1 is 4504): among the subnormals, 5.06e-321, where a
# sample's rounding to a double moves it at most 1/2048 of the axis (0 to 1e-320 was refused at 4096)
FEWEST_DOUBLES = 1024
_FEWEST_DRAWN = 16  # the fewest doubles that data's limits span as they are
_UNITS = (1e-100, 1e100)  # an axis beyond these sizes is drawn in units of a power of ten
_JUMP = 1e-9  # one-sided limits further apart than this (relative) are a jump, drawn as a break
SHEET_VECTOR = np.array([1.0, 2.0, 3.0])  # the article's softmax example
_SYMBOLS = {"alpha": "α", "beta": "β", "gamma": "γ", "lambd": "λ", "theta": "θ", "temperature": "T"}
_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


class ChartError(ValueError):
    """Limits a chart cannot show (reversed, equal, or narrower than an axis resolves). Raised as a
    chart is made, its message begins with the option's name as Python's keyword has it ("range
    1 to 1.0000000000000004 is narrower ...", "xlim does not apply ..."); the command line adds
    the dashes."""


def _unfixed(function: tuple) -> tuple:
    """A ``(name, {parameter: value}[, compat])`` of a name that fixes a parameter (gelu_new's
    approximate), given another value, as the function's own name takes it, with every other
    parameter, the dtype and the framework it gives: ('gelu_new', {'approximate': 'none'}, 'jax')
    was told ('gelu', {'approximate': 'none'}), without its framework."""
    name, given, *framework = function
    record, kept = functions.get(name), {}
    for key, value in given.items():
        fixed = record.parameter(key) is None and record.fixed_key(key)
        if not (fixed and record.restates(fixed, value)):
            kept[fixed or key] = value
    return (record.name, kept, *framework)


@dataclass(frozen=True)
class Spec:
    """One function as drawn: its record, the parameters in force, the framework whose
    conventions gave their defaults (``--compat``), and the dtype whose values it shows
    (``--dtype``; None for float64): what a model in that format computes, correctly rounded."""

    record: Activation
    params: Mapping[str, float | str] = field(default_factory=dict)
    compat: str = "torch"
    dtype: str | None = None

    @classmethod
    def resolve(cls, function: str | tuple | Spec, compat: str = "torch") -> Spec:
        """A function given as ``"name"``, ``("name", {"param": value})`` or ``("name", {"param":
        value}, compat)`` (that framework's, whatever the call's ``compat``): its record and the
        parameters in force (the framework's defaults, then those given).

        Raises KeyError for an unknown name (with suggestions), ValueError for an unknown
        parameter or framework, ParameterError for a value outside the function's domain.
        """
        if isinstance(function, Spec):
            return function
        if isinstance(function, str):
            name, given = function, {}
        elif isinstance(function, tuple) and len(function) in (2, 3) and isinstance(function[1], Mapping):
            # a framework of its own: plot(['gelu@jax', 'gelu@torch']) had no Python spelling
            name, given, *framework = function
            functions.check_framework(compat)  # the call's, used or not: compat='bogus' passed beside a triple
            compat = _own_framework(function) if framework else compat
            if bad := [key for key in given if not isinstance(key, str)]:
                raise TypeError(f"a parameter's name is text, not {bad[0]!r}")
        else:
            raise TypeError(
                "a function is a name, a (name, {parameter: value}) pair or a (name, {parameter: value}, compat)"
                f" triple, not {function!r}"
            )
        if isinstance(function, str):
            _command_line_spelling(name)
        record = functions.get(name)
        params = record.defaults(compat)
        given = dict(given)
        # the dtype by its name in any case, as parameters' ('DTYPE' was "no parameter 'DTYPE'")
        dtypes = [given.pop(key) for key in [k for k in given if functions.is_dtype_key(k)]]
        if len(dtypes) > 1:
            raise ValueError(f"{name}'s dtype is given twice")
        dtype = dtypes[0] if dtypes else None
        if dtype is not None:
            from actplot import precision

            dtype = precision.lookup(dtype).name
        keys: dict[str, str] = {}  # each parameter's name -> the key that gave it
        for key, value in given.items():
            param = record.parameter(key)
            if param is None and (fixed := record.fixed_key(key)):
                if record.restates(fixed, value):  # the value the name fixes, said again: no fault
                    if fixed in keys:
                        raise ValueError(f"{record.alias}'s {fixed} is given twice, as {keys[fixed]!r} and {key!r}")
                    keys[fixed] = key
                    continue
                # 'gelu_new' with approximate: "gelu has no parameter 'approximate' (parameters: none)"
                record.fixed_parameter(fixed).check(value)  # a value it takes not is its own fault first
                raise ValueError(f"{record.fixes([fixed], repr)}: use {_unfixed(function)}")
            if param is None:  # (said of the name given: ('swish', {'beta': 1.5}) was told silu has none)
                raise ValueError(record.no_parameter(key, name))
            if param.name in keys:  # {'alpha': 0.3, 'Alpha': 0.4} took the last one, as the command line refuses
                raise ValueError(f"{record.name}'s {param.name} is given twice, as {keys[param.name]!r} and {key!r}")
            keys[param.name] = key
            params[param.name] = param.check(value)  # the record's one validation (True -> "tanh" too)
        spec = cls(record, params, compat, dtype)
        spec.check()
        return spec

    def check(self) -> None:
        """ParameterError if a parameter is outside the domain of the function or its derivative."""
        self.record.check(self.params)

    def values(self, x: np.ndarray, derivative: bool = False) -> np.ndarray:
        """The function or its derivative (the framework's values at kinks) at x; a gated unit
        along the slice ``along`` names; in the dtype, correctly rounded, where one is set."""
        kind = functions.curve(self.record, derivative, self.compat, self.dtype)
        return np.asarray(kind(x, **self.params), dtype=np.float64)

    @property
    def along(self) -> str:
        """The slice a gated unit is drawn along ("a = 1, b = x"); "" for the others."""
        return functions.slice_text(self.record, self.params)

    @property
    def settings(self) -> str:
        """The parameter values in force and the framework, as a title shows them: ``α = 3``."""
        shown = [f"{_SYMBOLS.get(name, name)} = {value}" for name, value in self.record.fixed.items()]  # gelu_new's
        shown += [
            f"{_SYMBOLS.get(p.name, p.name)} = {_number(p.show(self.params[p.name]))}" for p in self.record.parameters
        ]
        # the framework where it sets defaults or the derivative at the kinks (JAX's hard_tanh'(1) is 1)
        differs = self.compat in self.record.compat or self.record.kink_rule_of(self.compat) != self.record.kink_default
        if self.compat != "torch" and differs:
            shown.append(f"--compat {self.compat}")
        return ", ".join(shown)

    def name(self, derivative: bool = False) -> str:
        """The function's name, or its derivative's: ``relu'``, a gated unit's partial ``∂glu/∂b``."""
        return functions.derivative_name(self.record, self.params) if derivative else self.record.name

    def label(self, derivative: bool = False) -> str:
        name = self.name(derivative) + (f" along {self.along}" if self.along else "")
        name = f"{name} ({self.settings})" if self.settings else name
        return f"{name} in {self.dtype}" if self.dtype else name

    def formula(self) -> str:
        """The formula as matplotlib mathtext (without the dollars), for the parameters in force."""
        return self.record.formula(**self.params)

    def kinks(self) -> np.ndarray:
        """Where the function or its derivative is not smooth, for the parameters in force."""
        kinks = np.asarray(self.record.kinks(**self.params), dtype=np.float64)
        return np.unique(kinks[np.isfinite(kinks)])

    def bounds(self) -> tuple[float, float]:
        """The output range under the parameters in force; ±inf on a side without a bound.

        The record says which sides are bounded; where they are under these parameters is found
        by evaluating the function over the whole double range, densely near the origin and at
        its kinks (elu with α = 3 reaches -3, hard_tanh its min_val and max_val)."""
        low, high = self.record.output_range
        if not (math.isfinite(low) or math.isfinite(high)):
            return -math.inf, math.inf
        kinks = self.kinks()
        probe = np.concatenate([_PROBE, kinks, np.nextafter(kinks, -math.inf), np.nextafter(kinks, math.inf)])
        with np.errstate(all="ignore"):
            y = self.values(probe)
        y = y[np.isfinite(y)]
        if y.size == 0:
            return -math.inf, math.inf
        low = float(y.min()) if math.isfinite(low) and y.min() > -_UNITS[1] else -math.inf
        high = float(y.max()) if math.isfinite(high) and y.max() < _UNITS[1] else math.inf
        return low, high


_PROBE = np.concatenate(
    [-np.logspace(308, -3, 312), np.linspace(-10, 10, 4001), np.logspace(-3, 308, 312), [-MAX, MAX]]
)


def refuse_compat_for_none(given: Sequence, compat: str | None) -> None:
    """ValueError for a call's ``compat`` (given: None is none) where every function ``given``
    names a framework of its own, another: ``plot(('relu', {}, 'jax'), compat='keras')`` applied
    it to none without a word, where the command line refuses the same ``--compat`` (and so
    compat='torch', the default said, was let by); an unknown framework is said as such first."""
    own = [_own_framework(f) for f in given if _is_triple(f)]
    if compat is None:
        return
    functions.check_framework(compat)  # (a Spec was resolved by its caller, its framework chosen)
    if given and len(own) == len(given) and any(fw != compat for fw in own):
        who = "each names" if len(own) > 1 else "it names"
        raise ValueError(f"compat={compat!r} applies to no function here: {who} its own framework; give one")


def _own_framework(triple: tuple) -> str:
    """A (name, parameters, compat) triple's framework; ValueError, saying it is the triple's, for
    one that is none: ('gelu', {}, 'JAX') beside compat='jax' was "compat='jax' applies to no
    function here", and ('gelu', {}, None) "compat must be one of ..., not None", as if the call's."""
    try:
        functions.check_framework(triple[2])
    except ValueError:
        known = ", ".join(functions.FRAMEWORKS)
        raise ValueError(f"{triple!r}: its framework (the third item) is one of {known}, not {triple[2]!r}") from None
    return triple[2]


def _is_triple(function: object) -> bool:
    return isinstance(function, tuple) and len(function) == 3 and isinstance(function[1], Mapping)


def _command_line_spelling(name: str) -> None:
    """KeyError for a name spelt as on the command line, saying its Python spelling, a framework in
    the tuple: actplot.diff("gelu", "gelu@jax") said only "no activation named 'gelu@jax'; did you
    mean gelu or geglu?"; actplot.plot's hint '... with actplot.plot(..., compat='keras2')' set
    every function's framework."""

    def python(base: str, given: list[tuple[str, str]], framework: str | None, dtype: str | None) -> str:
        given = [*given, *([("dtype", repr(dtype))] if dtype else [])]  # plot's dict takes the dtype
        settings = "{" + ", ".join(f"{key!r}: {value}" for key, value in given) + "}"
        if framework is not None:  # that function's framework only ('..., compat=' set every function's)
            return f"({base!r}, {settings}, {framework!r})"
        return f"({base!r}, {settings})" if given else repr(base)

    functions.command_line_spelling(name, python)


def _number(text: str) -> str:
    """A number as a title shows it: with a true minus sign."""
    return text.replace("-", "\u2212")


@dataclass(frozen=True)
class Series:
    """One line, set of points or set of bars; ``dashed`` marks a derivative; series of one
    ``group`` (a function and its derivative) share a colour. Bars carry ``labels``, the values
    written on them, and ``values``, the values they stand for, where ``y`` is the heights they are
    drawn to (an infinite value's bar reaches the edge of the axes, a NaN's has no height)."""

    label: str
    x: np.ndarray
    y: np.ndarray
    style: str = "curve"
    dashed: bool = False
    group: int = 0
    labels: tuple[str, ...] = ()
    values: np.ndarray | None = None


@dataclass(frozen=True)
class Chart:
    """Everything one panel shows. ``title`` is literal text (a ``$`` is a dollar); ``formula`` is
    matplotlib mathtext (without the dollars), drawn under the title in images and left out in
    the terminal. The limits are always set; ``xunit``/``yunit`` are the powers of ten the axes
    are drawn in (0 but for the extremes: the data and limits are then in those units). ``note``
    says what the drawing leaves out (samples that are not finite), under the x axis."""

    title: str
    series: tuple[Series, ...]
    xlim: tuple[float, float]
    ylim: tuple[float, float]
    formula: str = ""
    xlabel: str = "x"
    ylabel: str = "h(x)"
    legend: bool = False
    xunit: int = 0
    yunit: int = 0
    note: str = ""

    @property
    def bars(self) -> bool:
        return any(s.style == "bars" for s in self.series)


# Building charts


def function_chart(
    spec: Spec,
    x: np.ndarray,
    *,
    style: str = "curve",
    derivative: bool = False,
    with_derivative: bool = False,
    y: np.ndarray | None = None,
    title: str | None = None,
    xlim: tuple[float, float] | None = None,
    ylim: tuple[float, float] | None = None,
) -> Chart:
    """One activation (or its ``derivative``) at x as a ``style`` of "curve", "points" or "bars";
    ``with_derivative`` overlays the derivative, dashed. ``y`` is the values already computed
    (the CLI prints and draws the same numbers); by default they are computed here."""
    x = np.asarray(x, dtype=np.float64)
    y = spec.values(x, derivative) if y is None else np.asarray(y, dtype=np.float64)
    style = _one_sample_is_a_point(style, x)
    name = spec.label(derivative)
    series = [_series(spec, name, x, y, style, derivative, dashed=False, group=0)]
    if with_derivative:
        dy = spec.values(x, derivative=True)
        series.append(_series(spec, spec.label(True), x, dy, style, True, dashed=True, group=1))
    if style == "bars":
        if xlim is not None:
            # bars stand one per entry, at its index: 'softmax 1 2 3 --xlim 10 20' drew all three
            raise ChartError(
                f"xlim does not apply to {spec.record.name}'s bars (one per entry of the vector, in order):"
                " give the entries to draw"
            )
        probabilities = not derivative and spec.record.output_range == (0.0, 1.0)
        chart = _bar_chart(series, ylim, probabilities)
        prime = "'" if derivative else ""
        labels = {"xlabel": "input x", "ylabel": f"{spec.record.name}{prime}(x)"}
    else:
        # A point on the frame would be cut in half: points keep a margin where a curve ends at the data.
        edge = _PAD if style == "points" else 0.0
        chart = _limits(series, xlim, ylim, (-math.inf, math.inf) if derivative else spec.bounds(), edge)
        labels = {"ylabel": _y_label(spec, derivative, with_derivative)}
    if style != "bars":  # a bar of an infinite value reaches the frame, a NaN's is labelled
        note = _not_drawn(
            [(spec.name(derivative), x, y)] + ([(spec.name(True), x, dy)] if with_derivative else []),
            why=_why_not_finite([spec], [y] + ([dy] if with_derivative else []), x),
        )
        labels["note"] = note
    whole = _one_vector(spec, x, style)
    if whole and title is not None:  # said in the title, or under the x axis where the user's title replaces it
        labels["note"] = "; ".join(filter(None, [whole, labels["note"]]))
    title = (f"{name} of {whole}" if whole else name) if title is None else title
    formula = "" if derivative or not title.strip() else spec.formula()  # (a title of spaces is none, as '')
    chart = replace(chart, title=title, formula=formula, legend=with_derivative, **labels)
    return _units(_said_if_empty(chart))


def _y_label(spec: Spec, derivative: bool, with_derivative: bool) -> str:
    """h(x) or h'(x), as the article writes them; a gated unit's y (its formula's) or the partial
    by the half its slice varies, which says which partial the dashed curve is (a sheet's panel
    has no legend)."""
    if not spec.record.gated:
        return "h'(x)" if derivative else "h(x)"
    partial = f"\u2202y/\u2202{spec.name(True)[-1]}"
    return partial if derivative else f"y, {partial} dashed" if with_derivative else "y"


def _one_vector(spec: Spec, x: np.ndarray, style: str) -> str:
    """What a vector function drawn over a range shows, said: the samples of x form one vector,
    and each point is that entry of f(vector) (softmax of 61 samples is not a curve of x alone)."""
    if not spec.record.drawn_as_bars or style == "bars":
        return ""
    return f"x as one vector of {x.size} {'entry' if x.size == 1 else 'entries'}"


def comparison_chart(
    specs: Sequence[Spec],
    x: np.ndarray,
    *,
    with_derivative: bool = False,
    title: str | None = None,
    xlim: tuple[float, float] | None = None,
    ylim: tuple[float, float] | None = None,
    names: Sequence[str] | None = None,
) -> Chart:
    """Several functions over the same x, each in its own colour (and marker, past ten); each
    derivative is dashed in its function's colour. The y-limits hold the output ranges of all.
    ``names``: what the note of samples not drawn calls each (diff's f and g, of one function); by default its
    name, or its legend label where a name is drawn twice with different labels."""
    x = np.asarray(x, dtype=np.float64)
    style = _one_sample_is_a_point("curve", x)
    series, values = [], []
    # what is not drawn is said by name, or by legend label where a name is drawn twice: 'diff exponential
    # exponential@jax' said "exponential at 103 of 201 samples" twice
    labels = Counter(name for name, _ in {(spec.record.name, spec.label()) for spec in specs})
    for group, spec in enumerate(specs):
        y = spec.values(x)
        series.append(_series(spec, spec.label(), x, y, style, False, dashed=False, group=group))
        twice = labels[spec.record.name] > 1  # (a name drawn twice alike is said once, in _not_drawn)
        name = names[group] if names else spec.label() if twice else spec.record.name
        values.append((name, x, y))
        if with_derivative:
            dy = spec.values(x, derivative=True)
            series.append(_series(spec, spec.label(True), x, dy, style, True, dashed=True, group=group))
            values.append((f"{name}'" if names or not twice else spec.label(True), x, dy))
    lows, highs = zip(*(spec.bounds() for spec in specs), strict=True)
    chart = _limits(series, xlim, ylim, (min(lows), max(highs)), _PAD if style == "points" else 0.0)
    default_title = ", ".join(spec.label() for spec in specs)
    title = default_title if title is None else title
    note = _not_drawn(values, why=_why_not_finite(specs, [y for _, _, y in values], x))
    return _units(_said_if_empty(replace(chart, title=title, legend=True, note=note)))


def _said_if_empty(chart: Chart) -> Chart:
    """A chart whose limits (``--xlim``, ``--ylim``) hold none of its samples says so under its x
    axis, with where the samples are: an empty frame is not a picture of the function."""
    if chart.bars:
        return _bars_said_if_unseen(chart)
    inside = [
        (s.x >= chart.xlim[0]) & (s.x <= chart.xlim[1]) & (s.y >= chart.ylim[0]) & (s.y <= chart.ylim[1])
        for s in chart.series
    ]
    if any(seen.any() for seen in inside):
        return chart
    finite = [np.isfinite(s.x) & np.isfinite(s.y) for s in chart.series]
    xs = np.concatenate([s.x[kept] for s, kept in zip(chart.series, finite, strict=True)])
    ys = np.concatenate([s.y[kept] for s, kept in zip(chart.series, finite, strict=True)])
    if not xs.size and chart.note:
        # no sample is finite: what is not drawn says why the frame is empty ('relu nan' said
        # "no sample within these limits", with no limits given)
        return chart
    # said in the axis that leaves them out, of the samples it leaves out: 'relu 1 --ylim 2 3' said "it
    # lies at x = 1", within the x limits; and one value, or a few, as they are: 'relu 1 5 --xlim 2 3'
    # said "from 1 to 5", around the limits
    within = (xs >= chart.xlim[0]) & (xs <= chart.xlim[1])
    axis, values = ("y", ys[within]) if within.any() else ("x", xs)
    note = "no sample within these limits" + (f" ({_where(values, axis)})" if values.size else "")
    return _noted(chart, note)


def _bars_said_if_unseen(chart: Chart) -> Chart:
    """A bar chart whose ``--ylim`` leaves bars out says so, with the values they reach: 'softmax 1
    2 3 --ylim 2 3' drew an empty frame without a word, where a curve says "no sample within these
    limits". A bar is seen where its value lies within the limits or its span from 0 meets them over
    some height: 'log_softmax 1 2 3 --ylim 0 1' (bars below 0, touching the frame's foot) drew an
    empty frame; 'sparsemax 1 2 3 --ylim 0.5 0.6' left its two 0s out without a word."""
    # the values, not the heights the bars are drawn to: an infinite value's bar reaches the frame on
    # its side ('log_softmax 1 -inf 3 --ylim 0 1' counted −inf's as seen), a NaN's is a label at 0
    # ('softmax 1 nan 3 --ylim 0.5 1' left it out without a word)
    ys = np.concatenate([s.values for s in chart.series if s.style == "bars"])
    low, high = chart.ylim
    with np.errstate(invalid="ignore"):
        seen = ((ys >= low) & (ys <= high)) | ((np.minimum(ys, 0) < high) & (np.maximum(ys, 0) > low))
    seen |= np.isnan(ys) & (low <= 0 <= high)
    if seen.all():
        return chart
    where = _where(ys[~seen], "y", ("it reaches", "they reach"))
    if seen.any():
        note = f"{np.count_nonzero(~seen)} of {ys.size} bars outside these limits ({where})"
    else:
        note = f"no bar within these limits ({where})"
    return _noted(chart, note)


def _noted(chart: Chart, note: str) -> Chart:
    """The chart with ``note`` said first under its x axis, before what it said already."""
    return replace(chart, note=f"{note}; {chart.note}" if chart.note else note)


def _where(values: np.ndarray, axis: str, verbs: tuple[str, str] = ("it lies at", "they lie at")) -> str:
    """Where samples are, as a note says it: one value, or a few, as they are ("they lie at x = 1 and
    5"); more as their span ("they lie at y from -3 to 7"); ``verbs`` for one and for more."""
    shown = list(dict.fromkeys(_bar_label(v, 6) for v in np.sort(values)))
    verb = verbs[0] if values.size == 1 else verbs[1]
    if len(shown) > 3:
        return f"{verb} {axis} from {shown[0]} to {shown[-1]}"
    return f"{verb} {axis} = {', '.join(shown[:-1])}{' and ' if len(shown) > 1 else ''}{shown[-1]}"


def _why_not_finite(specs: Sequence[Spec], values: Sequence[np.ndarray], x: np.ndarray) -> str:
    """Why a sample is not drawn: "not finite", and in a dtype all ``specs`` share, where its values
    end (float8_e4m3fn's end at 448, past which it holds NaN: "exponential at 38 of 101 samples"
    did not say why), unless every sample not drawn is at a NaN x that the dtype did not make (one
    with infinities makes none: 'actplot exp nan 1 --dtype float16' blamed float16's 65504 for
    exp(nan) = nan). An x of the dtype's making is its own: diff samples in the dtype, where 7e4 is
    inf in float16 and 500 NaN in float8_e4m3fn."""
    dtypes = {spec.dtype for spec in specs}
    if len(dtypes) != 1 or None in dtypes:
        return "not finite"
    from actplot import precision

    fmt = precision.lookup(dtypes.pop())
    ours = np.full(x.shape, True) if not fmt.has_inf else ~np.isnan(x)
    if not any((ours & ~np.isfinite(y)).any() for y in values):
        return "not finite"
    return f"not finite in {fmt.name}, whose largest value is {_bar_label(fmt.largest, 6)}"


_LISTED_AMONG = 1000  # up to this many samples not drawn are read for their few distinct values


def _not_drawn(values: Sequence[tuple[str, np.ndarray, np.ndarray]], listed: int = 3, why: str = "not finite") -> str:
    """What a plot cannot draw, said under its x axis: the samples whose x or value is infinite or
    NaN, each as ``relu(inf) = inf`` (``relu(nan) = nan (2 samples)`` when it repeats) when there
    are few, else counted (a plot never drops data without a word); ``why`` they are not drawn."""
    parts = []
    for name, x, y in values:
        missing = ~(np.isfinite(x) & np.isfinite(y))
        count = int(missing.sum())
        # grouped by exact value, not by label: 1000.0001 and 1000.0002 were "exponential(1000) = inf (2 samples)"
        pairs = Counter()
        if count <= _LISTED_AMONG:
            pairs.update(zip(map(_exactly, x[missing]), map(_exactly, y[missing]), strict=True))
        if count and pairs and len(pairs) <= listed:
            # a legend label is no function name to call: 'elu (α = 2) at x = nan is nan'
            said = "{}({}) = {}" if " " not in name else "{} at x = {} is {}"
            short = {pair: said.format(name, _bar_label(pair[0][0], 6), _bar_label(pair[1][0], 6)) for pair in pairs}
            alike = Counter(short.values())
            for pair, times in pairs.items():
                text = short[pair] if alike[short[pair]] == 1 else said.format(name, repr(pair[0][0]), repr(pair[1][0]))
                parts.append(f"{text} ({times} samples)" if times > 1 else text)
        elif count:
            parts.append(f"{name} at {count} of {x.size} samples")
    parts = list(dict.fromkeys(parts))  # a function drawn twice alike ('plot exponential exponential@jax') said once
    return f"not drawn ({why}): {', '.join(parts)}" if parts else ""


def _exactly(value: float) -> tuple[float, bool]:
    """A sample's value as a key that tells every value apart and every NaN alike: the value as
    Python's float (which prints in full) and its sign bit (-0 is not 0)."""
    number = float(value)
    if math.isnan(number):
        return math.nan, False  # the one NaN object: a key equal to itself
    return number, math.copysign(1.0, number) < 0


def _one_sample_is_a_point(style: str, x: np.ndarray) -> str:
    """A curve through one sample (``--num 1``, or a range narrower than its step) is a line of
    no length, which draws nothing: it is drawn as a point."""
    return "points" if style == "curve" and x.size == 1 else style


def sheet_charts(specs: Sequence[Spec], x: np.ndarray | None = None) -> list[Chart]:
    """One small chart per function, with its derivative: over x (default: -5..5, widened to
    show every kink, so relu6 reaches 6), or over the article's [1, 2, 3] for vector functions; a
    gated unit along its slice (``Spec.along``)."""
    charts = []
    for spec in specs:
        if spec.record.drawn_as_bars:
            charts.append(function_chart(spec, SHEET_VECTOR, style="bars", with_derivative=True))
            continue
        values = _sheet_range(spec) if x is None else x
        charts.append(function_chart(spec, values, with_derivative=True))
    return [replace(chart, legend=False) for chart in charts]


def _sheet_range(spec: Spec, low: float = -5.0, high: float = 5.0, num: int = 201) -> np.ndarray:
    kinks = spec.kinks()
    kinks = kinks[np.abs(kinks) < 100]  # a far kink (a threshold of 1e6) is not worth the scale
    if kinks.size:
        reach = max(1.0, 0.25 * (kinks.max() - kinks.min()))
        low, high = min(low, kinks.min() - reach), max(high, kinks.max() + reach)
    return np.linspace(low, high, num)


def pages(specs: Sequence[Spec], per_page: int) -> list[list[Spec]]:
    """The functions in pages of at most ``per_page``, family by family: a family starts a new
    page when it does not fit on the current one (and fills pages of its own when it is longer)."""
    families: dict[str, list[Spec]] = {}
    for spec in specs:
        families.setdefault(spec.record.family, []).append(spec)
    result: list[list[Spec]] = []
    for members in families.values():
        if result and len(result[-1]) + len(members) <= per_page:
            result[-1].extend(members)
            continue
        result.extend(list(members[i : i + per_page]) for i in range(0, len(members), per_page))
    return result


def _series(spec, label, x, y, style, derivative, *, dashed, group) -> Series:
    if style == "curve":
        steps = _staircase(spec, x, derivative) if spec.dtype is not None else None
        x, y = steps if steps is not None else _breaks_at_jumps(spec, x, y, derivative)
    labels = tuple(_bar_label(v) for v in y) if style == "bars" else ()
    return Series(label, x, y, style, dashed, group, labels)


def _bar_label(value: float, digits: int = 4) -> str:
    return _number(f"{value:.{digits}g}" if math.isfinite(value) else str(value))


def shorter(label: str, digits: int = 3) -> str:
    """A bar's label with fewer significant digits, for a small panel or the terminal."""
    try:
        return _bar_label(float(label.replace("\u2212", "-")), digits)
    except ValueError:
        return label


# Text a user wrote (a title in any script), laid out in columns


def text_columns(text: str) -> int:
    """The columns a text takes: two for each wide character (CJK), one for any other."""
    return sum(map(_columns, text))


def _columns(char: str) -> int:
    """The columns a character takes: two for a wide one (Japanese, Chinese, full-width forms),
    none for a combining mark, else one (a terminal's cell; an image's narrow character)."""
    import unicodedata

    return 0 if unicodedata.combining(char) else 2 if unicodedata.east_asian_width(char) in "WF" else 1


def cut(text: str, width: int) -> str:
    """The text in at most ``width`` columns: its start and an ellipsis where it is wider."""
    if text_columns(text) <= width:
        return text
    used, end = 0, 0
    while used + _columns(text[end]) < width:  # one column left for the ellipsis
        used, end = used + _columns(text[end]), end + 1
    return text[:end] + "\u2026"


def wrap(text: str, width: int) -> list[str]:
    """The text's lines, each broken into lines of at most ``width`` columns: at spaces (not within
    a parenthesis a line holds), and between the characters of a word wider than a line (Japanese
    runs without spaces, and counted as characters its lines were twice as wide as the figure)."""
    wrapped = []
    for paragraph in text.splitlines():
        lines, used = [""], 0
        # a parenthesis that a line holds stays whole ("gelu (approximate =" / "none)" read badly)
        units = [" ".join(unit.split()) for unit in re.findall(r"\([^()]*\)\S*|\S+", paragraph)]  # (a tab is a space)
        words = [w for unit in units for w in ([unit] if text_columns(unit) <= width else unit.split())]
        for word in words:
            size = text_columns(word)
            if used and used + 1 + size <= width:
                lines[-1], used = f"{lines[-1]} {word}", used + 1 + size
                continue
            if used and size <= width:
                lines, used = [*lines, word], size
                continue
            if used:  # a word no line holds starts a line ("s" / "parse_sigm" / "oid" read badly)
                lines, used = [*lines, ""], 0
            for char in word:
                if used and used + _columns(char) > width:
                    lines, used = [*lines[:-1], lines[-1].rstrip(), ""], 0
                lines[-1], used = lines[-1] + char, used + _columns(char)
        wrapped += lines
    while wrapped and not wrapped[-1]:  # (a title of newlines only had kept blank room over the axes)
        wrapped.pop()
    while wrapped and not wrapped[0]:
        wrapped.pop(0)
    return wrapped


_STAIRS = 64  # between two samples at most this many values of the dtype are drawn as steps


def _staircase(spec: Spec, x: np.ndarray, derivative: bool) -> tuple[np.ndarray, np.ndarray] | None:
    """A dtype's curve over the inputs before rounding: each value of the dtype that a sample
    rounds to, and every value between two samples fewer than ``_STAIRS`` apart, as a flat step
    over exactly the inputs that round to it, the steps joined by upright segments at the
    midpoints where the rounding changes (joining the samples drew ramps through values the dtype
    never gives: float8 at a step of 0.1). Where more values lie between two samples (near 0, or
    float32 zoomed out), the steps are finer than the samples and are joined as a curve. None for
    a range the dtype holds no value of (drawn through the samples). Past the largest value (the
    inputs that round to ±inf, or NaN in float8_e4m3fn) nothing is drawn: the last step ends at
    the overflow boundary, the midpoint between the largest value and the next binade's first."""
    from actplot import precision

    if not _increasing(x):
        return None
    rounded = precision.round_to(x, spec.dtype)
    held = np.isfinite(rounded)  # rounding is monotone: the inputs it holds are one run
    if np.count_nonzero(held) < 1:
        return None
    fmt = precision.lookup(spec.dtype)
    with np.errstate(over="ignore"):  # float64's is past the largest double: inf ('sigmoid:dtype=float64' warned)
        edge = fmt.largest + precision.ulp(fmt.largest, fmt)[()] / 2  # from here on, ±inf (or NaN)
    start, stop = max(x[0], -edge), min(x[-1], edge)
    rounded = rounded[held]
    at = precision.positions(rounded, spec.dtype)
    gaps = np.diff(at)
    small = np.flatnonzero((gaps > 1) & (gaps <= _STAIRS))
    between = [np.arange(at[i] + 1, at[i + 1]) for i in small.tolist()]
    places = np.unique(np.concatenate([at, *between]))
    values = precision.at_positions(places, spec.dtype)
    y = np.asarray(spec.values(values, derivative), dtype=np.float64)
    below, above = (precision.at_positions(places + step, spec.dtype) for step in (-1, 1))
    with np.errstate(invalid="ignore", over="ignore"):
        # Where the inputs start to round to the value and where they stop (the largest value's
        # neighbour beyond is ±inf or NaN: the overflow boundary is its edge).
        low = np.clip(np.where(np.isfinite(below), (below + values) / 2, -edge), start, stop)
        high = np.clip(np.where(np.isfinite(above), (values + above) / 2, edge), start, stop)
    # Two points a step; between neighbouring steps of one value the shared edge goes.
    xs, ys = np.stack([low, high], axis=-1).ravel(), np.repeat(y, 2)
    same = np.flatnonzero((np.diff(places) == 1) & ((y[1:] == y[:-1]) | (np.isnan(y[1:]) & np.isnan(y[:-1]))))
    keep = np.ones(xs.size, dtype=bool)
    keep[2 * same + 1] = keep[2 * same + 2] = False
    # The samples past the largest value stay, undrawn (NaN), so that the axis spans the range.
    outside = x[~held]
    xs = np.concatenate([outside[outside < start], xs[keep], outside[outside > stop]])
    ys = np.concatenate(
        [
            np.full(np.count_nonzero(outside < start), np.nan),
            ys[keep],
            np.full(np.count_nonzero(outside > stop), np.nan),
        ]
    )
    return xs, ys


def _increasing(x: np.ndarray) -> bool:
    """Whether there are two samples or more, each above the one before. Compared, not subtracted:
    diff's samples in float16 over 6e4..7e4 end in +inf, and np.diff printed numpy's RuntimeWarning
    'invalid value encountered in subtract' (inf - inf)."""
    return x.size >= 2 and bool(np.all(x[1:] > x[:-1]))


def _breaks_at_jumps(spec: Spec, x: np.ndarray, y: np.ndarray, derivative: bool) -> tuple[np.ndarray, np.ndarray]:
    """The curve through every kink inside the sampled range, exactly: a corner where the
    function is continuous, and where it jumps, its one-sided limits at the kink with a break
    (NaN) between them instead of the ramp that joining the samples would draw."""
    if not _increasing(x):
        return x, y
    kinks = spec.kinks()
    finite = y[np.isfinite(y)]
    scale = _half_span(float(finite.min()), float(finite.max())) if finite.size else 1.0  # no overflow
    y = _limits_at_the_ends(spec, x, y, kinks, derivative, scale)
    kinks = kinks[(kinks > x[0]) & (kinks < x[-1])]
    if kinks.size == 0:
        return x, y
    with np.errstate(all="ignore"):
        left = spec.values(np.nextafter(kinks, -math.inf), derivative)
        right = spec.values(np.nextafter(kinks, math.inf), derivative)
        at = spec.values(kinks, derivative)
    xs, ys = [x], [y]
    keep = np.ones(x.size, dtype=bool)
    for k, before, after, value in zip(kinks, left, right, at, strict=True):
        if _jumps(before, after, scale):
            keep &= x != k  # the value at the kink itself would draw half the ramp again
            xs.append(np.array([k, k, k]))
            ys.append(np.array([before, math.nan, after]))
        elif not np.any(x == k):
            xs.append(np.array([k]))
            ys.append(np.array([value]))
    xs[0], ys[0] = x[keep], y[keep]
    x, y = np.concatenate(xs), np.concatenate(ys)
    order = np.argsort(x, kind="stable")  # the inserted points follow the samples before them
    return x[order], y[order]


def _limits_at_the_ends(spec: Spec, x: np.ndarray, y: np.ndarray, kinks, derivative: bool, scale: float) -> np.ndarray:
    """Where the range starts or ends at a jump (step over 0..1), the curve ends at the one-sided
    limit from inside the range, as at a jump inside it, instead of a ramp to the value at the kink."""
    y = y.copy()
    for end, inward in ((0, math.inf), (-1, -math.inf)):
        if np.any(kinks == x[end]):
            with np.errstate(all="ignore"):
                limit = float(spec.values(np.nextafter(x[[end]], inward), derivative)[0])
            if _jumps(y[end], limit, scale):
                y[end] = limit
    return y


def _jumps(before: float, after: float, scale: float) -> bool:
    """One-sided values further apart than a curve can join without drawing a ramp."""
    return abs(after - before) > _JUMP * (scale + abs(before) + abs(after))


# Limits


def check_limits(option: str, low: float, high: float) -> None:
    """ChartError unless ``low < high`` and an axis can resolve the span (``option`` names them)."""
    shown = " ".join(_shown(value) for value in (low, high))  # ('1.0000002 1.0000001' was said '1 1')
    if not (math.isfinite(low) and math.isfinite(high)):
        raise ChartError(f"{option} needs finite limits, not {shown}")
    if not low < high:
        raise ChartError(f"{option} needs LOW < HIGH, not {shown}")
    if not _resolves(low, high):
        raise ChartError(
            f"{option} {shown} is narrower than a plot can show: "
            f"HIGH - LOW must be at least {NARROWEST:g} of their size{_subnormal_span(low, high)}"
        )


def _check_span(low: float, high: float) -> None:
    """ChartError for a curve over x from ``low`` to ``high`` that an axis cannot resolve: it was
    drawn as nothing, on limits widened to 5% around it ('--range 1 1.0000000000000004 --num 3',
    a sheet over one ulp)."""
    if low < high and not _resolves(low, high):
        raise ChartError(
            f"range {_shown(low)} to {_shown(high)} is narrower than a plot can show: "
            f"STOP - START must be at least {NARROWEST:g} of their size{_subnormal_span(low, high)}"
        )


def _resolves(low: float, high: float, fewest: int = FEWEST_DOUBLES) -> bool:
    """Whether an axis resolves the span from ``low`` to ``high`` (not beyond each other): at least
    ``NARROWEST`` of their size, and ``FEWEST_DOUBLES`` doubles: among the subnormals, whose
    spacing is 5e-324 whatever their size, a curve from 0 to 1e-323 was drawn from one ulp
    beside its kink (relu(0) drawn at 5e-324, half the axis). Measured whole, not by halves,
    which round to 0 there; a span beyond the doubles (-1e308 to 1e308) is resolved."""
    with np.errstate(over="ignore"):
        span = np.float64(high) - np.float64(low)
    return bool(span > NARROWEST * max(abs(low), abs(high)) and span >= fewest * _SMALLEST)


_SMALLEST = 5e-324  # the smallest double: the spacing of the subnormals


def _subnormal_span(low: float, high: float) -> str:
    """What ``_resolves`` asks too, where that is what a span lacks (among the subnormals)."""
    narrowest = FEWEST_DOUBLES * _SMALLEST
    return f" and at least {narrowest:.3g}" if NARROWEST * max(abs(low), abs(high)) < narrowest else ""


def _shown(value: float) -> str:
    """A limit as the messages say it: whole (repr), without a '.0' (1, not 1.0)."""
    return repr(float(value)).removesuffix(".0")


def _half_span(low: float, high: float) -> float:
    return high / 2 - low / 2  # no overflow at ±1.8e308


def _padded(low: float, high: float, pad_low: float, pad_high: float) -> tuple[float, float]:
    """``low``, ``high`` widened by fractions of their span; a span too narrow to resolve (or
    empty) is widened to 5% of its size (1 around zero), as matplotlib does."""
    half = _half_span(low, high)
    centre = low / 2 + high / 2
    # (data a few subnormals apart widened: 5% was 0, the limits one value and matplotlib's warning
    # on stderr for points 0, 5e-324 and 1e-323; data of more, as sigmoid's 80 subnormals on
    # -745..-740, kept as they are, not lost on a widened axis)
    if not _resolves(low, high, _FEWEST_DRAWN):
        half = max(0.05 * abs(centre), _FEWEST_DRAWN * _SMALLEST) if centre != 0 else 1.0
        low, high = centre - half, centre + half
    low, high = low - 2 * half * pad_low, high + 2 * half * pad_high
    return max(low, -MAX), min(high, MAX)


def _limits(series, xlim, ylim, bounds, edge: float = 0.0) -> Chart:
    """A chart of curves or points with its limits: x from the data (5% beside), y from the data
    in view and the output range's bounds that the data comes near (with the article's margin)."""
    if xlim is None:
        xs = np.concatenate([s.x[np.isfinite(s.x)] for s in series])
        if xs.size and any(s.style == "curve" for s in series):
            _check_span(float(xs.min()), float(xs.max()))
        xlim = _padded(float(xs.min()), float(xs.max()), _PAD, _PAD) if xs.size else (-1.0, 1.0)
    if ylim is None:
        ylim = _y_limits(series, xlim, bounds, edge)
    return Chart(title="", series=tuple(series), xlim=tuple(map(float, xlim)), ylim=tuple(map(float, ylim)))


def _y_limits(series, xlim, bounds, edge: float) -> tuple[float, float]:
    shown = [s.y[(s.x >= xlim[0]) & (s.x <= xlim[1]) & np.isfinite(s.y)] for s in series]
    ys = np.concatenate(shown)
    if ys.size == 0:
        return -1.0, 1.0
    data_low, data_high = float(ys.min()), float(ys.max())
    low_bound, high_bound = bounds
    # A bound is in view when the data reaches within _NEAR of the span it makes with the bound.
    keep_low = math.isfinite(low_bound) and low_bound <= data_low
    keep_low = keep_low and _half_span(low_bound, data_low) <= _NEAR * _half_span(low_bound, data_high)
    keep_high = math.isfinite(high_bound) and high_bound >= data_high
    keep_high = keep_high and _half_span(data_high, high_bound) <= _NEAR * _half_span(data_low, high_bound)
    kept = keep_low + keep_high
    if kept == 0:
        return _padded(data_low, data_high, _PAD, _PAD)
    low = low_bound if keep_low else data_low
    high = high_bound if keep_high else data_high
    # The article's margins on the bounds; an unbounded side ends at the data (ReLU: -1..5), but
    # where a curve runs along it (relu on 1e6..1e6+1 beside its derivative lay on the frame)
    margin = _MARGIN / kept
    pad_low = margin if keep_low else edge if math.isinf(low_bound) and not _along(shown, data_low, low, high) else _PAD
    pad_high = (
        margin if keep_high else edge if math.isinf(high_bound) and not _along(shown, data_high, low, high) else _PAD
    )
    return _padded(low, high, pad_low, pad_high)


def _along(shown: list[np.ndarray], value: float, low: float, high: float) -> bool:
    """Whether a series that reaches ``value`` (the data's top or bottom) stays near it, within
    ``_NEAR`` of the span from ``low`` to ``high``: drawn on the frame, it would read as the frame."""
    return any(
        ys.size and value in (ys.min(), ys.max()) and _half_span(ys.min(), ys.max()) < _NEAR * _half_span(low, high)
        for ys in shown
    )


def _bar_chart(series, ylim, probabilities: bool) -> Chart:
    """Bars stand at the inputs' indices; the y-limits hold zero, every finite value and room for
    the labels (probabilities: the whole unit interval)."""
    n = series[0].x.size
    values = np.concatenate([s.y for s in series])
    finite = values[np.isfinite(values)]
    if ylim is None:
        low = min(0.0, float(finite.min())) if finite.size else 0.0
        high = max(0.0, float(finite.max())) if finite.size else 0.0
        if probabilities:
            high = max(high, 1.0)
        pad_low = 0.15 if low < 0 or np.any(values == -math.inf) else 0.0
        pad_high = 0.15 if high > 0 or np.any(values == math.inf) else 0.0
        ylim = _padded(low, high, pad_low, pad_high)
    # An infinite value's bar reaches the frame, as does one beyond the limits that crosses it (its
    # label, at its end past the frame, was not drawn: 'softmax 1 2 3 --ylim 0 0.5'); a NaN's has no
    # height: their labels say which.
    low, high = ylim

    def height(v: float) -> float:
        if math.isnan(v):
            return 0.0
        if v > high and (high > 0 or math.isinf(v)):
            return high
        if v < low and (low < 0 or math.isinf(v)):
            return low
        return v

    heights = [np.array([height(v) for v in s.y.tolist()]) for s in series]
    drawn = tuple(replace(s, y=y, values=s.y) for s, y in zip(series, heights, strict=True))
    return Chart(title="", series=drawn, xlim=(-0.6, n - 0.4), ylim=tuple(map(float, ylim)))


# Units for the extremes


def _unit(limits: tuple[float, float]) -> int:
    size = max(abs(limits[0]), abs(limits[1]))
    if _UNITS[0] <= size < _UNITS[1] or size == 0:
        return 0
    return math.floor(math.log10(size))


def _scaled(values: np.ndarray, unit: int) -> np.ndarray:
    # Two factors: 10**±320 alone is out of the double range.
    with np.errstate(all="ignore"):
        return values * 10.0 ** -(unit // 2) * 10.0 ** -(unit - unit // 2)


def _unit_label(label: str, unit: int) -> str:
    """An axis label with its unit: ``x (×10³⁰⁸)``."""
    return f"{label} (×10{str(unit).translate(_SUPERSCRIPT)})" if unit else label


def _units(chart: Chart) -> Chart:
    xunit = 0 if chart.bars else _unit(chart.xlim)
    yunit = _unit(chart.ylim)
    if not (xunit or yunit):
        return chart
    series = tuple(
        replace(
            s,
            x=_scaled(s.x, xunit),
            y=_scaled(s.y, yunit),
            values=None if s.values is None else _scaled(s.values, yunit),
        )
        for s in chart.series
    )
    return replace(
        chart,
        series=series,
        xlim=tuple(map(float, _scaled(np.array(chart.xlim), xunit))),
        ylim=tuple(map(float, _scaled(np.array(chart.ylim), yunit))),
        xlabel=_unit_label(chart.xlabel, xunit),
        ylabel=_unit_label(chart.ylabel, yunit),
        xunit=xunit,
        yunit=yunit,
    )


# Ticks, for a backend that has no locator of its own


def ticks(low: float, high: float, count: int) -> np.ndarray:
    """At most ``count`` (at least 2) round values (1, 2 or 5 times a power of ten, multiples of
    the step) within [low, high]. Where the steps jump from more than ``count`` values to one, the
    first and last multiples of the finer step (sigmoid on 0..1 at 10 rows: 0.5 and 0.7, not the
    ends 0.4758 and 0.7328); the ends when no round step fits."""
    count = max(count, 2)
    span = high - low
    if not (math.isfinite(span) and span > 0):
        return np.array([low])
    raw = span / (count - 1)
    exponent = math.floor(math.log10(raw))
    finer = None
    for factor in (1, 2, 2.5, 5, 10):
        step = factor * 10.0**exponent
        first, last = _multiples(low, high, step)
        if last - first + 1 <= count:
            values = np.arange(first, last + 1) * step
            if values.size >= 2:
                return values
            break
        if factor != 2.5:  # two ticks of a 2.5 step read longer: 0.325, 0.375 for 0.32, 0.38
            finer = (first * step, last * step)
    for factor in (5, 2, 1) if finer is None else ():  # the first step held one value: the decade below
        step = factor * 10.0 ** (exponent - 1)
        first, last = _multiples(low, high, step)
        if last > first:
            finer = (first * step, last * step)
            break
    return np.array(finer if finer is not None else (low, high))


def _multiples(low: float, high: float, step: float) -> tuple[int, int]:
    """The first and last multiples of ``step`` within [low, high], in steps: by division, put
    right where it rounds (5e-324 / 2 is 0, and 0 was a tick below 5e-324)."""
    first, last = math.ceil(low / step), math.floor(high / step)
    first += first * step < low
    last -= last * step > high
    return first, last


def tick_labels(values: np.ndarray) -> list[str]:
    """The shortest labels that tell the ticks apart and read as their values, with a true minus;
    written out (1000, 50000, 0.0002), not in powers of ten, between 1e-4 and 1e6, as matplotlib's."""
    step = float(np.min(np.diff(values))) if values.size > 1 else abs(float(values[0])) or 1.0
    largest = float(np.max(np.abs(values)))
    plain = 1e-4 <= largest < 1e6
    for digits in range(1, 18):
        if plain:
            labels = [
                np.format_float_positional(v, precision=digits, unique=False, fractional=False, trim="-")
                for v in values
            ]
        else:
            labels = [f"{v:.{digits}g}" for v in values]
        # within a millionth of the step, or of the tick's own rounding (k * step is a double:
        # 0.9999999999992 was written 0.9999999999992001, 123456789.12325 123456789.12325001)
        if len(set(labels)) == len(labels) and all(
            abs(float(t) - v) <= max(1e-6 * step, 4 * np.spacing(abs(v))) for t, v in zip(labels, values, strict=True)
        ):
            break
    return [_number("0" if float(label) == 0 else label) for label in labels]


def value_labels(values: np.ndarray) -> list[str]:
    """Labels of the inputs a bar stands for, in their order, with a true minus: as %g with as many
    digits as tell the distinct values apart (6 at least, 17 at most: 1, 1.000001 and 1.000002
    were all "1", -1e15 and -999999999999999 "-1e+15", as if one input gave several outputs), or
    each value's shortest form (its repr) where that is shorter."""
    for digits in range(6, 18):
        # each value's shortest form where it is no longer (0.1, not 0.10000000000000001; 5e-324)
        labels = [min(f"{v:.{digits}g}", repr(float(v)).removesuffix(".0"), key=len) for v in values]
        # each label of one value (-0 and 0 are one: counting labels, their two hid 1 and 1.000001's one)
        said: dict[str, object] = {}
        if all(
            said.setdefault(label, "nan" if v != v else float(v)) == ("nan" if v != v else float(v))
            for label, v in zip(labels, values, strict=True)
        ):
            break
    return [label.replace("-", "\u2212") for label in labels]


# A stack of charts


@dataclass(frozen=True)
class Stack:
    """Charts one above the other over one x axis, each on its own y scale, ``heights`` their
    shares of the height: the two curves of ``actplot diff`` over their difference."""

    charts: tuple[Chart, ...]
    heights: tuple[float, ...]


def difference_chart(
    f: Spec,
    g: Spec,
    x: np.ndarray,
    *,
    title: str | None = None,
    xlim: tuple[float, float] | None = None,
    ylim: tuple[float, float] | None = None,
) -> Stack:
    """Two functions over the same x, and beneath them their difference f - g on its own scale
    (``ylim`` limits the curves' panel only)."""
    x = np.asarray(x, dtype=np.float64)
    curves = comparison_chart(
        [f, g],
        x,
        title=f"{f.label()} vs {g.label()}" if title is None else title,
        xlim=xlim,
        ylim=ylim,
        names="fg" if f.record.name == g.record.name else None,  # as the report names them
    )
    if len(curves.series) == 2:  # named as the text report names them: f = gelu, g = gelu (...)
        named = tuple(replace(s, label=f"{n} = {s.label}") for n, s in zip("fg", curves.series, strict=True))
        # in the curves' unit: exponential against softplus at 700..720 is drawn in 10^308s
        curves = replace(curves, series=named, ylabel=_unit_label("f(x), g(x)", curves.yunit))
    yf, yg = f.values(x), g.values(x)
    with np.errstate(invalid="ignore", over="ignore"):
        gap = Series("f - g", x, yf - yg, group=2)
    below = replace(_limits([gap], xlim, None, (-math.inf, math.inf)), xlabel="x", ylabel="f(x) - g(x)")
    # What is not drawn is said under the lowest x axis (under the curves' hidden one it stood behind
    # the difference's panel), and so is a difference beyond the doubles of two finite values
    # (identity against leaky_relu with alpha -1 at -1.7e308: -3.4e308).
    beyond = np.isfinite(yf) & np.isfinite(yg) & ~np.isfinite(gap.y)
    note = _not_drawn([("(f-g)", x[beyond], gap.y[beyond])], why="beyond the doubles")
    below = replace(below, note="; ".join(filter(None, [curves.note, note])))
    return Stack((replace(curves, xlabel="", note=""), _units(below)), (3.0, 2.0))
