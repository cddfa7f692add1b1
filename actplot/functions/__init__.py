"""The activation functions, one family a module, and the registry that collects them.

Each family module holds its functions, their derivatives and their ``Activation`` records side
by side and lists the records in ``RECORDS``; adding a function touches its family's module only.
The registry answers ``names()``, ``get(name)`` (by canonical name, alias or any framework's name,
``-`` and ``_`` alike, any case; a name that fixes parameters, such as Hugging Face's ``gelu_new``,
gives the function with them fixed) and ``suggest(name)`` for a misspelt one.
"""

from __future__ import annotations

import keyword
import marshal
import os
import sys
from collections.abc import Callable, Mapping
from typing import NamedTuple

from actplot.functions._base import (
    FRAMEWORK_NAMES,
    FRAMEWORKS,
    KINK_RULES,
    NAME_COLUMNS,
    Activation,
    Param,
    ParameterError,
    Properties,
    check_framework,
    listed_names,
    name_key,
    real_array,
)

# The family modules, in the order of ``actplot list`` and the cheat sheet.
FAMILY_MODULES = (
    "linear",
    "sigmoid",
    "relu",
    "threshold",
    "shrink",
    "elu",
    "softplus",
    "gelu",
    "swish",
    "periodic",
    "classic",
    "vector",
    "gated",
)

# --- the index ---------------------------------------------------------------------------------
#
# A command needs one record (``actplot relu 1``) or a few lines about each (``--help``, ``list``,
# TAB), not every family module loaded: the 13 modules' import (mostly reading their bytecode) was
# 4 ms of a 90 ms start. The index holds what names resolve to and the lines about each record; it
# is built by importing every family module, and kept where their bytecode is (``__pycache__``, or
# under ``sys.pycache_prefix``), as Python keeps bytecode: stamped with the size and modification
# time of every source file of this package, rebuilt when one differs, not written when bytecode is
# not (``sys.dont_write_bytecode``) or cannot be, nor for a package that is not a folder of files
# (a zip archive). Only ``get`` imports a family module, the record's own.

_INDEX_VERSION = 1


def _folder() -> str:
    return os.path.dirname(os.path.abspath(__file__))


def _stamp() -> tuple | None:
    """What the index is built from: each source file of this package, by name, size and mtime;
    None where the package is not a folder of files (imported from a zip archive) or one cannot be
    read, and the index is then neither read nor kept. A name that is no module's (an editor's
    lock file, ``.#relu.py``, often a dangling link) is not a source."""
    try:
        with os.scandir(_folder()) as entries:
            files = [(e.name, e.stat()) for e in entries if e.name.endswith(".py") and e.name[:-3].isidentifier()]
    except OSError:
        return None
    return (_INDEX_VERSION, *sorted((name, st.st_size, st.st_mtime_ns) for name, st in files))


def _index_path() -> str:
    """Where Python keeps this folder's bytecode: its ``__pycache__``, or the mirror of the folder
    under ``sys.pycache_prefix`` (PYTHONPYCACHEPREFIX, often set for a read-only install)."""
    name = f"registry.{sys.implementation.cache_tag}.marshal"
    if sys.pycache_prefix:
        return os.path.join(sys.pycache_prefix, os.path.splitdrive(_folder())[1].lstrip(os.sep), name)
    return os.path.join(_folder(), "__pycache__", name)


def _read_index(stamp: tuple) -> dict | None:
    """The kept index if it was built from these sources, else None (missing, stale or unreadable)."""
    try:
        with open(_index_path(), "rb") as file:
            index = marshal.loads(file.read())
        return index if isinstance(index, dict) and index.get("stamp") == stamp else None
    except (OSError, EOFError, ValueError, TypeError):
        return None


def _write_index(index: dict) -> None:
    """Keep the index beside the bytecode; where that cannot be written, it is built on each run."""
    if sys.dont_write_bytecode:
        return
    path = _index_path()
    temporary = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(temporary, "wb") as file:
            file.write(marshal.dumps(index))
        os.replace(temporary, path)  # whole or not at all, for a process reading it meanwhile
    except OSError:
        try:
            os.unlink(temporary)
        except OSError:
            pass


def _collected(module) -> tuple[Activation, ...]:
    """A family module's records, entered by name (each knows its family: its module's FAMILY)."""
    for record in module.RECORDS:
        if record.family != module.FAMILY:
            raise RuntimeError(f"{record.name}'s function is not defined in {module.__name__}, which lists it")
        _LOADED[record.name] = record
    return module.RECORDS


def _family(module_name: str):
    import importlib

    module = importlib.import_module(f"actplot.functions.{module_name}")
    if module.RECORDS and module.RECORDS[0].name not in _LOADED:
        _collected(module)
    return module


def _alias_table(records) -> dict[str, tuple[str, str]]:
    """Every other name of every function: key -> (canonical name, the preset it names or "")."""
    table: dict[str, tuple[str, str]] = {}
    for record in records:
        spelled = [*record.aliases, *(n for column in NAME_COLUMNS for n in record.names_in(column))]
        entries = [(name_key(n), (record.name, "")) for n in spelled] + [
            (name_key(a), (record.name, a)) for a in record.presets
        ]
        for key, target in entries:
            if key == record.name:
                continue
            if table.get(key, target)[0] != target[0]:
                raise ValueError(f"the name {key!r} is given to both {table[key][0]} and {target[0]}")
            if target[1] or key not in table:
                table[key] = target
    return table


def _built_index(stamp: tuple | None) -> dict:
    """The index, from every family module (which this imports)."""
    modules = {name: _family(name) for name in FAMILY_MODULES}
    records = [record for module in modules.values() for record in module.RECORDS]
    return {
        "stamp": stamp,
        "families": {name: module.FAMILY for name, module in modules.items()},
        # canonical name -> (family module, summary, range, typical use, aliases), family by family
        "cards": {
            r.name: (name, r.summary, r.range_text, tuple(r.use), tuple(r.aliases))
            for name, module in modules.items()
            for r in module.RECORDS
        },
        "aliases": _alias_table(records),
    }


def _index() -> dict:
    global _INDEX
    if _INDEX is None:
        stamp = _stamp()
        index = _read_index(stamp) if stamp else None
        if index is None:
            index = _built_index(stamp)
            if stamp:
                _write_index(index)
        _INDEX = index
    return _INDEX


_INDEX: dict | None = None
_LOADED: dict[str, Activation] = {}  # the records of the family modules imported so far


def _record(name: str) -> Activation:
    """The record of a canonical name, its family module imported if it is not yet."""
    if name not in _LOADED:
        _family(_index()["cards"][name][0])
    return _LOADED[name]


def records() -> list[Activation]:
    """Every record, family by family (this imports every family module)."""
    return [_record(name) for name in _index()["cards"]]


def __getattr__(attribute: str):
    """``FAMILIES``: the family modules in order, and each by name (``functions.relu``, as when
    this package imported them all), imported on first use, their records entered."""
    if attribute == "FAMILIES":
        return tuple(_family(name) for name in FAMILY_MODULES)
    if attribute in FAMILY_MODULES:
        return _family(attribute)
    raise AttributeError(f"module {__name__!r} has no attribute {attribute!r}")


def names() -> list[str]:
    """The canonical names of all activations, family by family."""
    return list(_index()["cards"])


def families() -> dict[str, str]:
    """Each family's module name (``relu``) and what it holds (its ``FAMILY``), in order."""
    return dict(_index()["families"])


def card(name: str) -> tuple[str, str, str, tuple[str, ...], tuple[str, ...]]:
    """What ``list``, ``--help`` and TAB say of the function with canonical ``name``, without
    importing it: (family, summary, range, typical use, aliases)."""
    module, *lines = _index()["cards"][name]
    return (_index()["families"][module], *lines)


def other_names() -> dict[str, str]:
    """Every name besides the canonical ones (aliases, each framework's names, names that fix
    parameters), spelt as keys (lower case, ``_``), and the canonical name each resolves to."""
    return {key: target[0] for key, target in _index()["aliases"].items()}


def canonical(name: str) -> str | None:
    """The canonical name for ``name`` or one of its other names (``-`` and ``_`` alike), else None."""
    key = name_key(name)
    index = _index()
    if key in index["cards"]:
        return key
    return index["aliases"][key][0] if key in index["aliases"] else None


def get(name: str) -> Activation:
    """The record of an activation, by any of its names; a name that fixes parameters gives the
    record with them fixed. KeyError with suggestions if unknown, TypeError for what is not a name."""
    if not isinstance(name, str):
        raise TypeError(f"a function name is a string, not {type(name).__name__} {name!r}")
    key = canonical(name)
    if key is None:
        hint = suggest(name)
        raise KeyError(f"no activation named {name!r}" + (f"; did you mean {' or '.join(hint)}?" if hint else ""))
    preset = _index()["aliases"].get(name_key(name), ("", ""))[1]
    return _record(key).fixing(preset) if preset else _record(key)


class Spelling(NamedTuple):
    """A function as the command line spells it, ``NAME[@FRAMEWORK][:PARAM=VALUE,...]``
    (``hard_sigmoid@keras2``, ``leaky_relu:alpha=0.2``), split but not checked, every part stripped:
    ``framework`` lower case, None without an ``@``; each setting ``(param, equals, value)``, stripped, with ``equals``
    "" where the ``=`` is missing; blank settings dropped; ``misplaced_at``: an ``@`` after the ``:``,
    its framework read to the next comma (``leaky_relu:alpha=0.2@jax,beta=1``) where the name has none."""

    name: str
    framework: str | None
    settings: tuple[tuple[str, str, str], ...]
    misplaced_at: bool

    def dtypes(self) -> list[str]:
        """The values of its ``dtype=`` settings (a spelling's setting, not a parameter), in order."""
        return [value for key, _, value in self.settings if key.lower() == "dtype"]

    def without_dtype(self) -> Spelling:
        """The spelling without its ``dtype=`` settings: its parameters alone."""
        return self._replace(settings=tuple(s for s in self.settings if s[0].lower() != "dtype"))

    def written(self) -> str:
        """The spelling as plot writes it, the framework before the parameters: what a misplaced
        ``@FRAMEWORK`` means (``leaky_relu@jax:alpha=0.2``)."""
        framework = "" if self.framework is None else f"@{self.framework}"
        settings = ",".join("".join(setting) for setting in self.settings)
        return f"{self.name}{framework}{':' if settings else ''}{settings}"


def spelling(spec: str) -> Spelling:
    """``spec`` split into its parts (``Spelling``); the one reading of the command line's spelling,
    for the commands that take it (plot, diff) and the hints of those that do not (stats, the API)."""
    head, _, settings = spec.partition(":")
    name, at, framework = head.partition("@")
    misplaced_at = "@" in settings
    if misplaced_at and not at:  # read to the next comma: 'leaky_relu:alpha=0.2,@jax,' had "no framework 'jax,'"
        before, at, after = settings.partition("@")
        framework, _, after = after.partition(",")
        settings = f"{before},{after}"
    parts = tuple(
        tuple(part.strip() for part in setting.partition("=")) for setting in settings.split(",") if setting.strip()
    )
    # the name and framework stripped as the settings are: 'gelu @jax' was hinted 'actplot stats
    # gelu  --compat jax', and 'gelu@ jax' had "no framework ' jax'" where 'leaky_relu: alpha = 0.2' held
    return Spelling(name.strip(), framework.strip().lower() if at else None, parts, misplaced_at)


def base_record(function: str | Activation) -> Activation:
    """The record of a function given in Python, or of the name of a command-line spelling of one
    (``glu@jax``: glu): what an entry that refuses some functions looks at before it says the
    spelling's Python form, which it would refuse in turn (actplot.stats('glu@jax') was told
    actplot.stats('glu', compat='jax')). KeyError (with suggestions) or TypeError as ``get``."""
    if isinstance(function, Activation):
        return function
    return get(spelling(function).name if isinstance(function, str) else function)


def refuse_fixed(
    record: Activation,
    params: Mapping[str, object],
    python: Callable[[str, list[tuple[str, str]], str | None, str | None], str],
    keywords: Mapping[str, object],
) -> None:
    """TypeError for a parameter that ``record``'s name fixes (gelu_new's approximate) given another
    value, saying the call of the entry that takes it, as ``python`` writes it (command_line_spelling's
    writer) with the call's other arguments ``keywords`` (``changed``'s) and parameters kept:
    actplot.stats('gelu_new', approximate='none') was told "use gelu(x, approximate='none')", the
    function's own call, and actplot.stats('gelu_new', mean=1, approximate='none') lost the mean. A
    value the parameter takes not is its own error first (approximate='bogus' was hinted as such)."""
    for key, value in params.items():
        if key in record.fixed and not record.restates(key, value):
            record.fixed_parameter(key).check(value)  # TypeError or ParameterError of its own
            others = {k: v for k, v in {**params, **keywords}.items() if k not in (key, "compat", "dtype")}
            given = [(key, repr(value)), *((k, repr(v)) for k, v in others.items())]
            call = python(record.name, given, keywords.get("compat"), keywords.get("dtype"))
            raise TypeError(f"{record.fixes([key], repr)}: use {call}")


def command_line_spelling(
    name: str,
    python: Callable[[str, list[tuple[str, str]], str | None, str | None], str],
    keywords: Mapping[str, object] | None = None,
) -> None:
    """KeyError for a name spelt as on the command line (``gelu@jax``, ``gelu:approximate=tanh``)
    given in Python, saying the Python spelling ``python(name, settings, framework, dtype)`` writes,
    each setting a key and its value as Python writes it (``python_value``), and the dtype of a
    ``dtype=`` setting by its name (None without one); nothing for another name. A base name that is
    not one is ``get``'s KeyError, with its suggestions. Every entry that takes a name says it:
    actplot.stats("gelu@jax"), actplot.limits and actplot.check said only "no activation named
    'gelu@jax'; did you mean gelu or geglu?", as diff and plot did before.

    ``keywords``: the call's other arguments given other than by default (``compat``, ``dtype``, the
    function's parameters, the entry's own), kept in the Python spelling (actplot.stats('gelu@jax',
    mean=1) was told actplot.stats('gelu', compat='jax'), without the mean); one the spelling gives
    too, with another value, is a KeyError that says both (check('sigmoid:dtype=half', ...,
    dtype='float32') was told dtype='float16')."""
    if not isinstance(name, str) or not ("@" in name or ":" in name):
        return
    parts = spelling(name)
    # the dtype, which is no parameter ('leaky_relu:alpha=0.2,dtype=float16' was "leaky_relu has no parameter 'dtype'")
    dtype, parts = spelt_dtype(name, parts), parts.without_dtype()
    base, framework, settings, _ = parts
    record = get(base)
    fixing = ""
    # the value the name fixes, said again, is no fault: 'gelu_new:approximate=tanh' is 'gelu_new'
    fixed = [(record.fixed_key(key), value) for key, _, value in settings]
    if not spelling_problem(name, parts):
        kept = zip(settings, fixed, strict=True)
        settings = [setting for setting, (key, value) in kept if not key or not restated(record, key, value)]
        parts = parts._replace(settings=settings)
    # the call's value of what the name fixes, where the spelling says none: of the function's own
    # name too (limits('gelu_new@jax', {'approximate': 'none'}) was a clash the spelling never said)
    said, moved = {key for key, _ in fixed if key}, False
    for key, value in (keywords or {}).items():
        own = isinstance(key, str) and record.parameter(key) is None and record.fixed_key(key)
        if own and own not in said and not record.restates(own, value):
            record.fixed_parameter(own).check(value)  # a value it takes not is its own fault first
            moved = True
    if moved or any(record.parameter(key) is None and record.fixed_key(key) for key, _, _ in settings):
        # a setting of what the name fixes: said of the function's own name ('gelu_new:approximate=none'
        # was answered actplot.stats('gelu_new', approximate='none'), which refuses it)
        fixing = f", and {record.fixes()}"
        parts = parts._replace(name=record.name)
        base, record = record.name, get(record.name)
    if problem := spelling_problem(name, parts):
        raise KeyError(problem)
    # each parameter by its own name: 'leaky_relu:Alpha=1' was answered 'Alpha=1', a TypeError
    try:
        given = [_python_setting(record.parameter(key), value) for key, _, value in settings]
    except ValueError as error:  # a value the command line refuses too ('alpha=1_0', 'alpha=1e400')
        raise KeyError(f"{name!r}: {error.args[0]}") from None
    values = {record.parameter(key).name: setting_value(record.parameter(key), value) for key, _, value in settings}
    framework, dtype, given = _with_keywords(name, record, (framework, dtype, given, values), dict(keywords or {}))
    raise KeyError(
        f"{name!r} is the command line's spelling{fixing}: in Python, {python(base, given, framework, dtype)}"
    )


def changed(entry: Callable, **given: object) -> dict[str, object]:
    """The arguments of ``given`` that are not ``entry``'s defaults for them (an array, compared
    with none, is)."""
    import inspect  # (a spelling's hint's)

    defaults = {key: p.default for key, p in inspect.signature(entry).parameters.items()}
    kept = {}
    for key, value in given.items():
        try:
            same = type(value) is not bool and bool(value == defaults[key])
        except (TypeError, ValueError):
            same = False  # an array: the entry's own error says it
        if not same:
            kept[key] = value
    return kept


def _with_keywords(
    name: str, record: Activation, spelt: tuple, keywords: dict[str, object]
) -> tuple[str | None, str | None, list[tuple[str, str]]]:
    """The spelling's framework, dtype and settings (``spelt``: those three, the settings as keys
    and reprs, and their values by name) with the call's ``keywords`` added; KeyError for one that
    both give, with two values."""
    framework, dtype, given, values = spelt

    def clash(key: str, spelt: object, said: object) -> KeyError:
        # both faults in one: the clash alone, put right, was then refused as the command line's spelling
        return KeyError(
            f"{name!r} is the command line's spelling, and it says {key}={spelt!r} and the call says "
            f"{key}={said!r}: give one, as the call's keyword"
        )

    if (compat := keywords.pop("compat", None)) is not None:
        if framework is not None and str(compat).lower() != framework:
            raise clash("compat", framework, compat)
        framework = framework or compat
    if (said := keywords.pop("dtype", None)) is not None:
        from actplot import precision

        if dtype is not None and precision.lookup(said).name != dtype:  # (ValueError: no dtype)
            raise clash("dtype", dtype, said)
        dtype = dtype or said
    given = list(given)
    for key, value in keywords.items():
        fixed = record.fixed_key(key) if isinstance(key, str) else None
        if fixed and not record.restates(fixed, value):  # the name's own value against another
            raise clash(fixed, record.fixed[fixed], value)
        param = record.parameter(key) if isinstance(key, str) else None
        if param is not None and param.name in values:
            if param.check(value) != values[param.name]:
                raise clash(param.name, values[param.name], value)
            continue
        given.append((key if param is None else param.name, repr(value)))  # 'Approximate' is refused in Python
    return framework, dtype, given


def is_dtype_key(key: object) -> bool:
    """Whether a parameters' key is the dtype, which is no parameter: ``dtype`` in any case, as
    the command line's spelling reads it (``sigmoid:DTYPE=half``, ``{"DTYPE": "float16"}``)."""
    return isinstance(key, str) and key.strip().lower() == "dtype"


def spelt_settings(spec: str) -> dict[str, float | str]:
    """The parameters a command-line spelling sets (``swiglu@jax:gate=first,dtype=half``: gate =
    "first"), by their names, with the values the command line reads; not its dtype. KeyError
    (``spelling_problem``'s words) for a spelling at fault or a value that is none."""
    parts = spelling(spec)
    if problem := spelling_problem(spec, parts.without_dtype()):
        raise KeyError(problem)
    record, settings = get(parts.name), {}
    for key, _, value in parts.without_dtype().settings:
        param = record.parameter(key)
        if param is None:  # the value its name fixes, said again (spelling_problem lets no other by)
            continue
        try:
            settings[param.name] = setting_value(param, value)
        except ValueError as error:
            raise KeyError(f"{spec!r}: {error.args[0]}") from None
    return settings


def spelt_dtype(name: str, parts: Spelling) -> str | None:
    """The dtype a spelling's ``dtype=`` setting names, by its name (``half``: float16), or None
    without one; KeyError quoting ``name`` where it is given twice or names no dtype."""
    dtypes = parts.dtypes()
    if len(dtypes) > 1:
        raise KeyError(f"{name!r}: dtype is given twice")
    if not dtypes:
        return None
    from actplot import precision

    try:
        return precision.lookup(dtypes[0]).name
    except ValueError as error:
        raise KeyError(f"{name!r}: {error}") from None


def spelling_problem(spec: str, parts: Spelling | None = None) -> str | None:
    """What is wrong with a function spelt as on the command line (``parts``, by default
    ``spelling(spec)``), as its error says it, quoting ``spec``; None where nothing is. One
    reading for the commands that take the spelling (plot, diff, limits) and for the hints of
    those that do not: actplot.stats('leaky_relu:beta=1') was answered "in Python,
    actplot.stats('leaky_relu', beta=1)", a TypeError in turn. Checks that there is one
    framework at most and that it is one (an empty one named as missing), that the function is
    one, and that each setting names a parameter of it (in any case, '-' as '_'; one its name
    fixes only with the value it fixes) with a value, once. Converting the values is the caller's."""
    name, framework, settings, _ = parts or spelling(spec)
    if problem := framework_problem(spec, framework):
        return problem
    if not name:
        return f"{spec!r}: the function's name is missing (NAME@FRAMEWORK:PARAM=VALUE)"
    try:
        record = get(name)
    except KeyError as error:
        return error.args[0] if name == spec else f"{spec!r}: {error.args[0]}"
    given: set[str] = set()
    for key, equals, value in settings:
        if not key:
            return f"{spec!r}: a parameter's name is missing before '=' (NAME:PARAM=VALUE)"
        param = record.parameter(key)
        if (fixed := record.fixed_key(key)) and not restated(record, fixed, value):
            if equals and value:  # the value's own fault first: 'approximate=bogus' was hinted as such
                try:
                    setting_value(record.fixed_parameter(fixed), value)
                except ValueError as error:
                    return f"{spec!r}: {error.args[0]}"
            return f"{spec!r}: {record.fixes([fixed])}: use {_unfixed(spec, record)}"
        if param is None and not fixed:
            return f"{spec!r}: {record.no_parameter(key, name)}"
        # (a value the name fixes, said again, is no fault: gelu_new:approximate=tanh)
        if not fixed and (not equals or not value):
            return f"{spec!r}: {param.name} needs a value: {record.name}:{param.name}=VALUE"
        if (fixed or param.name) in given:
            return f"{spec!r}: {fixed or param.name} is given twice"
        given.add(fixed or param.name)
    return None


def unfixed(spec: str) -> str:
    """``spec`` as its function's own name spells it where it sets what its name fixes to another
    value ('gelu_new:approximate=none,dtype=half': 'gelu:approximate=none,dtype=half'); ``spec``
    itself otherwise (another name, or one not known: its error is another's to say)."""
    try:
        record = get(spelling(spec).name)
    except (KeyError, TypeError):
        return spec
    for key, _, value in spelling(spec).settings:
        if (fixed := record.fixed_key(key)) and not restated(record, fixed, value):
            try:
                setting_value(record.fixed_parameter(fixed), value)
            except ValueError:  # a value it takes not ('approximate=bogus'): its own error first
                return spec
            return _unfixed(spec, record)
    return spec


def _unfixed(spec: str, record: Activation) -> str:
    """``spec``, a spelling of ``record``'s name that sets what the name fixes, as the function's
    own name spells it, with every other setting it gives, its dtype's too ('gelu_new:dtype=half,
    approximate=none' was told 'use gelu:approximate=none'): 'gelu:dtype=half,approximate=none'."""
    settings = []
    for key, equals, value in spelling(spec).settings:
        fixed = record.fixed_key(key)
        if fixed and restated(record, fixed, value):
            continue
        settings.append((fixed, "=", value or "VALUE") if fixed else (key, equals, value))
    return spelling(spec)._replace(name=record.name, settings=settings, misplaced_at=False).written()


def restated(record: Activation, key: str, text: str) -> bool:
    """Whether the setting's text ``text`` for ``key``, which ``record``'s name fixes, says the value
    it fixes ('gelu_new:approximate=TANH')."""
    try:
        return record.restates(key, setting_value(record.fixed_parameter(key), text))
    except ValueError:
        return False


def framework_problem(spec: str, framework: str | None) -> str | None:
    """What is wrong with a spelling's ``@FRAMEWORK`` (several, an empty one, an unknown one), as
    ``spelling_problem`` says it; None where nothing is."""
    if several := several_frameworks(spec):
        return several
    known = ", ".join(FRAMEWORKS)
    if framework == "":  # 'leaky_relu@' and '@' said "no framework ''"
        return f"{spec!r}: a framework's name is missing after '@' (frameworks: {known})"
    if framework is not None and framework not in FRAMEWORKS:
        return f"{spec!r}: no framework {framework!r} (frameworks: {known})"
    return None


def several_frameworks(spec: str) -> str | None:
    """The error for a spelling with more than one ``@FRAMEWORK`` (``leaky_relu@jax@keras``), or
    None: each fix of 'leaky_relu:alpha=0.2@jax@keras' met another error."""
    if spec.count("@") < 2:
        return None
    named = [word for part in spec.split("@")[1:] if (word := part.partition(":")[0].partition(",")[0].strip())]
    which = f", not {' and '.join(named)}" if len(named) > 1 else ""
    return f"{spec!r}: one @FRAMEWORK at most{which} (NAME@FRAMEWORK:PARAM=VALUE)"


def _python_setting(param, value: str) -> tuple[str, str]:
    """A setting as a Python keyword and value (``setting_value``'s, by its repr)."""
    return param.name, repr(setting_value(param, value))


def setting_value(param, value: str) -> float | str:
    """A setting's value as the function takes it: a choice in its own case ('gelu:approximate=TANH'
    is 'tanh'), a number as the double the command line reads ('alpha=−0.2', with the minus sign,
    is -0.2; 'alpha=1/3' is 0.3333333333333333). ValueError for a value that is neither, as the
    command line says it."""
    if param.choices:
        choice = next((c for c in param.choices if c.lower() == value.lower()), None)
        if choice is None:
            raise ValueError(f"{param.name} is one of {', '.join(param.choices)}, not {value!r}")
        return choice
    from actplot.inputs import parse_setting  # (an error's: the command line's reader of settings)

    try:
        return parse_setting(value)
    except ValueError as error:
        raise ValueError(f"{param.name}: {value!r} {error}") from None


def command_options(record: Activation, params: Mapping, compat: str = "torch") -> list[str]:
    """The function command's options for the parameters in force (``params``; those other than
    ``compat``'s defaults) and ``--compat`` other than torch: one writer for every hint that names
    a function command, on the command line and in Python. A value is shown as its parameter
    shows it where the option reads that back (1/6), else by its shortest repr (torch's selu alpha
    under --compat onnx was shown '1.6732632…', which --alpha refuses)."""
    from actplot.inputs import parse_setting  # (a hint's: not on the printing path)

    def reads_as(text: str, value: float) -> bool:
        try:
            return parse_setting(text) == value
        except ValueError:
            return False

    options = [] if compat == "torch" else ["--compat", compat]
    defaults = record.defaults(compat)
    for param in record.parameters:
        value = params.get(param.name, defaults[param.name])
        if value != defaults[param.name]:
            shown = param.show(value)
            if not isinstance(value, str) and not reads_as(shown, value):
                shown = repr(float(value)).removesuffix(".0")
            options += [param.option, shown]
    return options


def keyword_spelling(
    entry: str, arguments: str = "", dtype: bool = True
) -> Callable[[str, list[tuple[str, str]], str | None, str | None], str]:
    """``command_line_spelling``'s ``python`` for an entry that takes ``compat`` and the function's
    parameters by name, after the name and ``arguments``: actplot.stats('gelu', compat='jax',
    approximate='none'), actplot.check('gelu', x, y, compat='jax'); ``dtype``: whether it takes one
    (stats does not: its figures are the exact function's)."""

    def python(base: str, given: list[tuple[str, str]], framework: str | None, spelt: str | None) -> str:
        # each key a parameter's own name (spelling_problem): a Python keyword, once
        words = [repr(base), arguments, *([f"compat={framework!r}"] if framework else [])]
        words += [f"dtype={spelt!r}"] if spelt and dtype else []
        words += [f"{key}={value}" for key, value in given]
        call = f"actplot.{entry}({', '.join(filter(None, words))})"
        return call if dtype or not spelt else f"{call}, which has no dtype (its figures are the exact function's)"

    return python


def suggest(name: str, n: int = 3) -> list[str]:
    """The functions whose names (canonical or others) are closest to a misspelt one, by canonical name."""
    import difflib  # only for a misspelt name

    close = difflib.get_close_matches(name_key(name), [*_index()["cards"], *_index()["aliases"]], n=4 * n, cutoff=0.6)
    return list(dict.fromkeys(canonical(match) for match in close))[:n]


def name_table() -> list[tuple[str, dict[str, str]]]:
    """Each function's names in each framework (the columns of NAME_COLUMNS), family by family."""
    return [(record.name, {column: record.names.get(column, "") for column in NAME_COLUMNS}) for record in records()]


def curve(record: Activation, derivative: bool = False, compat: str = "torch", dtype: str | None = None) -> Callable:
    """The function, or its derivative with the framework's values at the kinks, as a function of one
    real x (what a range samples and a plot draws): a gated unit along its slice (``slice_text``).
    With a ``dtype`` (other than float64), what a model in that format computes, correctly rounded
    (``actplot.precision.evaluate``; the slice's fixed half, 1, is a value of every format)."""
    if dtype not in (None, "float64"):
        from actplot import precision

        def rounded(x, **params):
            return precision.evaluate(record, x, params, dtype, derivative, compat)

        return _gated().along_slice(record, derivative, rounded) if record.gated else rounded
    if record.gated:
        return _gated().along_slice(record, derivative)
    return record.derivative_for(compat) if derivative else record.function


def slice_text(record: Activation, params: Mapping[str, object]) -> str:
    """Which slice ``curve`` takes through a gated unit ("a = 1, b = x"); "" for the others."""
    return _gated().slice_text(params) if record.gated else ""


def derivative_name(record: Activation, params: Mapping[str, object]) -> str:
    """What ``curve(record, derivative=True)`` is called: ``relu'``, and for a gated unit the
    partial by the half its slice varies, ``∂glu/∂b``."""
    return f"\u2202{record.name}/\u2202{_gated().varied(params)}" if record.gated else f"{record.name}'"


def _gated():
    """The gated units' module (imported already where a gated record is at hand)."""
    from actplot.functions import gated

    return gated


def public_function(name: str) -> Callable | None:
    """``actplot.<name>``: the function a canonical name or an alias that is a Python identifier
    names (spelled as its key: lower case, ``_``), else None; only the name's own family is loaded."""
    index = _index()
    if name in index["cards"]:
        return _record(name).function
    if name in index["aliases"] and name.isidentifier() and not keyword.iskeyword(name):
        return get(name).function
    return None


def public_functions() -> dict[str, Callable]:
    """``actplot.<name>`` for every canonical name and every alias that is a Python identifier."""
    functions = {record.name: record.function for record in records()}
    for alias in _index()["aliases"]:
        if alias.isidentifier() and not keyword.iskeyword(alias):
            functions[alias] = get(alias).function
    return functions


__all__ = [
    "FAMILIES",
    "FAMILY_MODULES",
    "FRAMEWORKS",
    "FRAMEWORK_NAMES",
    "KINK_RULES",
    "NAME_COLUMNS",
    "Activation",
    "Param",
    "ParameterError",
    "Properties",
    "canonical",
    "card",
    "check_framework",
    "curve",
    "derivative_name",
    "families",
    "get",
    "listed_names",
    "name_table",
    "names",
    "other_names",
    "public_function",
    "public_functions",
    "real_array",
    "records",
    "slice_text",
    "suggest",
]
