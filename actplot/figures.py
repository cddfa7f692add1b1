"""Plots from Python, for a notebook: ``actplot.plot`` and ``actplot.sheet`` return a matplotlib
``Figure``, which Jupyter shows inline. They build the same charts (``charts``) and draw them
with the same code (``plotting``) as ``actplot FUNCTION -o``, ``actplot plot`` and ``actplot
sheet``, so a picture is the same from either side.

>>> import actplot
>>> fig = actplot.plot("sigmoid", range=(-5, 5), derivative=True)
>>> fig = actplot.plot(["sigmoid", "tanh", ("leaky_relu", {"alpha": 0.1})])
>>> fig = actplot.sheet(family="relu")
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping, Sequence, Set
from dataclasses import replace

import numpy as np

from actplot import functions, inputs
from actplot.functions import real_array

# charts and plotting are imported by the functions that draw: the command line imports this
# module for the names of the families, and printing must not pay for them.

Function = str | tuple[str, Mapping] | tuple[str, Mapping, str]


def plot(
    functions: Function | Sequence[Function],
    range: tuple[float, float] = (-5.0, 5.0),
    *,
    num: int | None = None,
    step: float | None = None,
    x=None,
    derivative: bool = False,
    compat: str | None = None,
    dtype: str | None = None,
    title: str | None = None,
    xlim: tuple[float, float] | None = None,
    ylim: tuple[float, float] | None = None,
    size: tuple[float, float] = (6.4, 4.8),
):
    """A figure of one function or several, as ``actplot FUNCTION -o`` and ``actplot plot`` draw it.

    Parameters:
        functions: a name (``"gelu"``), a name with parameters (``("leaky_relu", {"alpha": 0.1})``),
            with a framework of its own too (``("gelu", {}, "jax")``, the command line's gelu@jax),
            or a list of them, overlaid with a legend. Names are any the command line takes.
        range: the interval (START, STOP) drawn as a curve, sampled every ``step`` (default 0.1,
            the article's) or at ``num`` evenly spaced points. Default (-5, 5). Each point is the
            exact one rounded once: a float is read by its shortest repr (0.1 as 1/10), an int,
            a Fraction, a Decimal and a str ("1/3", as the command line reads it) as they are.
        x: values to draw instead of a range: points, or bars for a vector function (softmax).
        derivative: overlay each function's derivative, dashed. Default False.
        compat: the framework whose defaults (and slopes at the kinks) apply to the functions that
            do not name their own ("torch", "jax", "keras", "keras2"). Default None: "torch".
        dtype: draw the values a model in that format computes, correctly rounded ("float32",
            "float16", "bfloat16", ...: the staircase, when zoomed in), for the functions that do not
            name their own (``("sigmoid", {"dtype": "bfloat16"})``). Default None: float64.
        title, xlim, ylim: override the title (literal text) and the limits.
        size: (width, height) in inches. Default (6.4, 4.8).

    Returns a ``matplotlib.figure.Figure`` (``fig.savefig("f.pdf")`` writes it; reproducible bytes).

    Raises KeyError for an unknown name, ValueError for an unknown parameter, a bad range (or one
    of more than 10^7 points), limits or size, a 2-D ``x`` of several vectors or an empty one,
    ParameterError for a parameter outside its domain, TypeError for a parameter, title or range
    of the wrong type (a range is two numbers).
    """
    from actplot import charts, plotting

    listed = _listed(functions)
    charts.refuse_compat_for_none(listed, compat)
    specs = [charts.Spec.resolve(f, "torch" if compat is None else compat) for f in listed]
    if dtype is not None:
        from actplot import precision

        dtype = precision.lookup(dtype).name
        if specs and all(spec.dtype for spec in specs) and any(spec.dtype != dtype for spec in specs):
            # as the command line's --dtype: ('sigmoid', {'dtype': 'bfloat16'}) with dtype='float16' drew bfloat16
            who = "each names" if len(specs) > 1 else "it names"
            raise ValueError(f"dtype={dtype!r} applies to no function here: {who} its own dtype; give one")
        specs = [replace(spec, dtype=spec.dtype or dtype) for spec in specs]
    if not specs:
        raise ValueError("no function to plot")
    _check_limits(xlim, ylim)
    if not (len(size) == 2 and all(0.5 <= side <= 200 for side in size)):
        raise ValueError(f"size is (width, height) in inches, 0.5 to 200 each, not {size!r}")
    if title is not None:
        if not isinstance(title, str):
            raise TypeError(f"title is text, not {title!r}")
        plotting.check_text(title)
    if x is not None:
        ma = sys.modules.get("numpy.ma")  # (no masked array unless numpy.ma was imported: none imports it)
        mask = ma.getmaskarray(x) if ma is not None and isinstance(x, ma.MaskedArray) else None
        values = real_array("plot", x.data if mask is not None else x)
        if values.ndim > 1 and values.shape[0] > 1 and any(spec.record.drawn_as_bars for spec in specs):
            raise ValueError(f"a plot shows one vector; x holds {values.shape[0]} rows")
        # masked entries are no points (they were drawn, and a softmax's bars counted them)
        values = values.ravel() if mask is None else values[~mask].ravel()
        if values.size == 0:
            raise ValueError("nothing to plot: x holds no numbers")
    else:
        values = sample(range, step=step, num=num)
    if len(specs) == 1:
        spec = specs[0]
        style = "curve" if x is None else "bars" if spec.record.drawn_as_bars else "points"
        chart = charts.function_chart(
            spec, values, style=style, with_derivative=derivative, title=title, xlim=xlim, ylim=ylim
        )
    else:
        vector = [spec.record.name for spec in specs if spec.record.drawn_as_bars]
        if vector:
            raise ValueError(f"{vector[0]} is a vector function: plot it alone, with x=[...]")
        chart = charts.comparison_chart(specs, values, with_derivative=derivative, title=title, xlim=xlim, ylim=ylim)
    return plotting.figure(chart, size)


def sheet(
    functions: Function | Sequence[Function] | None = None,
    *,
    family: str | Sequence[str] | None = None,
    range: tuple[float, float] | None = None,
    compat: str | None = None,
):
    """The cheat sheet as one figure: each function with its derivative (dashed) as small
    multiples, four to a row, A4 wide, as ``actplot sheet`` draws its pages.

    Parameters:
        functions: the function or functions to show (names, or names with parameters); default all.
        family: only the functions of these families (``"relu"``, ``"sigmoid"``, ...; see
            ``actplot.charts`` families in ``actplot list``).
        range: the interval of every panel; default -5..5, widened to show each function's kinks.
        compat: the framework whose defaults apply to the functions that do not name their own.
            Default None: "torch".

    Returns a ``matplotlib.figure.Figure``. Raises KeyError for an unknown function or family,
    ValueError when no function is of the families given, for an empty list of either, or for a
    function with a dtype (the panels are the exact functions; ``plot`` draws one in a dtype).
    """
    from actplot import charts, plotting

    listed = None if functions is None else _listed(functions)
    family = None if family is None else _family_names(family)
    # none given is no function, as for plot: sheet([]) drew every function
    if listed == [] or family == []:
        raise ValueError(f"no {'function' if listed == [] else 'family'} given: leave it out for all")
    for entry in listed or ():  # as the command line's sheet ('sigmoid' in float16 was drawn)
        if _names_a_dtype(entry):
            raise ValueError(
                f"{entry!r}: sheet has no dtype (its panels are the exact functions, in float64); "
                "actplot.plot draws one"
            )
    specs = select(listed, family, compat)
    if not specs:
        raise ValueError("no function is of the families given")
    x = None if range is None else sample(range, num=201, distinct=False)  # (201 points, not the caller's)
    return plotting.sheet(charts.sheet_charts(specs, x), title=SHEET_TITLE)


SHEET_TITLE = "Activation functions (solid) and their derivatives (dashed, hatched)"


def family_names() -> dict[str, str]:
    """Each family's short name (its module's: ``relu``) and what it holds."""
    return {module.__name__.rsplit(".", 1)[-1]: module.FAMILY for module in functions.FAMILIES}


def select(
    names: Sequence[Function] | None = None, families: str | Sequence[str] | None = None, compat: str | None = None
):
    """The functions a sheet shows: those named, else all, of the families given (by short name or
    in full, any case); KeyError naming the known families for an unknown one."""
    from actplot.charts import Spec, refuse_compat_for_none

    chosen = list(names) if names else functions.names()
    refuse_compat_for_none(chosen, compat)
    specs = [Spec.resolve(name, "torch" if compat is None else compat) for name in chosen]
    if families:
        known = family_names()
        wanted = set()
        for name in [families] if isinstance(families, str) else families:
            key = next((k for k, text in known.items() if name.lower() in (k.lower(), text.lower())), None)
            if key is None:
                raise KeyError(f"no family named {name!r}; families: {', '.join(known)}")
            wanted.add(known[key])
        # a function named that is of none of them is said, not dropped ('sheet relu tanh --family
        # relu' drew relu alone), as a name of none is ("no function is of the families given")
        left = [spec for spec in specs if spec.record.family not in wanted]
        if names and left and len(left) < len(specs):
            short = {text: key for key, text in known.items()}
            of = ", ".join(f"{spec.record.name} (of {short[spec.record.family]})" for spec in left)
            given = ", ".join(short[family] for family in known.values() if family in wanted)
            verb = "is" if len(left) == 1 else "are"
            raise ValueError(f"{of} {verb} of no family given ({given}): leave out the names or the families")
        specs = [spec for spec in specs if spec.record.family in wanted]
    return specs


def sample(
    interval: tuple[float, float], *, step: float | None = None, num: int | None = None, distinct: bool = True
) -> np.ndarray:
    """The x values of a range, as the command line samples ``--range START STOP``; ValueError
    (an ``inputs.RangeError``) for an empty or reversed one, or one of more than 10^7 points, or
    (``distinct``) whose points would repeat a double."""
    start, stop, step = inputs.range_texts(interval, step)
    try:
        check_size(start, stop, step, num, distinct=distinct)
    except inputs.RangeError as error:
        raise error.in_python() from None
    return np.concatenate(list(inputs.range_values(start, stop, step, num, distinct=distinct)))


def check_size(
    start: str, stop: str, step: str | None, num: int | None, what: str = "a plot", *, distinct: bool = True
) -> None:
    """ValueError for ``what`` (a plot; diff's comparison) of more points than ``charts.MAX_POINTS``,
    found before sampling (``-1e308 1e308`` at the default step would never finish); RangeError for
    a bad range."""
    from actplot.charts import MAX_POINTS

    count = inputs.range_size(start, stop, step, num, distinct)
    if count > MAX_POINTS:
        shown = f"{count:,}" if count < 10**15 else f"about 10^{len(str(count)) - 1}"
        raise ValueError(f"{what} of {shown} points is more than 10^{len(str(MAX_POINTS)) - 1}")


def _names_a_dtype(entry) -> bool:
    """Whether a function as given names a dtype: a spelling's ``dtype=``, a parameters' ``dtype`` key."""
    if isinstance(entry, str):
        return bool(functions.spelling(entry).dtypes())
    if isinstance(entry, tuple) and len(entry) > 1 and isinstance(entry[1], Mapping):
        return any(functions.is_dtype_key(k) and v is not None for k, v in entry[1].items())
    return False


def _family_names(given) -> list[str]:
    """``sheet``'s ``family``, one name or several, as a list; TypeError for what is no name
    (family=[None] was "'NoneType' object has no attribute 'lower'", family=1 "not iterable")."""
    if isinstance(given, str):
        return [given]
    names = list(given) if isinstance(given, Iterable) and not isinstance(given, bytes | Mapping) else None
    if names is None or any(not isinstance(name, str) for name in names):
        wrong = given if names is None else next(name for name in names if not isinstance(name, str))
        raise TypeError(f"a family is a name ('relu', 'sigmoid', ...: 'actplot list' shows them), not {wrong!r}")
    return names


def _listed(given) -> list:
    """One function (a name, a (name, parameters) pair or a (name, parameters, compat) triple) or
    several, as a list. A tuple of names (or pairs) is several: ('sigmoid', 'tanh') was one
    function, "not ('sigmoid', 'tanh')", and () was no empty list; one that names a framework is
    one function, said as such (('gelu', 'jax') is no pair)."""
    if isinstance(given, str):
        return [given]
    if isinstance(given, bytes | Set | Mapping):  # b'relu' was read as numbers; a set in no order
        kind = "a set has no order; give a list" if isinstance(given, Set) else "give a name or a list"
        listed = "a function is a name, a (name, {parameter: value}) pair or a list of them"
        raise TypeError(f"{listed} ({kind}), not {given!r}")
    if isinstance(given, tuple):
        several = all(isinstance(item, str | tuple) for item in given)
        if not several or any(
            isinstance(item, str) and item.strip().lower() in functions.FRAMEWORK_NAMES for item in given
        ):
            return [given]
    if not isinstance(given, Iterable):
        raise TypeError(f"a function is a name, a (name, {{parameter: value}}) pair or a list of them, not {given!r}")
    return list(given)


def _check_limits(xlim, ylim) -> None:
    from actplot import charts

    for option, limits in (("xlim", xlim), ("ylim", ylim)):
        if limits is not None:
            charts.check_limits(option, float(limits[0]), float(limits[1]))
