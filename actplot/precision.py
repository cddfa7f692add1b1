"""Low precision: the formats models run in, rounding to them, an activation's correctly rounded
value in them, and the inputs where that rounded value changes (``limits``).

A model in float16 holds each input rounded to float16, and a perfect kernel returns the exact
function of that value rounded once to float16 (to nearest, ties to even). ``evaluate`` returns
that result. The float64 function decides almost every rounding; the few results that lie within
its error bound of a midpoint of the narrow format (or of its overflow boundary) are decided
exactly, in mpmath, from the record's ``exact`` form. Values of every format are held in float64,
which holds them all exactly.

This module is the one place for dtypes: the command line (``--dtype``, ``actplot limits``), the
Python API (``dtype=``) and ``check``/``diff`` use it. numpy only at import: ml_dtypes (for the
bfloat16 and float8 dtypes themselves) and mpmath (for the doubtful roundings) load when needed.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from numpy.typing import ArrayLike

    from actplot.functions import Activation


@dataclass(frozen=True)
class Format:
    """A binary floating-point format: ``precision`` significand bits (the implicit one included),
    normal numbers from ``2**min_exponent`` up to ``largest``, subnormals below.

    ``has_inf`` is False for float8_e4m3fn, which has no infinity: a result beyond its largest
    value (448; above 464, the midpoint to the next binade's 480, which itself rounds to 448) is
    NaN, as in ml_dtypes and the OCP 8-bit specification; an infinite input is NaN too.
    """

    name: str
    bits: int
    precision: int
    min_exponent: int
    largest: float
    has_inf: bool = True

    @property
    def smallest(self) -> float:
        """The smallest positive (subnormal) value."""
        return math.ldexp(1.0, self.min_exponent - self.precision + 1)

    @property
    def numpy_dtype(self) -> np.dtype:
        """The numpy dtype (bfloat16 and float8 from ml_dtypes, imported here)."""
        if self.name in _NUMPY_NATIVE:
            return np.dtype(self.name)
        import ml_dtypes

        return np.dtype(getattr(ml_dtypes, self.name))

    @property
    def top(self) -> int:
        """The position of ``largest`` among the ordered values (0 is zero; see ``positions``)."""
        return int(positions(np.array([self.largest]), self)[0])


_NUMPY_NATIVE = ("float64", "float32", "float16")

DTYPES: Mapping[str, Format] = MappingProxyType(
    {
        "float64": Format("float64", 64, 53, -1022, float(np.finfo(np.float64).max)),
        "float32": Format("float32", 32, 24, -126, float(np.finfo(np.float32).max)),
        "float16": Format("float16", 16, 11, -14, 65504.0),
        "bfloat16": Format("bfloat16", 16, 8, -126, math.ldexp(255, 120)),
        "float8_e4m3fn": Format("float8_e4m3fn", 8, 4, -6, 448.0, has_inf=False),
        "float8_e5m2": Format("float8_e5m2", 8, 3, -14, 57344.0),
    }
)
"""The formats by name (ml_dtypes' and numpy's names; PyTorch's are the same)."""

DTYPE_ALIASES: Mapping[str, str] = MappingProxyType(
    {
        "half": "float16",
        "fp16": "float16",
        "bf16": "bfloat16",
        "fp32": "float32",
        "double": "float64",
        "fp64": "float64",
    }
)
"""Other names of the formats: PyTorch's ``torch.half`` and ``torch.double``, and the mixed-precision
settings' ``fp16``, ``bf16`` (Hugging Face's Trainer, Accelerate). Not ``float``, which is float32 in
PyTorch and float64 in numpy."""

LIMITS_DTYPES = ("float64", "float32", "float16", "bfloat16")
"""The formats ``actplot limits`` shows when none is asked for."""


def lookup(dtype: str | Format | np.dtype | type) -> Format:
    """The format of a dtype given by name (``"bfloat16"``) or as a numpy dtype or type.

    Raises ValueError naming the known dtypes for anything else.
    """
    if isinstance(dtype, Format):
        return dtype
    name = dtype if isinstance(dtype, str) else getattr(dtype, "__name__", None) or getattr(dtype, "name", "")
    if not isinstance(dtype, str) and name not in DTYPES:
        try:
            name = np.dtype(dtype).name
        except TypeError:
            name = repr(dtype)
    key = str(name).strip().lower()
    key = DTYPE_ALIASES.get(key, key)
    if key not in DTYPES:
        raise ValueError(f"unknown dtype {str(name)!r}; choose from {', '.join(DTYPES)}")
    return DTYPES[key]


def round_to(x: ArrayLike, dtype: str | Format) -> np.ndarray:
    """The values of ``dtype`` nearest to ``x`` (ties to even), held in float64.

    Beyond the format's range the result is ±inf, as IEEE rounding gives (NaN for float8_e4m3fn,
    which has no infinity); signed zeros and NaN are kept. Rounding is from the double itself:
    ml_dtypes' own cast from float64 went through float32 in earlier versions and so rounded twice
    (1 + 2**-8 + 2**-30 became 1 in bfloat16 there, 1 + 2**-7 here; 0.7.0 rounds once).
    """
    fmt = lookup(dtype)
    x = np.asarray(x, dtype=np.float64)
    if fmt.name == "float64":
        return x.copy()
    if fmt.name in _NUMPY_NATIVE:  # numpy's casts round once, to nearest even
        with np.errstate(over="ignore"):
            return x.astype(fmt.name).astype(np.float64)
    _, exponent = np.frexp(x)  # |x| = m * 2**exponent, 1/2 <= m < 1
    quantum = np.maximum(exponent - 1, fmt.min_exponent) - (fmt.precision - 1)
    with np.errstate(over="ignore", invalid="ignore"):  # past the largest double: inf, as it should
        rounded = np.ldexp(np.rint(np.ldexp(x, -quantum)), quantum)
        beyond = np.abs(rounded) > fmt.largest
    return np.where(beyond, np.copysign(np.inf if fmt.has_inf else np.nan, x), rounded)


def as_dtype(values: ArrayLike, dtype: str | Format) -> np.ndarray:
    """Values of ``dtype`` (held in float64) as an array of that dtype: exact, no rounding."""
    return np.asarray(values, dtype=np.float64).astype(lookup(dtype).numpy_dtype)


def positions(values: ArrayLike, dtype: str | Format) -> np.ndarray:
    """Where each value of ``dtype`` stands among the format's ordered values, as int64: 0 for ±0,
    1 for the smallest positive value, -1 for its negative, and so on, up to ±inf next to the
    largest finite values. Consecutive values are consecutive integers across binades."""
    fmt = lookup(dtype)
    values = np.asarray(values, dtype=np.float64)
    bits = values.astype(fmt.numpy_dtype).view(f"int{fmt.bits}").astype(np.int64)
    magnitude = bits & ((1 << (fmt.bits - 1)) - 1)
    return np.where(bits < 0, -magnitude, magnitude)


def at_positions(where: ArrayLike, dtype: str | Format) -> np.ndarray:
    """The values of ``dtype`` at the ordered positions ``where`` (``positions``' inverse), in float64."""
    fmt = lookup(dtype)
    where = np.asarray(where, dtype=np.int64)
    bits = np.abs(where).astype(np.uint64) | np.where(where < 0, np.uint64(1 << (fmt.bits - 1)), np.uint64(0))
    return bits.astype(f"uint{fmt.bits}").view(fmt.numpy_dtype).astype(np.float64)


def ulp(x: ArrayLike, dtype: str | Format) -> np.ndarray:
    """The unit in the last place of ``dtype`` at ``x``: the spacing of the format's values in the
    binade of ``|x|``, ``2**(max(floor(log2|x|), min_exponent) - precision + 1)``; the smallest
    subnormal at 0 and below; the spacing at ``largest`` beyond it; NaN for NaN and ±inf."""
    fmt = lookup(dtype)
    x = np.asarray(x, dtype=np.float64)
    _, exponent = np.frexp(np.minimum(np.abs(x), fmt.largest))  # 0 at 0: the maximum below takes over
    exponent = np.where(x == 0, fmt.min_exponent + 1, exponent)
    spacing = np.ldexp(1.0, np.maximum(exponent - 1, fmt.min_exponent) - (fmt.precision - 1))
    return np.where(np.isfinite(x), spacing, np.nan)


def ulp_distance(a: ArrayLike, b: ArrayLike, dtype: str | Format) -> np.ndarray:
    """How many values of ``dtype`` apart ``a`` and ``b`` are, each first rounded to the format:
    0 where they are the same value (+0 and -0 alike, NaN and NaN), 1 for neighbours (the largest
    finite value and inf too), across binades and through zero; inf where one is NaN and the other
    not. A float64 array of whole numbers, as ``check`` and ``diff`` report."""
    fmt = lookup(dtype)
    a, b = round_to(a, fmt), round_to(b, fmt)
    a_nan, b_nan = np.isnan(a), np.isnan(b)
    pa, pb = positions(np.where(a_nan, 0.0, a), fmt), positions(np.where(b_nan, 0.0, b), fmt)
    # float64's positions run to ±(2**63 - 2**52): a difference across zero can pass int64's end.
    same_side = (pa >= 0) == (pb >= 0)
    across = np.abs(pa).astype(np.float64) + np.abs(pb).astype(np.float64)
    steps = np.where(same_side, np.abs(np.where(same_side, pa - pb, 0)).astype(np.float64), across)
    return np.where(a_nan | b_nan, np.where(a_nan & b_nan, 0.0, np.inf), steps)


# --- correctly rounded evaluation -------------------------------------------------------------

# The float64 functions and derivatives are within 4 ulp of the exact value, relative to it, also
# through the derivatives' zero crossings (SPEC, Accuracy; README's table); a result is decided
# exactly wherever it lies within 2**-44 (512 ulp, a margin of 128) of a rounding boundary.
_DOUBT = 2.0**-44
_GUARD_BITS = 16  # the mpmath forms compose a few operations, each within an ulp of mp.prec
_FIRST_PRECISION = 96
_LAST_PRECISION = 1 << 16


def holds(wide: Format, narrow: Format) -> bool:
    """Whether every finite value of ``narrow`` is one of ``wide`` (float32 holds float16 and
    bfloat16; float16 holds float8_e5m2 but not bfloat16): as many significand bits or more, and
    an exponent range as wide or wider."""
    return (
        wide.precision >= narrow.precision
        and wide.min_exponent <= narrow.min_exponent
        and wide.largest >= narrow.largest
    )


def evaluate(
    record: Activation,
    x: ArrayLike,
    params: Mapping,
    dtype: str | Format,
    derivative: bool = False,
    compat: str = "torch",
):
    """The function (or derivative) of ``record`` as a model in ``dtype`` computes it perfectly:
    each input rounded to the dtype, the exact function of those values rounded once to the dtype
    (nearest, ties to even). Values of the dtype, held in float64, the shape of ``x``.

    Vector functions work along the last axis: each element is the exact softmax (…) of the
    rounded inputs, correctly rounded. A gated unit (glu, swiglu, ...) takes vectors of 2k
    numbers along the last axis: each of its k results is the exact a h(b) (or h(a) b, ``gate``)
    of the pair (a_i, b_i) of rounded inputs, correctly rounded, and its derivative the 2k
    partials (the k by a, then the k by b), each correctly rounded. ``params`` are the function's
    parameters, used as the doubles they are (not rounded to the dtype). In float64 this is the
    function itself (within 4 ulp, not claimed correctly rounded).

    Correct rounding: the float64 result decides the rounding unless it lies within ``2**-44``
    of its magnitude of a midpoint between two values of the dtype (or of the overflow boundary);
    those few are decided in mpmath from ``record.exact`` (``exact_derivative``), at increasing
    precision until the rounding is certain; an exact tie (a rational function landing on a
    midpoint) goes to even. The derivative at a kink takes the value ``compat``'s framework gives
    there (``Activation.derivative_for``: JAX's leaky_relu'(0) is 1), rounded to the dtype. Raises
    ParameterError for parameters outside the function's domain, ValueError for a gated unit's
    vector of odd length.
    """
    fmt = lookup(dtype)
    function = record.derivative if derivative else record.function
    if fmt.name == "float64":
        return (record.derivative_for(compat) if derivative else function)(x, **params)
    x = round_to(x, fmt)
    y = np.asarray(function(x, **params), dtype=np.float64)
    result = round_to(y, fmt)
    with np.errstate(over="ignore", invalid="ignore"):
        spread = _DOUBT * np.abs(y)
        below, above = round_to(y - spread, fmt), round_to(y + spread, fmt)
    doubtful = np.isfinite(y) & (below != above) & ~(np.isnan(below) & np.isnan(above))
    if doubtful.any():
        _decide(record, x, params, fmt, derivative, result, doubtful)
    if record.gated and x.size:
        _infinite_factor(record, x, params, derivative, result)
    # elementwise functions only: a vector's kinks are not places in x (no vector function has a rule of its own)
    if derivative and not record.vector and record.kink_rule_of(compat) != record.kink_default:
        at = np.isin(x, record.kinks(**params))  # the framework's one-sided value, rounded once
        result[at] = round_to(record.derivative_for(compat)(x[at], **params), fmt)
    return result


def correctly_rounded(
    record: Activation, x: ArrayLike, params: Mapping, dtype: str | Format, derivative: bool = False
) -> np.ndarray:
    """The exact function (or derivative) of ``record`` at ``x`` rounded once to ``dtype``, in every
    format float64 included: ``evaluate``'s result, except that in float64, where the function is
    within 4 ulp and not claimed correctly rounded, every result at a finite input is decided in
    mpmath (0.1 to 0.3 ms a value), unless the record measures 0 ulp (relu, relu6, hard_tanh, ...).
    What ``check`` measures another program's values against. Values held in float64."""
    fmt = lookup(dtype)
    if fmt.name != "float64":
        return evaluate(record, x, params, fmt, derivative)
    x = np.asarray(x, dtype=np.float64)
    function = record.derivative if derivative else record.function
    result = np.array(function(x, **params), dtype=np.float64)
    if record.measured_ulp[int(derivative)] == 0:
        return result
    finite = np.isfinite(x)
    if record.vector:
        finite = np.broadcast_to(finite.all(axis=-1, keepdims=True), x.shape)
    decided = finite & ~np.isnan(result)
    if decided.any():
        _decide(record, x, params, fmt, derivative, result, decided)
    return result


def typed(
    record: Activation,
    dtype: str | Format,
    x: np.ndarray,
    params: Mapping,
    *,
    derivative: bool = False,
    axis=None,
    compat: str = "torch",
) -> np.ndarray:
    """``evaluate``'s values as an array of ``dtype``, for the Python API's ``dtype=``
    (``actplot.sigmoid(x, dtype="bfloat16")``): ``x`` a float64 array of any shape, ``params``
    checked, a vector function's vectors along ``axis`` (an index), a derivative's kinks as
    ``compat``'s framework values them. Raises ValueError for an unknown dtype."""
    fmt = lookup(dtype)
    shape = x.shape
    if record.vector:
        x = np.moveaxis(np.atleast_1d(x), axis, -1)
    values = np.asarray(evaluate(record, x, params, fmt, derivative, compat), dtype=np.float64)
    if record.vector:  # a gated unit's k results are its own length along the axis
        values = np.moveaxis(values, -1, axis)
        values = values if record.gated else values.reshape(shape)
    return as_dtype(values, fmt)


def _decide(record, x, params, fmt, derivative, result, doubtful) -> None:
    """Put the exactly decided roundings of the doubtful results into ``result``."""
    form = record.exact_derivative if derivative else record.exact
    if form is None:
        raise ValueError(f"{record.name} has no exact form to decide a rounding with (Activation.exact)")
    from mpmath import mp

    if record.gated:
        _decide_pairs(form, x, params, fmt, result, doubtful)
        return
    if record.vector:
        width = x.shape[-1]
        rows, flat = x.reshape(-1, width), result.reshape(-1, width)
        for row in np.flatnonzero(doubtful.reshape(-1, width).any(axis=1)):
            values = [mp.mpf(v) for v in rows[row].tolist()]
            wanted = np.flatnonzero(doubtful.reshape(-1, width)[row]).tolist()

            def elements(values=values, wanted=wanted):
                exact = form(values, **params)
                return [exact[i] for i in wanted]

            flat[row, wanted] = _exactly_rounded(elements, fmt)
        return
    flat = result.reshape(-1)
    spots = np.flatnonzero(doubtful.reshape(-1))
    for spot, value in zip(spots.tolist(), x.reshape(-1)[spots].tolist(), strict=True):
        point = mp.mpf(value)
        flat[spot] = _exactly_rounded(lambda point=point: [form(point, **params)], fmt)[0]


def _decide_pairs(form, x, params, fmt, result, doubtful) -> None:
    """``_decide`` for a gated unit: each result depends on one pair (a_i, b_i) of its vector only
    (result i of a row of k, or of 2k partials: i by a, then i - k by b), so the exact form is
    computed on that pair alone, whatever the length of the row."""
    from mpmath import mp

    width = x.shape[-1]
    half = width // 2
    rows, flat = x.reshape(-1, width), result.reshape(-1, result.shape[-1])
    for row, column in zip(*np.nonzero(doubtful.reshape(flat.shape)), strict=True):
        i, which = int(column) % half, int(column) // half  # which: by a (0) or by b (1) for the partials
        pair = [mp.mpf(rows[row, i]), mp.mpf(rows[row, half + i])]
        flat[row, column] = _exactly_rounded(lambda pair=pair, which=which: [form(pair, **params)[which]], fmt)[0]


def _infinite_factor(record, x, params, derivative, result) -> None:
    """Put into ``result`` a gated unit's v h(u) and v h'(u) (not h(u), the partial by v) where the
    factor v, the half the gate does not act on, is ±inf: ±inf with the sign of v h(u), the limit,
    or NaN where h(u) is 0 and there is none. The float64 unit multiplies inf by h(u) in double,
    0 far in the tail (glu(inf, -1536): NaN, for inf e**-1536). The sign is the exact form's at
    v = ±1 (u finite), or that of the float64 unit's limit at v = ±1 (u = ±inf)."""
    width = x.shape[-1]
    half = width // 2
    second = params.get("gate", "second") == "second"
    rows, flat = x.reshape(-1, width), result.reshape(-1, result.shape[-1])
    v, u = (rows[:, :half], rows[:, half:]) if second else (rows[:, half:], rows[:, :half])
    infinite = np.isinf(v) & ~np.isnan(u)
    if not infinite.any():
        return
    by_u = int(derivative and second)  # where v h(u) or v h'(u) stands among a pair's results
    form = record.exact_derivative if derivative else record.exact
    function = record.derivative if derivative else record.function
    from mpmath import mp

    for row, i in zip(*np.nonzero(infinite), strict=True):
        one, gated = math.copysign(1.0, v[row, i]), float(u[row, i])
        pair = [one, gated] if second else [gated, one]
        if math.isfinite(gated):
            with mp.workprec(128):  # its sign: e**-1536 is a number here, 0 in double
                sign = mp.sign(form([mp.mpf(p) for p in pair], **params)[by_u])
        else:
            sign = float(np.sign(function(np.array(pair), **params)[by_u]))
        flat[row, by_u * half + i] = math.copysign(math.inf, sign) if sign != 0 else math.nan


def _exactly_rounded(compute: Callable[[], list], fmt: Format) -> list[float]:
    """The values ``compute()`` gives in mpmath, each rounded to ``fmt`` with certainty.

    Each value is computed at two precisions; their difference plus ``_GUARD_BITS`` of margin
    bounds the error of the finer one (cancellation shows up as a large difference). The
    precision doubles until every interval rounds to one value; a value that sits exactly on a
    midpoint at both precisions is settled by ``_off_midpoint``.
    """
    from mpmath import mp

    precision, previous = _FIRST_PRECISION, None
    while precision <= _LAST_PRECISION:
        with mp.workprec(precision):
            current = compute()
        if previous is not None:
            with mp.workprec(2 * precision):
                decided = [_certain_rounding(v, p, precision, fmt) for v, p in zip(current, previous, strict=True)]
                stuck = [
                    i for i, (d, v, p) in enumerate(zip(decided, current, previous, strict=True))
                    if d is None and v == p and _on_midpoint(v, fmt)
                ]  # fmt: skip
            if stuck:
                settled = _off_midpoint(compute, precision, fmt, current)
                for i in stuck:
                    decided[i] = settled[i]
            if None not in decided:
                return decided
        previous, precision = current, 2 * precision
    raise ArithmeticError(f"could not decide the rounding of {mp.nstr(current[0], 30)} to {fmt.name}")


def _off_midpoint(compute: Callable[[], list], precision: int, fmt: Format, nearest: list) -> list[float]:
    """The roundings of values that ``compute()`` puts exactly on a midpoint (``nearest``) at two
    precisions: either an exact tie (a rational function landing there, ``hard_sigmoid(3/256)``),
    or a correction too small for any precision beside an exact main term (log_softmax's
    ``-185.3125 - log1p(e**-185.3125)``). Computed again rounding towards -inf and towards +inf,
    an exact value comes out on the midpoint both times and goes to even; an absorbed correction
    moves one of them off the midpoint, to the side where the value lies. Inexact steps that move
    both, to opposite sides, leave a value that is the midpoint to within both precisions: a tie.
    The forms compute their exact main terms exactly (one rounding, last) for this to hold."""
    from mpmath import mp

    directed = []
    with mp.workprec(precision):
        saved = mp.rounding
        try:
            for rounding in ("f", "c"):
                mp.rounding = rounding
                directed.append(compute())
        finally:
            mp.rounding = saved
    settled = []
    with mp.workprec(2 * precision):
        for midpoint, low, high in zip(nearest, *directed, strict=True):
            moved = [v for v in (low, high) if v != midpoint]
            one_side = len(moved) == 1 or (len(moved) == 2 and (moved[0] < midpoint) == (moved[1] < midpoint))
            settled.append(_round_mpf(moved[0] if one_side else midpoint, fmt))
    return settled


def _certain_rounding(value, coarser, precision: int, fmt: Format) -> float | None:
    """``value`` (at ``precision`` bits; ``coarser`` at half of it) rounded to ``fmt``, or None if
    the error bound leaves the rounding open."""
    from mpmath import mp

    error = abs(value - coarser) + mp.ldexp(abs(value), _GUARD_BITS - precision)
    low, high = _round_mpf(value - error, fmt), _round_mpf(value + error, fmt)
    if low == high or (math.isnan(low) and math.isnan(high)):
        return low
    return None


def _on_midpoint(value, fmt: Format) -> bool:
    """Whether the mpmath number ``value`` lies exactly halfway between two values of ``fmt`` (at a
    working precision above ``value``'s own)."""
    from mpmath import mp

    if value == 0 or not mp.isfinite(value):
        return False
    _, exponent = mp.frexp(value)
    quantum = max(exponent - 1, fmt.min_exponent) - (fmt.precision - 1)
    scaled = mp.ldexp(value, -quantum)
    return scaled - mp.floor(scaled) == 0.5


def _round_mpf(value, fmt: Format) -> float:
    """The mpmath number ``value`` rounded to ``fmt`` (nearest, ties to even), as a float (at a
    working precision above ``value``'s own)."""
    from mpmath import mp

    if value == 0:
        return 0.0
    _, exponent = mp.frexp(value)
    quantum = max(exponent - 1, fmt.min_exponent) - (fmt.precision - 1)
    scaled = mp.ldexp(value, -quantum)
    whole = mp.floor(scaled)
    fraction = scaled - whole
    up = fraction > 0.5 or (fraction == 0.5 and int(whole) % 2 == 1)
    magnitude = abs(float(mp.ldexp(whole + int(up), quantum)))
    if magnitude > fmt.largest:
        magnitude = math.inf if fmt.has_inf else math.nan
    return math.copysign(magnitude, 1.0 if value > 0 else -1.0)


# --- limits -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Threshold:
    """Where the rounded result changes: from ``x`` on (``relation`` ``">="``: for every larger
    input too; ``"<="``: every smaller one) ``what`` holds, and not at ``before``, the neighbouring
    value of the dtype on the other side. ``value`` and ``before_value`` are the function (the
    derivative, for the gradient) there. ``x`` is None where no such input exists, and ``reason``
    says why; where it holds for every finite input, ``x`` is the extreme one and ``before`` None.
    """

    key: str
    what: str
    relation: str
    x: float | None = None
    value: float | None = None
    before: float | None = None
    before_value: float | None = None
    reason: str = ""


@dataclass(frozen=True)
class Limits:
    """The thresholds of one function, with its parameters, in one dtype; for a gated unit, along
    the slice ``along`` names (``"a = 1, b = x"``; "" for the others)."""

    function: str
    params: Mapping[str, object]
    dtype: str
    thresholds: tuple[Threshold, ...]
    along: str = ""


# How far past a threshold a 32- or 64-bit format is checked value by value (16-bit and smaller
# formats are checked all the way to the end of their range).
_CONFIRMED = 4096
_FANOUT = 256  # values tried at once in each round of the search


def _limits_spelling(base: str, given: list[tuple[str, str]], framework: str | None, dtype: str | None) -> str:
    """``limits``' Python spelling of ``gelu@jax:approximate=none,dtype=float16``."""
    settings = ", ".join(f"{key!r}: {value}" for key, value in given)
    words = [repr(base), *([f"{{{settings}}}"] if given else [])]
    words += [f"dtype={dtype!r}"] if dtype else []
    words += [f"compat={framework!r}"] if framework else []
    return f"actplot.limits({', '.join(words)})"


def limits(
    record: Activation | str,
    params: Mapping | None = None,
    dtype: str | Format | None = None,
    *,
    compat: str | None = None,
) -> Limits:
    """The inputs where ``record``'s correctly rounded result in ``dtype`` changes, as training
    meets them: where f(x) reaches its limit as x -> +inf and as x -> -inf, where it overflows to
    ±inf, where it underflows to 0 (in a tail whose limit is 0 and where f is not exactly 0),
    where the derivative rounds to 0 (the gradient vanishes) on each side, and from where f(x) == x.

    Each threshold is a value of the dtype: the first from which the statement holds for every
    input further out (``relation``), and not at its neighbour. It is found by bisection over the
    ordered values of the dtype (``positions``), never by sampling, and confirmed value by value:
    to the end of the range in 16-bit and smaller formats, for the next 4096 values in float32 and
    float64, whose tails are taken to be monotone (true of every function here). In float64 the
    function itself is searched (within 4 ulp, not correctly rounded).

    For a vector function, f(x) is the first element of f([x, 0]): x is the gap between two logits.
    A gated unit is a function of two numbers: it is taken along the slice its plots draw, the
    gated half x and the other 1 (glu: f(x) = 1 * sigmoid(x), f'(x) the partial by the gated
    half; ``Limits.along`` says which), so its thresholds are those of its gate h. ``params``
    default to the function's defaults under ``compat``'s framework (None: PyTorch's), whose autograd
    also gives f' at the kinks (JAX's hard_tanh'(1) is 1, PyTorch's 0: its gradient vanishes
    from x > 1, not x >= 1). ``dtype`` is float32 by default; ``params`` may name it as plot's do
    (``{"dtype": "float16"}``). Raises KeyError for an unknown function, ValueError for an unknown
    framework or dtype, or for two dtypes.

    >>> limits("sigmoid", dtype="bfloat16").thresholds[0].x
    6.25
    """
    from actplot import functions

    keywords = functions.changed(limits, dtype=dtype, compat=compat) if isinstance(record, str) else {}
    functions.command_line_spelling(record, _limits_spelling, {**keywords, **(params or {})})
    # not a record: functions.get's TypeError (limits(1) raised "'int' object has no attribute 'params'")
    record = record if isinstance(record, functions.Activation) else functions.get(record)
    params = dict(params or {})
    # a dtype among the parameters, as plot's take it: {'dtype': 'float16'} was dropped for float32
    if params.get("dtype", None) is None:
        params.pop("dtype", None)  # {'dtype': None} is no dtype, as dtype=None: float32 (it gave float64)
    else:
        spelt = lookup(params.pop("dtype"))
        if dtype is not None and lookup(dtype).name != spelt.name:
            raise ValueError(f"the dtype is given twice, {spelt.name} in params and {lookup(dtype).name}: give one")
        dtype = spelt
    keywords = functions.changed(limits, dtype=getattr(dtype, "name", dtype), compat=compat)
    functions.refuse_fixed(record, params, _limits_spelling, keywords)
    compat = "torch" if compat is None else compat
    params = record.check({**record.defaults(compat), **params})  # as the function takes them (True: 'tanh')
    fmt = lookup("float32" if dtype is None else dtype)

    def curve(derivative: bool, fmt: Format = fmt) -> Callable[[np.ndarray], np.ndarray]:
        if record.drawn_as_bars:
            return lambda x: evaluate(record, np.stack([x, np.zeros_like(x)], axis=-1), params, fmt, derivative)[..., 0]
        along = functions.curve(record, derivative, compat, dtype=fmt.name)  # a gated unit: along its slice
        return lambda x: np.asarray(along(x, **params), dtype=np.float64)

    f, slope = curve(False), curve(True)
    in_float64 = curve(False, DTYPES["float64"])

    def overflowed(y: np.ndarray, x: np.ndarray) -> np.ndarray:
        # NaN outside f's domain is no overflow (soft_exponential with alpha = -0.7 below -0.7286);
        # float8_e4m3fn, which has no infinity, overflows to NaN where the float64 value is a number
        return np.isinf(y) if fmt.has_inf else np.isnan(y) & ~np.isnan(in_float64(x))

    # The limits as x -> ±inf come from the float64 function: float8_e4m3fn has no infinite input.
    ends = np.array([math.inf, -math.inf])
    value_ends, slope_ends = (curve(d, DTYPES["float64"])(ends) for d in (False, True))
    found = []
    for at, side, infinity in ((0, 1, "+inf"), (1, -1, "-inf")):
        relation, suffix = (">=", "_high") if side > 0 else ("<=", "_low")
        end, slope_end = (float(round_to(v[at], fmt)) + 0.0 for v in (value_ends, slope_ends))  # -0 reads as 0
        if math.isfinite(value_ends[at]):
            what = f"f(x) = {_text(end, fmt)}, its limit as x -> {infinity}"
            blank = Threshold("limit" + suffix, what, relation, reason="not reached at any finite x")
            limit = _threshold(blank, f, fmt, side, lambda y, x, end=end: y == end)
        else:
            what = f"f(x) reaches its limit as x -> {infinity}"
            reason = f"no finite limit: f({infinity}) = {value_ends[at]}"
            limit = Threshold("limit" + suffix, what, relation, reason=reason)
        overflow = Threshold(
            "overflow" + suffix,
            f"f(x) overflows to {'+-inf' if fmt.has_inf else 'nan'} (x -> {infinity})",
            relation,
            reason="f(x) is finite for every finite x",
        )
        gradient = Threshold(
            "gradient" + suffix,
            f"f'(x) = 0: the gradient vanishes (x -> {infinity})",
            relation,
            reason=f"f'(x) -> {_text(slope_end, fmt)}" if slope_end != 0 else "f'(x) does not round to 0",
        )
        found += [
            limit,
            _threshold(overflow, f, fmt, side, overflowed),
            _underflow(record, params, limit, float(value_ends[at]), fmt, infinity, f),
            # searched even where f' has a non-zero limit: every finite input may lie in a flat part
            # (thresholded_relu with theta = 500 in float8_e4m3fn)
            _threshold(gradient, slope, fmt, side, lambda y, x: y == 0),
        ]
    identity = Threshold("identity", "f(x) = x: f is the identity", ">=", reason="f(x) != x for the largest x")
    found.append(_threshold(identity, f, fmt, 1, lambda y, x: y == x))
    order = [key + suffix for key in ("limit", "overflow", "underflow", "gradient") for suffix in ("_high", "_low")]
    found.sort(key=lambda t: [*order, "identity"].index(t.key))
    shown = {**record.fixed, **{p.name: params[p.name] for p in record.parameters}}
    return Limits(record.name, shown, fmt.name, tuple(found), functions.slice_text(record, params))


def _text(value: float, fmt: Format) -> str:
    """A value of ``fmt`` in its shortest decimal form."""
    from actplot.formats import shortest_in

    text = repr(float(shortest_in(np.array([value]), fmt)[0]))
    return text.removesuffix(".0") if text.endswith(".0") else text


def _underflow(record, params, limit: Threshold, end: float, fmt: Format, infinity: str, f) -> Threshold:
    """Underflow to 0: the tail where f rounds to 0 although it is not exactly 0. That is the tail
    where f reaches a limit (``end``, in float64) that rounds to 0 in ``fmt``; or, in a format
    narrower than float64, whatever the limit, the tail where ``f`` (in ``fmt``) rounds to 0 out to
    the format's largest value: with alpha = 1e-300, leaky_relu tends to -inf, yet f(-65504) rounds
    to -0 in float16. Neither where f is exactly 0 there (relu, the hard functions)."""
    key = "underflow_" + limit.key.split("_")[1]
    underflow = Threshold(key, f"f(x) underflows to 0 (x -> {infinity})", limit.relation)
    side = 1 if limit.relation == ">=" else -1
    if round_to(np.array([end]), fmt)[0] == 0:  # elu's limit -1e-30 (alpha = 1e-30) is 0 in float16
        if limit.x is None:
            return replace(underflow, reason=limit.reason)
        tail = limit
    else:
        blank = replace(underflow, reason=f"f(x) -> {_text(end, DTYPES['float64'])}, not 0")
        # (in float64 a tail never rounds to 0 where its limit does not: the largest input is 1.8e308)
        tail = blank if fmt.name == "float64" else _threshold(blank, f, fmt, side, lambda y, x: y == 0)
        if tail.x is None:
            return blank
    from mpmath import mp

    def exact(x: float):
        with mp.workprec(64):
            point = mp.mpf(x)
            if record.gated:  # along its slice: the gated half x, the other 1
                pair = [mp.mpf(1), point] if params.get("gate", "second") == "second" else [point, mp.mpf(1)]
                return record.exact(pair, **params)[0]
            if record.vector:
                return record.exact([point, mp.mpf(0)], **params)[0]
            return record.exact(point, **params)

    if exact(side * fmt.largest) == 0 and exact(tail.x) == 0:
        # (not where the tail goes on past f's zeros: squared_relu is 0 for x <= 0, and rounds to 0 on to
        # x = 0.031 in float8_e4m3fn, which was said 'exactly 0 for x <= 0.031')
        return replace(underflow, reason=f"f(x) is exactly 0 for x {tail.relation} {_text(tail.x, fmt)}")
    if exact(tail.x) == 0:  # the tail reaches back to f's root (elu with alpha = 1e-30: x <= 0 in float16)
        x = float(at_positions(positions([tail.x], fmt) + side, fmt)[0])
        return replace(underflow, x=x, value=0.0, before=tail.x, before_value=0.0)
    return replace(tail, key=underflow.key, what=underflow.what)


def _threshold(blank: Threshold, curve, fmt: Format, side: int, holds) -> Threshold:
    """``blank`` with the input from which ``holds(curve(x), x)`` is true for every input out to the
    end of the range on ``side`` (+1: towards +inf, -1: towards -inf); ``blank`` itself, with its
    reason, where there is none."""

    def test(where: list[int]) -> np.ndarray:
        x = at_positions(np.array(where, dtype=np.int64) * side, fmt)
        y = curve(x)
        return holds(y, x)

    start = _tail_start(test, fmt)
    if start is None:
        return blank
    x, before = (float(v) for v in at_positions(np.array([start, start - 1]) * side, fmt))
    value, before_value = (float(v) for v in curve(np.array([x, before])))
    if start == -fmt.top:
        return replace(blank, x=x, value=value, reason="for every finite x")
    return replace(blank, x=x, value=value, before=before, before_value=before_value, reason="")


def _tail_start(test: Callable[[list[int]], np.ndarray], fmt: Format) -> int | None:
    """The smallest position ``p`` such that ``test`` holds at every position from ``p`` to the top
    (``fmt.top``, the largest finite value); None if it fails at the top. Positions are Python
    ints: the bracket of float64 spans more than an int64 holds."""
    top = fmt.top
    if not test([top])[0]:
        return None
    # Gallop down from the top until the test fails, then narrow the bracket (fails, holds].
    steps = sorted({max(top - (1 << k) + 1, -top) for k in range(fmt.bits + 1)}, reverse=True)
    held = test(steps)
    if held.all():
        failing = None
    else:
        first = int(np.argmin(held))
        failing, holding = steps[first], steps[first - 1] if first else top
    while True:
        if failing is None:
            # Held at every galloping step: confirm it, as a tail is confirmed, over the whole range in
            # small formats, in the wide ones at the far end and around zero, where no step lands and
            # a function of x/T (softmax at a tiny temperature) can differ from everywhere else.
            if fmt.bits <= 16:
                checked = list(range(-top, top + 1))
            else:
                checked = sorted({*range(-top, -top + _CONFIRMED), *range(-_CONFIRMED, _CONFIRMED + 1)})
            held = test(checked)
            if held.all():
                return -top
            last = int(np.flatnonzero(~held)[-1])
            failing, holding = checked[last], checked[last + 1]
        while holding - failing > 1:
            tried = sorted({failing + (holding - failing) * j // (_FANOUT + 1) for j in range(1, _FANOUT + 1)})
            tried = [p for p in tried if failing < p < holding]
            held = test(tried)
            if held.all():
                holding = tried[0]
            else:
                last = int(np.flatnonzero(~held)[-1])
                failing = tried[last]
                holding = tried[last + 1] if last + 1 < len(tried) else holding
        # Confirm value by value: to the top in small formats, the next _CONFIRMED values otherwise.
        stop = top if fmt.bits <= 16 else min(top, holding + _CONFIRMED)
        checked = list(range(holding, stop + 1))
        held = test(checked)
        if held.all():
            return holding
        failing, holding = checked[int(np.flatnonzero(~held)[-1])], top
