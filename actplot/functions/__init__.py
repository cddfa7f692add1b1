"""The activation functions, one family a module, and the registry that collects them.

Each family module holds its functions, their derivatives and their ``Activation`` records side
by side and lists the records in ``RECORDS``; adding a function touches its family's module only.
The registry answers ``names()``, ``get(name)`` (by canonical name or alias, ``-`` and ``_`` alike,
any case) and ``suggest(name)`` for a misspelt one.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from types import MappingProxyType

from actplot.functions import elu, gelu, linear, relu, sigmoid, softplus, swish, vector
from actplot.functions._base import (
    FRAMEWORK_NAMES,
    FRAMEWORKS,
    Activation,
    Param,
    ParameterError,
    Properties,
)

# The order of ``actplot list`` and the cheat sheet: family by family.
FAMILIES = (linear, sigmoid, relu, elu, softplus, gelu, swish, vector)

_RECORDS = tuple(replace(record, family=module.FAMILY) for module in FAMILIES for record in module.RECORDS)
_BY_NAME: Mapping[str, Activation] = MappingProxyType({a.name: a for a in _RECORDS})
_ALIASES: Mapping[str, str] = MappingProxyType({alias: a.name for a in _RECORDS for alias in a.aliases})


def _key(name: str) -> str:
    return name.strip().lower().replace("-", "_")


def names() -> list[str]:
    """The canonical names of all activations, family by family."""
    return list(_BY_NAME)


def canonical(name: str) -> str | None:
    """The canonical name for ``name`` or one of its aliases (``-`` and ``_`` alike), else None."""
    key = _key(name)
    if key in _BY_NAME:
        return key
    return _ALIASES.get(key)


def get(name: str) -> Activation:
    """The record of an activation, by name or alias; KeyError with suggestions if unknown,
    TypeError for what is not a name."""
    if not isinstance(name, str):
        raise TypeError(f"a function name is a string, not {type(name).__name__} {name!r}")
    key = canonical(name)
    if key is None:
        hint = suggest(name)
        raise KeyError(f"no activation named {name!r}" + (f"; did you mean {' or '.join(hint)}?" if hint else ""))
    return _BY_NAME[key]


def suggest(name: str, n: int = 3) -> list[str]:
    """The closest known names (canonical or aliases) to a misspelt one."""
    import difflib  # only for a misspelt name

    return difflib.get_close_matches(_key(name), [*_BY_NAME, *_ALIASES], n=n, cutoff=0.6)


def public_functions() -> dict[str, Callable]:
    """``actplot.<name>`` for every canonical name and every alias that is a Python identifier."""
    functions = {record.name: record.function for record in _RECORDS}
    for alias, name in _ALIASES.items():
        if alias.isidentifier():
            functions[alias] = _BY_NAME[name].function
    return functions


__all__ = [
    "FAMILIES",
    "FRAMEWORKS",
    "FRAMEWORK_NAMES",
    "Activation",
    "Param",
    "ParameterError",
    "Properties",
    "canonical",
    "get",
    "names",
    "public_functions",
    "suggest",
]
