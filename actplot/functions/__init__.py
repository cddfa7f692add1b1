"""The activation functions, one family a module, and the registry that collects them.

Each family module holds its functions, their derivatives and their ``Activation`` records side
by side and lists the records in ``RECORDS``; adding a function touches its family's module only.
The registry answers ``names()``, ``get(name)`` (by canonical name, alias or any framework's name,
``-`` and ``_`` alike, any case; a name that fixes parameters, such as Hugging Face's ``gelu_new``,
gives the function with them fixed) and ``suggest(name)`` for a misspelt one.
"""

from __future__ import annotations

import keyword
from collections.abc import Callable, Mapping
from types import MappingProxyType

from actplot.functions import (
    classic,
    elu,
    gated,
    gelu,
    linear,
    periodic,
    relu,
    shrink,
    sigmoid,
    softplus,
    swish,
    threshold,
    vector,
)
from actplot.functions._base import (
    FRAMEWORK_NAMES,
    FRAMEWORKS,
    KINK_RULES,
    NAME_COLUMNS,
    Activation,
    Param,
    ParameterError,
    Properties,
    listed_names,
)

# The order of ``actplot list`` and the cheat sheet: family by family.
FAMILIES = (linear, sigmoid, relu, threshold, shrink, elu, softplus, gelu, swish, periodic, classic, vector, gated)


def _collected(module) -> tuple[Activation, ...]:
    """A family module's records, each told its family (in place: ``replace`` would build every
    record and its wrapped functions twice, at every start)."""
    for record in module.RECORDS:
        object.__setattr__(record, "family", module.FAMILY)
    return module.RECORDS


_RECORDS = tuple(record for module in FAMILIES for record in _collected(module))
_BY_NAME: Mapping[str, Activation] = MappingProxyType({a.name: a for a in _RECORDS})


def _key(name: str) -> str:
    return name.strip().lower().replace("-", "_")


def _alias_table() -> dict[str, tuple[str, str]]:
    """Every other name of every function: key -> (canonical name, the preset it names or "")."""
    table: dict[str, tuple[str, str]] = {}
    for record in _RECORDS:
        spelled = [*record.aliases, *(n for column in NAME_COLUMNS for n in record.names_in(column))]
        entries = [(_key(n), (record.name, "")) for n in spelled] + [
            (_key(a), (record.name, a)) for a in record.presets
        ]
        for key, target in entries:
            if key == record.name:
                continue
            if table.get(key, target)[0] != target[0]:
                raise ValueError(f"the name {key!r} is given to both {table[key][0]} and {target[0]}")
            if target[1] or key not in table:
                table[key] = target
    return table


_ALIASES: Mapping[str, tuple[str, str]] = MappingProxyType(_alias_table())


def names() -> list[str]:
    """The canonical names of all activations, family by family."""
    return list(_BY_NAME)


def canonical(name: str) -> str | None:
    """The canonical name for ``name`` or one of its other names (``-`` and ``_`` alike), else None."""
    key = _key(name)
    if key in _BY_NAME:
        return key
    return _ALIASES[key][0] if key in _ALIASES else None


def get(name: str) -> Activation:
    """The record of an activation, by any of its names; a name that fixes parameters gives the
    record with them fixed. KeyError with suggestions if unknown, TypeError for what is not a name."""
    if not isinstance(name, str):
        raise TypeError(f"a function name is a string, not {type(name).__name__} {name!r}")
    key = canonical(name)
    if key is None:
        hint = suggest(name)
        raise KeyError(f"no activation named {name!r}" + (f"; did you mean {' or '.join(hint)}?" if hint else ""))
    preset = _ALIASES.get(_key(name), ("", ""))[1]
    return _BY_NAME[key].fixing(preset) if preset else _BY_NAME[key]


def suggest(name: str, n: int = 3) -> list[str]:
    """The functions whose names (canonical or others) are closest to a misspelt one, by canonical name."""
    import difflib  # only for a misspelt name

    close = difflib.get_close_matches(_key(name), [*_BY_NAME, *_ALIASES], n=4 * n, cutoff=0.6)
    return list(dict.fromkeys(canonical(match) for match in close))[:n]


def name_table() -> list[tuple[str, dict[str, str]]]:
    """Each function's names in each framework (the columns of NAME_COLUMNS), family by family."""
    return [(record.name, {column: record.names.get(column, "") for column in NAME_COLUMNS}) for record in _RECORDS]


def curve(record: Activation, derivative: bool = False, compat: str = "torch", dtype: str | None = None) -> Callable:
    """The function, or its derivative with the framework's values at the kinks, as a function of one
    real x (what a range samples and a plot draws): a gated unit along its slice (``slice_text``).
    With a ``dtype`` (other than float64), what a model in that format computes, correctly rounded
    (``actplot.precision.evaluate``; the slice's fixed half, 1, is a value of every format)."""
    if dtype not in (None, "float64"):
        from actplot import precision

        def rounded(x, **params):
            return precision.evaluate(record, x, params, dtype, derivative, compat)

        return gated.along_slice(record, derivative, rounded) if record.gated else rounded
    if record.gated:
        return gated.along_slice(record, derivative)
    return record.derivative_for(compat) if derivative else record.function


def slice_text(record: Activation, params: Mapping[str, object]) -> str:
    """Which slice ``curve`` takes through a gated unit ("a = 1, b = x"); "" for the others."""
    return gated.slice_text(params) if record.gated else ""


def derivative_name(record: Activation, params: Mapping[str, object]) -> str:
    """What ``curve(record, derivative=True)`` is called: ``relu'``, and for a gated unit the
    partial by the half its slice varies, ``∂glu/∂b``."""
    return f"\u2202{record.name}/\u2202{gated.varied(params)}" if record.gated else f"{record.name}'"


def public_functions() -> dict[str, Callable]:
    """``actplot.<name>`` for every canonical name and every alias that is a Python identifier."""
    functions = {record.name: record.function for record in _RECORDS}
    for alias in _ALIASES:
        if alias.isidentifier() and not keyword.iskeyword(alias):
            functions[alias] = get(alias).function
    return functions


__all__ = [
    "FAMILIES",
    "FRAMEWORKS",
    "FRAMEWORK_NAMES",
    "KINK_RULES",
    "NAME_COLUMNS",
    "Activation",
    "Param",
    "ParameterError",
    "Properties",
    "canonical",
    "curve",
    "derivative_name",
    "get",
    "listed_names",
    "name_table",
    "names",
    "public_functions",
    "slice_text",
    "suggest",
]
