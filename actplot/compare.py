"""Two questions about numbers: how far apart two functions (or two settings of one) are over a
range (``diff``), and how far another program's values of a function are from the exact ones
(``check``). Plain functions on arrays and records; the command line and the Python API call them.

Differences in ulp count the values of the dtype between two results (0 for the same value, +0
and -0 alike, NaN and NaN alike; 1 for neighbours, the largest finite value and inf included;
inf where one is NaN and the other not).
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from actplot import figures, functions, inputs, precision
from actplot._exact import two_prod
from actplot.functions import Activation

if TYPE_CHECKING:
    from collections.abc import Iterable

    from numpy.typing import ArrayLike

    from actplot import charts

DTYPES = tuple(precision.DTYPES)
"""The dtypes ``diff`` and ``check`` compare in (``actplot.precision``'s)."""


class CompareError(ValueError):
    """A comparison that cannot be made: a vector function, an unknown dtype, inputs of unequal length."""


@dataclass(frozen=True)
class Side:
    """One function of a comparison as evaluated: how it is labelled (``hard_sigmoid@keras2``,
    ``leaky_relu (alpha=0.2)``), its name and the parameters in force."""

    label: str
    function: str
    params: dict


@dataclass(frozen=True)
class Difference:
    """How far ``g`` is from ``f`` at the sampled points, named as in ``actplot diff``'s JSON.

    ``max_abs_diff``: the largest |f(x) - g(x)|, first reached at ``max_abs_diff_x``;
    ``max_rel_diff``: the largest |f(x) - g(x)| / max(|f(x)|, |g(x)|) (0 where both are 0; its
    limit 1 where one side is ±inf and the other a number, 2 for +inf against -inf), at
    ``max_rel_diff_x``; ``mean_abs_diff``: the mean of |f(x) - g(x)|; ``max_ulp_diff``: the
    largest number of values of ``dtype`` between f(x) and g(x), at ``max_ulp_diff_x``. Each x is
    None where the largest difference is 0 (the functions agree at every sample). With a narrow
    ``dtype`` each x is the value it holds, as a double; the JSON writes the shortest text that
    reads back to the same value of ``dtype``. ``notes``: what the figures do not say, one
    sentence each (a side beyond float8_e4m3fn's largest value, NaN there).
    """

    f: Side
    g: Side
    dtype: str
    start: float
    stop: float
    count: int
    max_abs_diff: float
    max_abs_diff_x: float | None
    max_rel_diff: float
    max_rel_diff_x: float | None
    mean_abs_diff: float
    max_ulp_diff: float
    max_ulp_diff_x: float | None
    notes: tuple[str, ...] = ()


def refusal(
    record: Activation,
    command: str,
    gate_options: Sequence[str] = (),
    own_options: Sequence[str] = (),
    dtype: str = "float64",
    *,
    python: bool = False,
) -> str | None:
    """Why ``command`` (diff, check) does not apply to ``record``, or None, said of the command
    line's command or, where ``python``, of the Python entry (actplot.diff): both take a function of
    one number; ``diff`` takes a gated unit along the slice its plots draw (the gated half x, the
    other 1), ``check`` does not (its pairs hold one input): check's line for its gate carries
    ``gate_options`` (``--approximate tanh --dtype float16``), the unit's own line ``own_options``
    (its settings and ``dtype``; float64's values without one, as check's)."""
    if record.gated and command == "check":
        from actplot import shell
        from actplot.functions.gated import GATE_FUNCTIONS

        line = shell.join(["actplot", "check", GATE_FUNCTIONS[record.name], *gate_options])
        # with the dtype given, else float64's values, as check's ('--dtype D' failed where pasted)
        own = shell.join(["actplot", record.name, *own_options])
        return (
            f"{record.name} is a function of two numbers a, b and 'actplot check' reads x y pairs of a function "
            f"of one: check its gate on x y pairs ('{line}'), or "
            f"compare with {_values_of(_dtype(dtype))} '{own}' on your a b rows"
        )
    if record.vector and not record.gated:
        entry = f"actplot.{command}" if python else f"'actplot {command}'"
        return f"{record.name} is a vector function: {entry} takes functions of one number"
    return None


def side(function: str | tuple | Side | charts.Spec, compat: str = "torch") -> tuple[Side, Activation]:
    """A function given as ``"name"``, ``("name", {param: value})``, ``("name", {param: value},
    compat)`` or a ``charts.Spec``: its parameters in force (the framework's defaults, then those
    given), labelled as a plot labels it, and its record.

    Raises KeyError for an unknown name, CompareError for a vector function, ValueError for an
    unknown parameter, ParameterError for a value outside the function's domain.
    """
    from actplot.charts import Spec  # not on the printing path

    if isinstance(function, Side):
        return function, functions.get(function.function)
    spelt = functions.spelling(function).dtypes() if isinstance(function, str) else []
    if spelt and (reason := refusal(functions.base_record(function), "diff", python=True)):
        raise CompareError(reason)  # (a vector function first: 'softmax:dtype=half')
    if spelt:  # plot's hint, ('leaky_relu', {'dtype': 'float16'}), is refused by diff in turn
        raise CompareError(f"{function!r}: diff takes one dtype for both sides: diff(..., dtype={_dtype(spelt[0])!r})")
    spec = Spec.resolve(function, compat)
    reason = refusal(spec.record, "diff", python=True)  # (before the dtype's: softmax in two dtypes)
    if reason is not None:
        raise CompareError(reason)
    if spec.dtype is not None:  # ('sigmoid', {'dtype': 'float16'}) was labelled float16, compared in float64
        raise CompareError(f"diff takes one dtype for both sides: diff(..., dtype={spec.dtype!r})")
    # A name that fixes a parameter (gelu_new) is its function with it: Side names the function.
    return Side(spec.label(), spec.record.name, {**spec.record.fixed, **spec.params}), spec.record


def _one_dtype(f, g, dtype: str | None) -> tuple[object, object, str]:
    """Sides that name their own dtypes (``sigmoid:dtype=half``, ``("tanh", {"dtype": "float16"})``)
    without them, and the dtype, where every side's, its own or ``dtype``, is one; CompareError
    where each names its own and ``dtype`` (given: None is none, float64) is none of them; the
    sides and ``dtype`` as given otherwise (``side`` and ``_refuse_one_function_in_two_dtypes``
    say what is wrong)."""
    own = [_own_dtype(entry) for entry in (f, g)]
    given, dtype = dtype, "float64" if dtype is None else dtype
    if not any(own):
        return f, g, dtype
    # (dtype='float64' said too: diff('sigmoid:dtype=half', 'tanh:dtype=half', dtype='float64') was float16's)
    if all(own) and given is not None and any(named != _dtype(dtype) for named in own):
        raise CompareError(f"dtype={dtype!r} applies to no side here: each names its own dtype; give one")
    effective = {named or _dtype(dtype) for named in own}
    if len(effective) > 1:
        return f, g, dtype
    return *(_without_dtype(entry) for entry in (f, g)), effective.pop()


def _own_dtype(entry) -> str | None:
    """The dtype a side names, by its name, or None (one it cannot be read from is side's to say)."""
    try:
        if isinstance(entry, str):
            return functions.spelt_dtype(entry, functions.spelling(entry))
        if isinstance(entry, tuple) and len(entry) in (2, 3) and isinstance(entry[1], Mapping):
            named = [value for key, value in entry[1].items() if functions.is_dtype_key(key)]
            return _dtype(named[0]) if len(named) == 1 and named[0] is not None else None
    except (KeyError, CompareError):
        return None
    return None


def _without_dtype(entry):
    """A side without the dtype it names."""
    if isinstance(entry, str):
        return functions.spelling(entry).without_dtype().written()
    if isinstance(entry, tuple):
        name, params, *rest = entry
        return (
            name,
            {k: v for k, v in params.items() if not functions.is_dtype_key(k)},
            *rest,
        )
    return entry


def _refuse_one_function_in_two_dtypes(f, g, compat: str, dtype: str, sampling) -> None:
    """CompareError where the sides are one function but for their dtypes (a side's own, else
    ``dtype``): ``dtype=`` would compare it with itself (diff('sigmoid', ('sigmoid', {'dtype':
    'float16'})) was told "diff(..., dtype='float16')"); ``dtype_question`` says what is meant."""
    from dataclasses import replace

    from actplot.charts import Spec

    specs = []
    for entry in (f, g):
        if isinstance(entry, Side):
            return
        own = _own_dtype(entry)  # a spelling's as a pair's ('sigmoid:dtype=float8_e5m2' was told dtype=)
        try:
            if isinstance(entry, str):  # its settings too ('gelu:approximate=tanh,dtype=half' beside gelu_new)
                parts = functions.spelling(entry)
                entry = (parts.name, functions.spelt_settings(entry), parts.framework or compat)
            spec = Spec.resolve(_without_dtype(entry), compat)
        except Exception:  # noqa: BLE001 - side says what is wrong with it
            return
        if refusal(spec.record, "diff") is not None:  # (a vector function: side says so, in Python's words)
            return
        specs.append(replace(spec, dtype=own or _dtype(dtype)))
    start, stop, step = inputs.range_texts(sampling[0], sampling[1])
    sampled = [
        "--range",
        start,
        stop,
        *(["--step", step] if step else []),
        *(["--num", str(sampling[2])] if sampling[2] else []),
    ]
    python = {"range": sampling[0], "step": sampling[1], "num": sampling[2]}
    if any(spec.dtype != specs[0].dtype for spec in specs) and (question := dtype_question(*specs, sampled, python)):
        for spec in specs:  # its values there are what the hint's pipeline checks (NaN against NaN: 0 ulp)
            refuse_beyond(sample(sampling[0], *sampling[1:], spec.dtype), spec.dtype)
        raise CompareError(f"diff takes one dtype for both sides{question}")


def dtype_question(
    a: charts.Spec, b: charts.Spec, sampled: Sequence[str], python: Mapping[str, object] | None = None
) -> str | None:
    """Where diff's sides ``a`` and ``b`` (each with its dtype; None is float64) are one function
    but for their dtypes: what diff's refusal says after "diff takes one dtype for both sides".
    Where one dtype holds the other's values, the command line that asks check's question instead,
    how far the coarser dtype's values are from the finer's, over the range ``sampled`` (its
    options), x printed whole (shortest float16 x, -4.9, was read back as float64's -4.9, and most
    of the "error" was the input's); for a gated unit, which check takes not, its values; where
    neither dtype holds the other's values (float16 and bfloat16), plot's line that draws both.
    None where they differ in more, or in nothing. With ``python`` (actplot.plot's keywords for
    the range: ``range``, ``step``, ``num``), the same in Python's calls (actplot.diff's refusal
    said command lines), over the caller's x for check's question."""
    from actplot import precision, shell

    # the parameters a name fixes too: gelu_new is gelu:approximate=tanh
    if (a.record.name, {**a.record.fixed, **a.params}) != (b.record.name, {**b.record.fixed, **b.params}):
        return None
    coarse, fine = sorted(
        (precision.lookup(spec.dtype or "float64") for spec in (a, b)), key=lambda d: (d.precision, d.largest)
    )
    if coarse.name == fine.name:
        return None
    name, options = a.record.alias or a.record.name, functions.command_options(a.record, a.params, a.compat)
    if python is not None:
        return _python_question(a, coarse.name, fine.name, precision.holds(fine, coarse), python)
    if not precision.holds(fine, coarse):  # (float8_e5m2 and float8_e4m3fn): both drawn, as plot draws them
        pictured = [_spelt(name, options, spec.dtype or "float64") for spec in (a, b)]
        line = shell.join(["actplot", "plot", *pictured, *sampled, "-o", f"{name}.png"])
        neither = "neither dtype holds the other's values"
        return f", and here they differ in nothing else, and {neither}; plot draws both: {line}"
    values = shell.join(["actplot", name, *options, "--dtype", coarse.name, *sampled, "--precision", "17"])
    if a.record.gated:
        return f", and here they differ in nothing else; {name}'s correctly rounded values in {coarse.name}: {values}"
    checked = shell.join(
        ["actplot", "check", name, *options, *(["--dtype", fine.name] if fine.name != "float64" else [])]
    )
    exact = "the exact values" if fine.name == "float64" else f"{name} in {fine.name}"
    return (
        f", and here they differ in nothing else; how far {name} in {coarse.name} is from {exact}: {values} | {checked}"
    )


def _python_question(spec: charts.Spec, coarse: str, fine: str, holds: bool, sampling: Mapping) -> str:
    """``dtype_question``'s answer in Python: plot's call that draws both dtypes, the unit's values
    in the coarser, or check's calls for how far they are from the finer's, x rounded to the coarser
    first (as a model's tensor holds it)."""
    name, record = spec.record.alias or spec.record.name, spec.record
    defaults = record.defaults(spec.compat)
    given = {key: value for key, value in spec.params.items() if value != defaults.get(key)}
    if not holds:
        framework = (spec.compat,) if spec.compat != "torch" else ()
        pictured = [(name, {**given, "dtype": dtype}, *framework) for dtype in (coarse, fine)]
        keywords = "".join(f", {key}={value!r}" for key, value in sampling.items() if value is not None)
        neither = "neither dtype holds the other's values; plot draws both"
        return f", and here they differ in nothing else, and {neither}: actplot.plot({pictured!r}{keywords})"
    # over diff's samples, named (diff has no x: 'over your x' was a NameError pasted, the range lost)
    x = sample(sampling["range"], sampling["step"], sampling["num"])
    samples = f"x = np.linspace({float(x[0])!r}, {float(x[-1])!r}, {x.size})"
    if record.gated:  # along the slice diff takes (a = 1, b = x for the second gate)
        from actplot.functions.gated import varied

        halves = "np.ones_like(x), x" if varied(spec.params) == "b" else "x, np.ones_like(x)"
        values = _python_call(record, spec.params, coarse, f"np.stack([{halves}], axis=-1)")
        said = f"{name}'s correctly rounded values in {coarse}"
        return f", and here they differ in nothing else; {said}: {samples}; {values}"
    values = _python_call(record, spec.params, coarse, "xs")
    keywords = "".join(f", {key}={value!r}" for key, value in given.items())
    keywords += f", compat={spec.compat!r}" if spec.compat != "torch" else ""
    keywords += f", dtype={fine!r}" if fine != "float64" else ""
    exact = "the exact values" if fine == "float64" else f"{name} in {fine}"
    return (
        f", and here they differ in nothing else; how far {name} in {coarse} is from {exact}: "
        f"{samples}; xs = actplot.identity(x, dtype={coarse!r}); actplot.check({name!r}, xs, {values}{keywords})"
    )


def _python_call(record: Activation, in_force: Mapping, dtype: str, argument: str) -> str:
    """The call of the function ``record`` on ``argument`` (its text) with the parameters
    ``in_force`` (those other than its signature's defaults: the function takes no compat) and
    ``dtype`` (float64 none)."""
    import inspect

    signature = inspect.signature(functions.public_function(record.alias or record.name)).parameters
    own = [f"{k}={v!r}" for k, v in in_force.items() if k in signature and v != signature[k].default]
    own += [f"dtype={dtype!r}"] if dtype != "float64" else []
    return f"actplot.{record.alias or record.name}({', '.join([argument, *own])})"


def _spelt(name: str, options: Sequence[str], dtype: str) -> str:
    """A function command's name and options (``command_options``) and a dtype as plot spells
    them: ``leaky_relu@jax:alpha=0.2,dtype=float16``."""
    given = dict(zip(options[::2], options[1::2], strict=True))
    framework = given.pop("--compat", None)
    settings = [f"{option[2:].replace('-', '_')}={value}" for option, value in given.items()] + [f"dtype={dtype}"]
    return f"{name}{'@' + framework if framework else ''}:{','.join(settings)}"


def curves(f: Side, g: Side, x: np.ndarray, dtype: str = "float64") -> tuple[np.ndarray, np.ndarray]:
    """The values of both functions at x as a model in ``dtype`` computes them: each x rounded to
    the dtype, each result correctly rounded to it (``precision.evaluate``; in float64 actplot's
    own values, within 4 ulp); a gated unit along the slice its plots draw (its label says which)."""
    dtype = _dtype(dtype)
    return tuple(
        np.asarray(functions.curve(functions.get(s.function), dtype=dtype)(x, **s.params), dtype=np.float64)
        for s in (f, g)
    )


def difference(f: Side, g: Side, x: np.ndarray, yf: np.ndarray, yg: np.ndarray, dtype: str = "float64") -> Difference:
    """The figures of ``Difference`` from the values of f and g at the samples x (sorted)."""
    dtype = _dtype(dtype)
    if x.size == 0:
        raise CompareError("no samples to compare")
    refuse_beyond(x, dtype)
    same = (yf == yg) | (np.isnan(yf) & np.isnan(yg))
    with np.errstate(invalid="ignore", over="ignore"):
        absolute = np.where(same, 0.0, np.abs(yf - yg))
        absolute = np.where(np.isnan(absolute), np.inf, absolute)  # one NaN, or inf against inf
        size = np.maximum(np.abs(yf), np.abs(yg))
        relative = np.where(same, 0.0, absolute / size)
        # ±inf against a number (a side that overflows: exponential at 750) is 1, +inf against -inf
        # 2: the limits of |f - g| / max(|f|, |g|); a NaN side stays an infinite difference
        infinite = np.isinf(yf) | np.isinf(yg)
        limit = np.where(np.isinf(yf) & np.isinf(yg), 2.0, 1.0)
        relative = np.where(infinite & ~same & ~np.isnan(yf) & ~np.isnan(yg), limit, relative)
        relative = np.where(np.isnan(relative), np.inf, relative)
        # Two finite values further apart than the largest double (x and -x at 1e308): their
        # halves are not, so the relative difference (at most 2) and the mean stay numbers.
        beyond = np.isinf(absolute) & np.isfinite(yf) & np.isfinite(yg)
        if beyond.any():
            half = np.where(beyond, np.abs(yf / 2 - yg / 2), absolute / 2)
            relative = np.where(beyond, half / (size / 2), relative)
            mean = 2 * _mean(half)
        else:
            mean = _mean(absolute)
    ulps = ulp_distance(yf, yg, dtype)
    return Difference(
        f=f,
        g=g,
        dtype=dtype,
        start=float(x[0]),
        stop=float(x[-1]),
        count=int(x.size),
        max_abs_diff=float(absolute.max()),
        max_abs_diff_x=_where_largest(absolute, x),
        max_rel_diff=float(relative.max()),
        max_rel_diff_x=_where_largest(relative, x),
        mean_abs_diff=mean,
        max_ulp_diff=float(ulps.max()),
        max_ulp_diff_x=_where_largest(ulps, x),
        notes=tuple(filter(None, (_nan_beyond(s, x, y, dtype) for s, y in ((f, yf), (g, yg))))),
    )


def refuse_beyond(x: np.ndarray, dtype: str) -> None:
    """RangeError where samples ``x``, rounded to ``dtype``, are beyond its largest value (±inf, or
    NaN in float8_e4m3fn): float8_e4m3fn's samples of -1000..1000 past 448 were NaN, both sides NaN
    there, counted as no difference (500..1000: "largest absolute difference 0"), and start and stop
    were null in JSON. (A picture draws what the dtype holds and says what it does not.)"""
    beyond = np.count_nonzero(~np.isfinite(x))
    if beyond:
        raise inputs.RangeError(
            f"{beyond} of {x.size} samples are beyond {dtype}'s largest value {_largest(dtype)}, where it "
            f"holds {_holds(dtype)}: compare over a range within ±{_largest(dtype)}"
        )


def _largest(dtype: str) -> str:
    return repr(precision.lookup(dtype).largest).removesuffix(".0")


def _holds(dtype: str) -> str:
    """What ``dtype`` holds beyond its largest value."""
    fmt = precision.lookup(dtype)
    return "±inf" if fmt.has_inf else f"NaN ({dtype} has no infinity)"


def _nan_beyond(s: Side, x: np.ndarray, y: np.ndarray, dtype: str) -> str:
    """A note where ``s``'s values are NaN in ``dtype`` only because they are beyond its largest
    value, or "": float8_e4m3fn has no infinity, and exponential against relu from x = 6.2 on read
    'largest absolute difference inf at x = 6.5' with no word of why (exp(6.5) = 665 > 448)."""
    if precision.lookup(dtype).has_inf:
        return ""
    where = np.flatnonzero(np.isnan(y) & np.isfinite(x))
    if not where.size:
        return ""
    with np.errstate(all="ignore"):
        exact = np.asarray(functions.curve(functions.get(s.function))(x[where], **s.params), dtype=np.float64)
    where = where[~np.isnan(exact)]
    if not where.size:
        return ""
    count = f"{where.size} of {x.size} point{'s' * (x.size != 1)}"
    return (
        f"{s.label} is beyond {dtype}'s largest value {_largest(dtype)} at {count} "
        f"(the first at x = {float(x[where[0]])!r}), where it is {_holds(dtype)}"
    )


def diff(
    f: str | tuple | Side,
    g: str | tuple | Side,
    *,
    range: tuple[float | str, float | str] = (-5, 5),
    step: float | str | None = None,
    num: int | None = None,
    dtype: str | None = None,
    compat: str | None = None,
) -> Difference:
    """How far two functions, or two settings of one, are apart over a range.

    ``f`` and ``g`` are each a name, ``(name, {param: value})`` or ``(name, {param: value},
    compat)`` (``("hard_sigmoid", {}, "keras2")``); ``compat`` (None: "torch") gives the defaults
    of both otherwise. The closed interval ``range`` (-5..5, the article's) is sampled with ``step``
    (0.1) or at ``num`` evenly spaced points, as ``actplot FUNCTION --range`` samples it, each
    point (the exact one, its numbers read as ``plot``'s ``range`` reads them, rounded once)
    rounded to ``dtype`` (None: "float64", or the sides' own; "float32", "float16", ...), in which both
    functions are evaluated, correctly rounded, and their difference counted in ulp. Returns a
    ``Difference``.

    Raises CompareError for a vector function or an unknown dtype, ValueError
    (``inputs.RangeError``) for a range that cannot be sampled, of more than 10^7 points
    (``charts.MAX_POINTS``, as the command line) or with samples beyond the dtype's largest value,
    TypeError for a range that is not two numbers, and what ``side`` raises. ``notes`` of the
    result: sides beyond float8_e4m3fn's largest value.

    >>> d = diff("gelu", ("gelu", {"approximate": "tanh"}))
    >>> round(d.max_abs_diff, 7), d.max_abs_diff_x
    (0.0004732, 2.7)
    """
    from actplot.charts import refuse_compat_for_none

    refuse_compat_for_none([f, g], compat)
    compat = "torch" if compat is None else compat
    f, g, dtype = _one_dtype(f, g, dtype)
    try:  # the range's faults before the dtype's hint, which names the range ('--range 2 1' was said)
        x = sample(range, step, num, dtype)
        _refuse_one_function_in_two_dtypes(f, g, compat, dtype, (range, step, num))
    except inputs.RangeError as error:
        raise error.in_python() from None
    f_side, _ = side(f, compat)
    g_side, _ = side(g, compat)
    try:
        return difference(f_side, g_side, x, *curves(f_side, g_side, x, dtype), dtype)
    except inputs.RangeError as error:
        raise error.in_python() from None


def sample(range: tuple, step=None, num: int | None = None, dtype: str = "float64") -> np.ndarray:
    """The points of ``range`` as ``actplot FUNCTION --range START STOP`` samples it, each rounded
    to ``dtype`` as a model's tensor holds it (neighbouring points of a coarse dtype may coincide);
    ValueError for more than 10^7 points, before sampling."""
    dtype = _dtype(dtype)
    start, stop, step = inputs.range_texts(range, step)
    # as the command line and actplot.plot: -1e308..1e308 at the default step never finished
    figures.check_size(start, stop, step, num, "a comparison")
    return precision.round_to(np.concatenate(list(inputs.range_values(start, stop, step, num))), dtype)


def ulp_distance(a: ArrayLike, b: ArrayLike, dtype: str = "float64") -> np.ndarray:
    """How many values of ``dtype`` lie between a and b, each first rounded to ``dtype``, as float64
    whole numbers (see the module; ``precision.ulp_distance``)."""
    dtype = _dtype(dtype)
    return precision.ulp_distance(a, b, dtype)


def _mean(values: np.ndarray) -> float:
    """The mean of non-negative values to the rounding of the quotient alone: q, the exact sum
    (math.fsum) over N, and then the exact sum less q N (split by Dekker's product) over N added
    to it. numpy's pairwise sum depends on its version's loop: the README's diff of gelu and its
    tanh form printed a mean of 0.00015856573088937707 with one numpy, ...696 with another, exactly
    ...693. Where the sum is beyond the doubles (many values near 1e308) the values are scaled by a
    power of two, 1/N or less, which no sum of N of them can overflow. An infinite value makes the
    mean infinite, a NaN NaN."""
    if not np.isfinite(values).all():
        return math.nan if np.isnan(values).any() else math.inf
    scale = 1.0
    try:
        total = math.fsum(values.tolist())
    except OverflowError:
        scale = 2.0 ** -math.ceil(math.log2(values.size))
        total = math.fsum((values * scale).tolist())
    quotient = total / values.size
    if quotient == 0:
        return 0.0
    product, error = two_prod(np.float64(quotient), np.float64(values.size))
    rest = math.fsum([*(values * scale).tolist(), -float(product), -float(error)])
    return (quotient + rest / values.size) / scale


def _where_largest(values: np.ndarray, x: np.ndarray) -> float | None:
    index = int(np.argmax(values))
    return float(x[index]) if values[index] > 0 else None


def _dtype(dtype: str) -> str:
    """The dtype's name (``bf16`` is bfloat16: precision.DTYPE_ALIASES); CompareError if none."""
    try:
        return precision.lookup(dtype).name
    except ValueError:
        raise CompareError(f"unknown dtype {dtype!r}; choose from {', '.join(DTYPES)}") from None


@dataclass(frozen=True)
class Line:
    """One checked pair: its input ``line``, ``x`` and ``y`` as the dtype holds them (rounded to
    it), the exact f(x) rounded to the dtype (``expected``) and how many values of the dtype ``y``
    is from it (``ulp``)."""

    line: int
    x: float
    y: float
    expected: float
    ulp: float


@dataclass(frozen=True)
class Check:
    """How far another program's values are from the exact ones, named as in ``actplot check``'s JSON.

    ``reference`` says what y is measured against (the exact value rounded to ``dtype``);
    ``count`` pairs, ``exact`` of them equal to it (0 ulp, correctly rounded); ``max_ulp``: the
    largest error in ulp of ``dtype``, first at ``max_ulp_x`` on input line ``max_ulp_line`` (both
    None where every value is exact); ``median_ulp``; ``worst``: the lines with the largest
    errors, largest first (lines with an error only). Every x and y is the value ``dtype`` holds,
    as a double (float32's -5.55 is -5.550000190734863 here; the JSON writes the shortest text
    that reads back to the same float32 value, -5.55). ``notes``: what the figures do not say,
    one sentence each (x or y values beyond the dtype's largest value, read as ±inf or NaN; exact
    values beyond float8_e4m3fn's, NaN there).
    """

    function: str
    params: dict
    dtype: str
    reference: str
    count: int
    exact: int
    max_ulp: float
    max_ulp_x: float | None
    max_ulp_line: int | None
    median_ulp: float
    worst: tuple[Line, ...]
    notes: tuple[str, ...] = ()


def check(
    function: str | Activation,
    x: ArrayLike,
    y: ArrayLike,
    *,
    dtype: str | None = None,
    worst: int = 0,
    lines: ArrayLike | None = None,
    compat: str | None = None,
    **params,
) -> Check:
    """How far the values ``y`` that another program computed for ``function`` at ``x`` are from
    the exact f(x) rounded to ``dtype`` (None: "float64"; "float32", "float16", "bfloat16", ...), in ulp
    of ``dtype`` (``precision.correctly_rounded``; in float64 each value is decided in mpmath,
    0.1 to 0.3 ms a pair, except for the functions that are exact in float64 already).

    ``x`` and ``y`` are arrays (or lists, iterators) of one shape, read in order; each x is first
    rounded to ``dtype``, as the other program's tensor holds it, and so is each y (``Line`` holds
    them so). ``worst`` (0): how many of the worst lines to return; ``lines``: the input line of
    each pair (default 1, 2, ...); ``compat`` (None: "torch") and the function's parameters by name, as
    on the function commands. A pair with a masked value (x or y a numpy masked array) is left
    out. Raises CompareError for a vector function, an unknown dtype, unequal lengths or shapes
    (of ``lines`` too), no pairs or a negative ``worst``, TypeError for a ``worst`` that is not a
    whole number, an x or y that holds anything but real numbers (None, text, complex) or
    ``lines`` anything but whole numbers, ParameterError for a parameter outside its domain,
    KeyError for an unknown name.
    """
    _check_worst(worst)  # before a gated unit's refusal, whose hint keeps it
    # lines too, by name, as x and y are ('lines=' was dropped from the hints)
    extra = {} if lines is None else {"lines": _Named("lines")}
    record = _checkable(function, params, compat, dtype, worst, extra)
    keywords = {**functions.changed(check, dtype=dtype, compat=compat, worst=worst), **extra}
    functions.refuse_fixed(record, params, functions.keyword_spelling("check", "x, y"), keywords)
    masked = [np.ma.getmaskarray(values) if np.ma.isMaskedArray(values) else None for values in (x, y)]
    x, y = (_values(values, name) for values, name in ((x, "x"), (y, "y")))
    if x.size != y.size:
        raise CompareError(f"x and y differ in length: {x.size} and {y.size}")
    if x.shape != y.shape and x.size:  # a 2 x 2 x against 4 y was paired after flattening both
        raise CompareError(f"x and y differ in shape: {x.shape} and {y.shape}")
    shape, x, y = x.shape, x.ravel(), y.ravel()
    if not x.size:  # no median, no largest error: nothing was checked
        raise CompareError("no x y pairs to check")
    lines = np.arange(1, x.size + 1) if lines is None else _lines(lines)
    if lines.size != x.size:
        raise CompareError(f"lines and x differ in length: {lines.size} and {x.size}")
    if lines.shape not in (shape, x.shape):  # flat, or x's shape ([[7, 8]] beside two x was read)
        raise CompareError(f"lines and x differ in shape: {lines.shape} and {shape}")
    lines = lines.ravel()
    if any(mask is not None for mask in masked):  # a masked pair is no pair (its values were checked)
        kept = ~np.logical_or.reduce([mask.ravel() for mask in masked if mask is not None])
        x, y, lines = x[kept], y[kept], lines[kept]
        if not x.size:
            raise CompareError("no x y pairs to check: every pair is masked")
    chunks = ((x[i : i + _CHUNK], y[i : i + _CHUNK], lines[i : i + _CHUNK]) for i in range(0, x.size, _CHUNK))
    return check_pairs(record, chunks, dtype=dtype, worst=worst, compat=compat, **params)


def _values(values, name: str) -> np.ndarray:
    """``check``'s x or y as doubles: an iterator (a generator) read into a list first (numpy
    raised "float() argument must be ... not 'generator'"); None refused (it was a NaN pair,
    counted exact)."""
    if values is None:
        raise TypeError(f"{name} must be numbers, not None")
    if isinstance(values, Iterator):
        values = list(values)
    # as the functions take x: [1+0j] was numpy's "float() argument must be ...", ['1'] and [None]
    # were read (None as a NaN pair)
    return functions.real_array("check", values.data if np.ma.isMaskedArray(values) else values, name)


def _lines(lines) -> np.ndarray:
    """``check``'s ``lines`` as whole numbers (int64); TypeError for others (['a'] was kept as
    text), ValueError for one beyond int64 (2**63 + 5 was said as 2**63)."""
    lines = list(lines) if isinstance(lines, Iterator) else lines
    try:
        array = np.asarray(lines)
    except ValueError:  # numpy's "inhomogeneous shape"
        raise ValueError("check: lines has rows of different lengths; give rows of one length") from None
    if array.size == 0:  # (of no kind: a length to say)
        return array.astype(np.int64)
    if array.dtype.kind == "f" and not isinstance(lines, np.ndarray):  # [2**63 + 5, 1] read as floats
        array = np.asarray(lines, dtype=object)
    if array.dtype.kind == "O":  # Python ints beyond int64, or what is no whole number
        for value in array.flat:
            if not isinstance(value, numbers.Integral) or isinstance(value, bool):
                raise TypeError(f"check: lines must hold whole numbers, not {type(value).__name__} {value!r}")
    elif array.dtype.kind not in "iu":
        raise TypeError(f"check: lines must hold whole numbers, not {array.dtype} values")
    info = np.iinfo(np.int64)
    if any(not info.min <= int(value) <= info.max for value in (array.min(), array.max())):
        raise ValueError(f"check: lines must be from {info.min} to {info.max}")
    return array.astype(np.int64)


_CHUNK = 1 << 16
"""Pairs checked at a time: what ``check`` holds beyond its result is a few arrays of this length."""


def check_pairs(
    function: str | Activation,
    chunks: Iterable[tuple[ArrayLike, ArrayLike, ArrayLike]],
    *,
    dtype: str | None = None,
    worst: int = 0,
    compat: str | None = None,
    **params,
) -> Check:
    """``check`` of pairs that come in chunks ``(x, y, lines)`` of 1-D arrays of one length each,
    as a stream delivers them (``actplot check`` reads stdin so). What it keeps between chunks is
    the ``worst`` lines and how often each error (in ulp) occurred, so its memory stays flat
    however many pairs there are, unless their errors are mostly distinct (then 16 bytes a pair).
    Arguments, result and errors as ``check``'s; the function, its parameters, ``worst`` and
    ``dtype`` are refused before the first chunk is read.
    """
    _check_worst(worst)
    record = _checkable(function, params, compat, dtype, worst)
    keywords = functions.changed(check_pairs, dtype=dtype, compat=compat, worst=worst)
    functions.refuse_fixed(record, params, functions.keyword_spelling("check", "x, y"), keywords)
    compat, dtype = "torch" if compat is None else compat, _dtype("float64" if dtype is None else dtype)
    params = record.check({**record.defaults(compat), **params})  # ParameterError outside the domain
    count, errors = 0, _Tally()
    beyond = {"x": 0, "y": 0, "reference": 0}  # values past the dtype's largest (see _beyond_notes)
    # the worst lines so far as columns (line, x, y, expected, ulp), largest first, the earliest
    # first among equals: Line records made at the end (sorting records each chunk took 19 s of
    # --show-worst 1000000 on a million pairs)
    kept = (np.empty(0, dtype=np.int64), *(np.empty(0) for _ in range(4)))
    for x, y, lines in chunks:
        given = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
        x, y = (precision.round_to(values, dtype) for values in given)
        beyond["x"] += int(np.count_nonzero(np.isfinite(given[0]) & ~np.isfinite(x)))
        beyond["y"] += int(np.count_nonzero(np.isfinite(given[1]) & ~np.isfinite(y)))
        expected = precision.correctly_rounded(record, x, params, dtype)
        beyond["reference"] += _exact_beyond(record, x, expected, params, dtype)
        ulps = ulp_distance(y, expected, dtype)
        erroneous = np.flatnonzero(ulps > 0)
        count += x.size
        errors.add(ulps[erroneous])
        order = erroneous[np.argsort(-ulps[erroneous], kind="stable")][: max(worst, 1)]
        chunk = (np.asarray(lines)[order], x[order], y[order], expected[order], ulps[order])
        joined = [np.concatenate(pair) for pair in zip(kept, chunk, strict=True)]
        kept = tuple(column[np.argsort(-joined[4], kind="stable")[: max(worst, 1)]] for column in joined)
    if not count:
        raise CompareError("no x y pairs to check")
    kept = [
        Line(int(line), *values)
        for line, *values in zip(kept[0].tolist(), *(column.tolist() for column in kept[1:]), strict=True)
    ]
    first = kept[0] if kept else None
    return Check(
        function=record.name,
        params={**record.fixed, **{p.name: params[p.name] for p in record.parameters}},
        dtype=dtype,
        reference=f"the exact value rounded to {dtype}",
        count=count,
        exact=count - errors.size(),
        max_ulp=first.ulp if first else 0.0,
        max_ulp_x=first.x if first else None,
        max_ulp_line=first.line if first else None,
        median_ulp=errors.median(count),
        worst=tuple(kept[:worst]),
        notes=_beyond_notes(record.name, beyond, dtype),
    )


def _exact_beyond(record: Activation, x: np.ndarray, expected: np.ndarray, params: dict, dtype: str) -> int:
    """How many of the references are NaN only because the exact value is beyond the largest value
    of a dtype without infinity (float8_e4m3fn: exponential at 7 is 1097, NaN there)."""
    if precision.lookup(dtype).has_inf:
        return 0
    where = np.isnan(expected) & np.isfinite(x)
    if not where.any():
        return 0
    with np.errstate(all="ignore"):
        return int(np.count_nonzero(~np.isnan(np.asarray(record.function(x[where], **params), dtype=np.float64))))


def _beyond_notes(name: str, beyond: dict, dtype: str) -> tuple[str, ...]:
    """What check says of values past the dtype's largest: a float8_e4m3fn pair '500 500' of relu
    was 'exact' (NaN against NaN) and '1 500' inf ulp off, with no word that 500 is NaN there."""
    notes = [beyond_note(beyond[side], f"{side} value", dtype) for side in ("x", "y") if beyond[side]]
    if beyond["reference"]:
        count = beyond["reference"]
        notes.append(
            f"the exact {name}(x) of {count} pair{'s' * (count != 1)} is beyond {dtype}'s largest value "
            f"{_largest(dtype)}: the reference there is {_holds(dtype)}"
        )
    return tuple(notes)


def beyond_note(count: int, what: str, dtype: str) -> str:
    """That ``count`` values (``what``: "x value", "input") beyond ``dtype``'s largest value were
    read as what it holds there (±inf, or NaN in float8_e4m3fn, which has no infinity)."""
    many = count != 1
    return (
        f"{count} {what}{'s' * many} beyond {dtype}'s largest value {_largest(dtype)} "
        f"{'were' if many else 'was'} read as {_holds(dtype)}"
    )


def _check_worst(worst) -> None:
    """TypeError for a ``worst`` that is no whole number, CompareError for a negative one."""
    if isinstance(worst, bool) or not isinstance(worst, numbers.Integral):
        raise TypeError(f"worst must be a whole number, not {type(worst).__name__}")
    if worst < 0:
        raise CompareError(f"worst must be 0 or more, not {worst}")


def _checkable(
    function: str | Activation, params: Mapping, compat, dtype, worst: int = 0, extra: Mapping = {}
) -> Activation:
    """The record ``check`` checks, once its function is one it takes (not a vector function, a
    gated unit said with its gate's check instead) and not a command-line spelling: the errors of
    each say the call that answers, with the call's ``compat``, ``dtype``, ``worst``, parameters,
    and ``extra`` keywords (``lines``)."""
    record = functions.base_record(function)
    if record.gated:  # in Python's words, with the settings given ('actplot check gelu' was said)
        if isinstance(function, str):  # 'glu@jax': its gate's check under jax (not a spelling refused in turn)
            compat, params, dtype = _spelt_check(function, record, compat, params, dtype)
        compat, dtype = "torch" if compat is None else compat, "float64" if dtype is None else dtype
        record.check({**record.defaults(compat), **params})  # the settings' own faults first
        raise CompareError(_gated_check_refusal(record, params, compat, _dtype(dtype), worst, extra))
    reason = refusal(record, "check", python=True)  # before the spelling's hint, refused in turn
    if reason is not None:
        raise CompareError(reason)
    keywords = functions.changed(check, dtype=dtype, compat=compat, worst=worst) if isinstance(function, str) else {}
    python = functions.keyword_spelling("check", "x, y")
    functions.command_line_spelling(function, python, {**keywords, **extra, **params})
    return function if isinstance(function, Activation) else functions.get(function)


def _spelt_check(function: str, record: Activation, compat, params: Mapping, dtype) -> tuple[str, dict, str]:
    """A gated unit's command-line spelling (``swiglu@jax:gate=first,dtype=half``) read into the
    framework, parameters and dtype of check's call, for its refusal's hint: its settings were
    dropped. KeyError for a spelling at fault, TypeError for a setting also given by keyword."""
    parts = functions.spelling(function)
    spelt = functions.spelt_settings(function)
    # (the same said twice is one)
    twice = [(key, spelt[key], params[key]) for key in spelt if key in params and params[key] != spelt[key]]
    # (an explicit compat='torch' too: check('geglu@jax', ..., compat='torch') was checked under jax)
    if parts.framework and compat is not None and str(compat).lower() != parts.framework:
        twice.append(("compat", parts.framework, compat))
    if spelt_dtype := functions.spelt_dtype(function, parts):
        twice += [("dtype", spelt_dtype, dtype)] if dtype is not None and _dtype(dtype) != spelt_dtype else []
        dtype = spelt_dtype
    if twice:  # in command_line_spelling's words
        key, said, given = twice[0]
        raise TypeError(f"{function!r} says {key}={said!r} and the call says {key}={given!r}: give one")
    return parts.framework or compat, {**spelt, **params}, dtype


class _Named:
    """An argument a hint names rather than shows (``lines=lines``, as x and y)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


def _gated_check_refusal(
    record: Activation, params: Mapping, compat, dtype, worst: int = 0, extra: Mapping = {}
) -> str:
    """Why ``actplot.check`` refuses a gated unit, and the calls that answer instead: its gate's
    check with the settings it takes, and the unit's own call for its correctly rounded values."""
    from actplot.functions.gated import GATE_FUNCTIONS

    gate = functions.get(GATE_FUNCTIONS[record.name])
    # the gate's parameters in force other than its defaults: geglu@jax's gate is the exact gelu,
    # actplot.check('gelu', x, y, compat='jax') the tanh form
    in_force, defaults = {**record.defaults(compat), **params}, gate.defaults(compat)
    settings = {key: value for key, value in in_force.items() if gate.parameter(key) and value != defaults[key]}
    if dtype != "float64":
        settings["dtype"] = dtype
    if compat != "torch":
        settings["compat"] = compat
    if worst:  # (the command line's --show-worst was kept, worst= dropped)
        settings["worst"] = worst
    settings.update(extra)
    call = ", ".join([repr(gate.name), "x", "y", *(f"{key}={value!r}" for key, value in settings.items())])
    # the unit's own values in Python, as the call says the rest ('actplot swiglu --compat jax' was
    # said, a command line); the function takes no compat: the parameters in force, but its defaults
    values = _python_call(record, in_force, dtype, "np.stack([a, b], axis=-1)")
    return (
        f"{record.name} is a function of two numbers a, b and actplot.check takes x, y pairs of a function of "
        f"one: check its gate on x, y pairs (actplot.check({call})), or compare with "
        f"{_values_of(dtype, 'dtype=')} {values}, a row of [a, b] each"
    )


def _values_of(dtype: str, option: str = "--dtype") -> str:
    """What a function's values are in ``dtype``: correctly rounded, but in float64 (actplot's own
    float64 function; 'the correctly rounded values of' was said of it); ``option`` names the dtype."""
    if dtype == "float64":
        return f"actplot's float64 values (within a few ulp of the exact ones; correctly rounded with {option}) of"
    return "the correctly rounded values of"


class _Tally:
    """How often each error (a positive number of ulp) occurred, as distinct values and their counts:
    flat in memory however many pairs share an error. Chunks' counts are merged whenever they hold
    twice as many values as the last merge left (and a chunk more), so that merging costs at most
    a few sorts of all of them, however many chunks come."""

    def __init__(self) -> None:
        self.parts: list[tuple[np.ndarray, np.ndarray]] = []
        self.merged = 0

    def add(self, errors: np.ndarray) -> None:
        self.parts.append(np.unique(errors, return_counts=True))
        if sum(values.size for values, _ in self.parts) > 2 * self.merged + _CHUNK:
            self._merge()

    def _merge(self) -> None:
        distinct, where = np.unique(np.concatenate([values for values, _ in self.parts]), return_inverse=True)
        counts = np.bincount(where, weights=np.concatenate([counts for _, counts in self.parts]))
        self.parts, self.merged = [(distinct, counts.astype(np.int64))], distinct.size

    def size(self) -> int:
        """How many errors were counted."""
        return int(sum(counts.sum() for _, counts in self.parts))

    def median(self, count: int) -> float:
        """The median of ``count`` values: the errors counted and as many zeros as they leave
        (np.median's: the mean of the middle two where ``count`` is even)."""
        self._merge()
        values, counts = self.parts[0]
        zeros, ends = count - int(counts.sum()), np.cumsum(counts)

        def at(k: int) -> float:  # the k-th smallest, from 0
            return 0.0 if k < zeros else float(values[np.searchsorted(ends, k - zeros, side="right")])

        if count % 2:
            return at(count // 2)
        return float(np.mean([at(count // 2 - 1), at(count // 2)]))
