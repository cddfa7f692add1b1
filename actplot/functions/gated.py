"""Gated linear units: a vector of 2k numbers is two halves [a, b], and the unit gives the k products
a ⊙ h(b) (PyTorch's order: the gate h acts on the second half) or, with ``gate="first"``, h(a) ⊙ b (the
order of Megatron-LM and Hugging Face's fused gate_up projections)."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from actplot._exact import exp_scaled
from actplot._normal import mills, times_gaussian
from actplot.functions._base import HIDDEN, Activation, P, Param, mp
from actplot.functions.gelu import _d_gelu_tanh, _exact_normal_cdf, d_gelu, gelu, gelu_tanh_argument, slope_bracket
from actplot.functions.linear import identity
from actplot.functions.relu import d_relu, relu
from actplot.functions.sigmoid import d_sigmoid, scaled_sigmoid, sigmoid
from actplot.functions.swish import d_silu, silu

FAMILY = "gated linear units (a vector of 2k numbers gives k)"
GATES = ("second", "first")
_GATE = Param(
    "gate",
    "second",
    "which half the gate acts on: 'second' for a * h(b) (PyTorch's GLU), 'first' for h(a) * b (Megatron-LM, "
    "Hugging Face's fused gate_up)",
    choices=GATES,
)


GATE_FUNCTIONS = {"glu": "sigmoid", "reglu": "relu", "geglu": "gelu", "swiglu": "silu", "bilinear": "identity"}
"""Each unit's gate h, the function of one number it applies to the gated half."""


def _halves(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The two halves a, b of each row, flat (the kernels are elementwise)."""
    n = x.shape[-1]
    if n % 2:
        raise ValueError(f"a gated unit takes an even number of values (two halves a, b), not {n}")
    return x[..., : n // 2].reshape(-1), x[..., n // 2 :].reshape(-1)


def _gated(kernel: _Kernel, x: np.ndarray, gate: str, **params) -> np.ndarray:
    """The k products of each row's halves: a h(b) (gate second) or h(a) b (gate first)."""
    a, b = _halves(x)
    v, u = (a, b) if gate == "second" else (b, a)
    return kernel.value(v, u, **params).reshape(*x.shape[:-1], x.shape[-1] // 2)


def _d_gated(kernel: _Kernel, x: np.ndarray, gate: str, **params) -> np.ndarray:
    """Both partial derivatives, laid out as the input: per vector, the k values of dy/da, then the
    k values of dy/db (each output depends on its own a_i and b_i only)."""
    a, b = _halves(x)
    v, u = (a, b) if gate == "second" else (b, a)
    by_v, by_u = kernel.gate(u, **params), kernel.slope(v, u, **params)
    parts = (by_v, by_u) if gate == "second" else (by_u, by_v)
    half = (*x.shape[:-1], x.shape[-1] // 2)
    return np.concatenate([part.reshape(half) for part in parts], axis=-1)


# Each unit's kernel: gate(u) = h(u); value(v, u) = v h(u) and slope(v, u) = v h'(u). Where h(u) (or
# h'(u)) is far enough above the subnormals, the product of v and its double is within half an ulp
# more; below, its own digits are lost, and v must be applied before the tail's last rounding.

_NORMAL_ENOUGH = 2.0**-960
# |v| times what multiplies it on the way (u to the tails' reach, 1500; gelu_tanh'(u)'s bracket, up to
# 6000 at u = -30) is at most the largest double times 6000: 2**-13 brings it back
_RESCALE = 2.0**13


def _times(v: np.ndarray, h: np.ndarray) -> np.ndarray:
    with np.errstate(over="ignore", invalid="ignore"):  # inf * 0 has no limit: NaN, silently
        return v * h


def _rescaled(scaled: Callable, v: np.ndarray) -> np.ndarray:
    """``scaled(v)``, retried with v·2**-13 and multiplied back where a product with v overflowed on
    the way although the result need not (exact unless the result is within 2**13 of the subnormals)."""
    with np.errstate(over="ignore", invalid="ignore"):
        y = scaled(v)
        retry = ~np.isfinite(y) & np.isfinite(v)
        if np.any(retry):
            y = np.where(retry, scaled(v / _RESCALE) * _RESCALE, y)
    return y


class _Kernel:
    """A gate h, its derivative, and v·h(u), v·h'(u) with v applied before the tails' rounding."""

    def __init__(self, gate: Callable, slope: Callable, scaled: Callable, scaled_slope: Callable) -> None:
        self.gate, self._slope, self._scaled, self._scaled_slope = gate, slope, scaled, scaled_slope

    def value(self, v: np.ndarray, u: np.ndarray, **params) -> np.ndarray:
        return _times_gate(self.gate, self._scaled, v, u, params)

    def slope(self, v: np.ndarray, u: np.ndarray, **params) -> np.ndarray:
        return _times_gate(self._slope, self._scaled_slope, v, u, params)


_SIGNED_TAIL = -5.0  # every gate and slope (σ, silu, gelu and its tanh form, relu) keeps one sign below this


def _times_gate(gate: Callable, scaled: Callable, v: np.ndarray, u: np.ndarray, params: dict) -> np.ndarray:
    h = gate(u, **params)
    y = _times(v, h)
    tail = (np.abs(h) < _NORMAL_ENOUGH) & (h != 0) | (h == 0) & (np.abs(v) > 1)
    if np.any(tail):
        y = np.where(tail, _rescaled(lambda w: scaled(w, u, **params), v), y)
    # An infinite v times a tail below the doubles (σ(-1536)) is that infinity with the tail's sign;
    # times a gate that is exactly 0 (relu(-2)) it stays NaN.
    beyond = np.isinf(v) & (h == 0) & np.isfinite(u) & (u < _SIGNED_TAIL)
    if np.any(beyond):
        y = np.where(beyond, _times(v, np.sign(gate(np.maximum(u, _SIGNED_TAIL), **params))), y)
    return y


def _sigmoid_times(g: np.ndarray, u: np.ndarray) -> np.ndarray:
    """``g σ(u)``, g applied before σ's tail."""
    return scaled_sigmoid(g, u, np.zeros_like(u))


_SIGMOID = _Kernel(
    sigmoid,
    d_sigmoid,
    _sigmoid_times,
    # σ'(u) = σ(|u|) σ(-|u|): the tail's factor first
    lambda w, u: _sigmoid_times(_times(w, sigmoid(np.abs(u))), -np.abs(u)),
)
_RELU = _Kernel(relu, d_relu, lambda w, u: _times(w, relu(u)), lambda w, u: _times(w, d_relu(u)))
# bilinear's dy/db is a whatever b is (NaN included): the slope of its identity gate is 1 throughout
_IDENTITY = _Kernel(identity, np.ones_like, lambda w, u: _times(w, u), lambda w, u: _times(w, np.ones_like(u)))
_SIGMOID_REACH = 1500.0  # beyond, even the largest v times σ(u) is 0 in double


def _silu_scaled(w: np.ndarray, u: np.ndarray) -> np.ndarray:
    uc = np.maximum(u, -_SIGMOID_REACH)
    return _sigmoid_times(_times(w, uc), uc)


def _silu_slope_scaled(w: np.ndarray, u: np.ndarray) -> np.ndarray:
    """``w silu'(u)`` where silu'(u) is tiny (u below -40): there silu'(u) = e^u (1 + u) to double
    precision, e^u applied last."""
    uc = np.clip(u, -_SIGMOID_REACH, 0.0)
    return np.where(u == -np.inf, _times(w, -0.0), exp_scaled(_times(w, 1.0 + uc), uc))  # silu'(-inf) = -0


_SILU = _Kernel(silu, d_silu, _silu_scaled, _silu_slope_scaled)
_GELU_TAIL = 60.0  # beyond, even the largest v times Φ(-t) is 0 (mills extrapolates to 60 within 1e-17)
_TANH_GELU_TAIL = 40.0  # the tanh argument's own clip: σ(2u(-40)) is e^-4640, 0 whatever v
_TANH_SLOPE_REACH = 30.0  # gelu_tanh'(-30) is about e^-2010: 0 whatever v


def _times_infinite(w: np.ndarray, sign: np.ndarray, y: np.ndarray) -> np.ndarray:
    """``y``, but an infinite ``w`` times ``sign``, the sign of the gate (its value or slope) at u:
    a tail below the doubles times an infinity is that infinity, not the NaN or the 0 its rounding
    gives; where the gate is 0, or tends to 0 (sign 0), inf · 0 is NaN."""
    return np.where(np.isinf(w), _times(w, sign), y)


def _slope_sign(u: np.ndarray) -> np.ndarray:
    """The sign of gelu'(u) in its tail (negative), 0 at u = -inf, where it tends to 0."""
    return np.where(u == -np.inf, 0.0, -1.0)


def _gelu_scaled(w: np.ndarray, u: np.ndarray, approximate: str = "none") -> np.ndarray:
    sign = np.where(u == -np.inf, 0.0, np.sign(u))  # gelu's sign; it tends to 0 at -inf
    if approximate == "tanh":
        v_hi, v_lo = gelu_tanh_argument(u)
        y = scaled_sigmoid(_times(w, np.maximum(u, -_TANH_GELU_TAIL)), v_hi, v_lo)
        return _times_infinite(w, sign, np.where(u < -_TANH_GELU_TAIL, _times(w, -0.0), y))
    # v u Φ(u) = p Φ(-t) for u < 0 and p - p Φ(-t) for u >= 0, p = v u (Φ >= 1/2: no cancellation);
    # where v u overflows, its infinity makes _rescaled try again with a smaller v (past the tail,
    # where the product is 0, u stops at its end)
    t = np.nan_to_num(np.minimum(np.abs(u), _GELU_TAIL))
    p = _times(w, np.maximum(u, -_GELU_TAIL))
    finite = np.where(np.isfinite(p), p, 0.0)
    m, m_lo = mills(t)
    tail = times_gaussian(finite * m, finite * m_lo, t)
    y = np.where(np.isfinite(p), np.where(u >= 0, finite - tail, tail), p)
    return _times_infinite(w, sign, np.where(np.isnan(u), np.nan, y))


def _gelu_slope_scaled(w: np.ndarray, u: np.ndarray, approximate: str = "none") -> np.ndarray:
    if approximate == "tanh":  # beyond u = -30, e^v (v = -2010) is 0 whatever finite w: -0 w, the sign of h'
        reach = np.maximum(u, -_TANH_SLOPE_REACH)
        y = np.where(u < -_TANH_SLOPE_REACH, _times(w, -0.0), _d_gelu_tanh(reach, scale=w))
        return _times_infinite(w, _slope_sign(u), y)
    # v gelu'(u) = v B(t) e^{-t²/2} for u < 0, t = -u (u >= 0 never comes here: gelu'(u) >= 1/2 there)
    t = np.nan_to_num(np.minimum(np.abs(u), _GELU_TAIL))
    b, b_lo = slope_bracket(t)
    finite = np.nan_to_num(w)
    return _times_infinite(w, _slope_sign(u), times_gaussian(finite * b, finite * b_lo, t))


_GELU = _Kernel(gelu, d_gelu, _gelu_scaled, _gelu_slope_scaled)


def glu(x: np.ndarray, gate: str = "second") -> np.ndarray:
    r"""The gated linear unit: the first half times the sigmoid of the second.

    .. math:: \mathrm{GLU}(a, b) = a \otimes \sigma(b)

    ``x`` holds 2k numbers along ``axis`` (default the last); the result k. ``gate="first"`` gives σ(a) ⊗ b.

    >>> glu([1.0, 2.0, 0.0, 100.0])
    array([0.5, 2. ])
    """
    return _gated(_SIGMOID, x, gate)


def d_glu(x: np.ndarray, gate: str = "second") -> np.ndarray:
    return _d_gated(_SIGMOID, x, gate)


def reglu(x: np.ndarray, gate: str = "second") -> np.ndarray:
    r"""The ReLU-gated linear unit.

    .. math:: \mathrm{ReGLU}(a, b) = a \otimes \max(0, b)
    """
    return _gated(_RELU, x, gate)


def d_reglu(x: np.ndarray, gate: str = "second") -> np.ndarray:
    return _d_gated(_RELU, x, gate)


def geglu(x: np.ndarray, gate: str = "second", approximate: str = "none") -> np.ndarray:
    r"""The GELU-gated linear unit (T5 v1.1, many LLMs).

    .. math:: \mathrm{GEGLU}(a, b) = a \otimes \mathrm{GELU}(b)
    """
    return _gated(_GELU, x, gate, approximate=approximate)


def d_geglu(x: np.ndarray, gate: str = "second", approximate: str = "none") -> np.ndarray:
    return _d_gated(_GELU, x, gate, approximate=approximate)


def swiglu(x: np.ndarray, gate: str = "second") -> np.ndarray:
    r"""The SiLU (swish)-gated linear unit (LLaMA, PaLM).

    .. math:: \mathrm{SwiGLU}(a, b) = a \otimes \mathrm{SiLU}(b)
    """
    return _gated(_SILU, x, gate)


def d_swiglu(x: np.ndarray, gate: str = "second") -> np.ndarray:
    return _d_gated(_SILU, x, gate)


def bilinear(x: np.ndarray) -> np.ndarray:
    r"""The bilinear unit: the product of the two halves (a GLU without a nonlinearity).

    .. math:: \mathrm{Bilinear}(a, b) = a \otimes b
    """
    return _gated(_IDENTITY, x, "second")


def d_bilinear(x: np.ndarray) -> np.ndarray:
    return _d_gated(_IDENTITY, x, "second")


def _exact_gated(
    gate_of: Callable, slope_of: Callable, complement: Callable | None = None, slope_times: Callable | None = None
):
    """A gated unit's exact forms from its gate's: the k products of each vector's halves, and the
    2k partial derivatives (the k by a, then the k by b).

    ``complement(u)``, where given, is u - h(u) for u > 0 (silu: u σ(-u)), tiny where h(u) is u to
    within any precision: there v h(u) is the exact product v u minus v complement(u), the
    correction last. Two values of a dtype multiply to a midpoint of it (9 * 12 = 108, halfway
    between float8's 104 and 112); geglu(9, 12) lies a hair below it, which only this order keeps,
    rounding down and up (precision._off_midpoint). ``slope_times(v, u)``, where given, is
    v h'(u) in such an order (in place of v * slope_of(u))."""

    def halves(xs: list, gate: str):
        k = len(xs) // 2
        a, b = xs[:k], xs[k:]
        return (a, b) if gate == "second" else (b, a)

    def times_gate(v, u, params):
        if complement is not None and u > 0:
            return mp.fmul(v, u, exact=True) - v * complement(u, **params)
        return v * gate_of(u, **params)

    def value(xs: list, gate: str = "second", **params) -> list:
        v, u = halves(xs, gate)
        return [times_gate(vi, ui, params) for vi, ui in zip(v, u, strict=True)]

    def derivative(xs: list, gate: str = "second", **params) -> list:
        v, u = halves(xs, gate)
        by_v = [gate_of(ui, **params) for ui in u]
        if slope_times is not None:
            by_u = [slope_times(vi, ui, **params) for vi, ui in zip(v, u, strict=True)]
        else:
            by_u = [vi * slope_of(ui, **params) for vi, ui in zip(v, u, strict=True)]
        return by_v + by_u if gate == "second" else by_u + by_v

    return value, derivative


def _exact_sigmoid(u):
    return 1 / (1 + mp.exp(-u))


def _exact_sigmoid_slope_times(v, u):
    """v σ'(u); for |u| < 1 as v/4 - v tanh²(u/2)/4, the exact main term first and the correction
    last: v/4 is a midpoint of a dtype for some subnormal v, and σ'(u) lies below 1/4 by u²/16,
    less than any precision at u = 2**-148 (float32)."""
    if abs(u) < 1:
        return v / 4 - v * mp.tanh(u / 2) ** 2 / 4
    return v * (_exact_sigmoid(u) * _exact_sigmoid(-u))


exact_glu, exact_d_glu = _exact_gated(
    _exact_sigmoid, lambda u: _exact_sigmoid(u) * _exact_sigmoid(-u), slope_times=_exact_sigmoid_slope_times
)
exact_reglu, exact_d_reglu = _exact_gated(
    lambda u: u if u > 0 else mp.mpf(0), lambda u: mp.mpf(1) if u > 0 else mp.mpf(0)
)
exact_geglu, exact_d_geglu = _exact_gated(
    lambda u, approximate="none": u * _exact_gelu_gate(u, approximate),
    lambda u, approximate="none": _exact_d_gelu(u, approximate),
    lambda u, approximate="none": u * _exact_gelu_gate(-u, approximate),  # Φ(-u) = 1 - Φ(u); σ likewise
)
exact_swiglu, exact_d_swiglu = _exact_gated(
    lambda u: u * _exact_sigmoid(u),
    lambda u: _exact_sigmoid(u) * (1 + u * _exact_sigmoid(-u)),
    lambda u: u * _exact_sigmoid(-u),
)
exact_bilinear, exact_d_bilinear = _exact_gated(lambda u: u, lambda u: mp.mpf(1))


def _exact_gelu_gate(u, approximate: str):
    """GELU's gate: Φ(u), or σ(2√(2/π)(u + 0.044715u³)) for the tanh form (both odd around 1/2:
    gate(-u) = 1 - gate(u))."""
    if approximate == "tanh":
        return _exact_sigmoid(2 * mp.sqrt(2 / mp.pi) * (u + mp.mpf("0.044715") * u**3))
    return _exact_normal_cdf(u)


def _exact_d_gelu(u, approximate: str):
    if approximate == "tanh":
        v = 2 * mp.sqrt(2 / mp.pi) * (u + mp.mpf("0.044715") * u**3)
        dv = 2 * mp.sqrt(2 / mp.pi) * (1 + 3 * mp.mpf("0.044715") * u**2)
        return _exact_sigmoid(v) * (1 + u * _exact_sigmoid(-v) * dv)
    return _exact_normal_cdf(u) + u * mp.exp(-u * u / 2) / mp.sqrt(2 * mp.pi)


def along_slice(record: Activation, derivative: bool = False, evaluate: Callable | None = None) -> Callable:
    """The gated unit (or the partial derivative by the activated half) as a function of x along the
    slice that varies the activated half and holds the other at 1: a = 1, b = x (gate second) or
    a = x, b = 1 (gate first). This is what a plot draws, and ``slice_text`` says which.
    ``evaluate(x, **params)`` computes the unit (or its partials) on vectors of 2k numbers in place
    of the record's own function (a dtype's correctly rounded values)."""
    function = evaluate or (record.derivative if derivative else record.function)

    def sliced(x: np.ndarray, **params) -> np.ndarray:
        second = params.get("gate", "second") == "second"
        ones = np.ones_like(x)
        y = function(np.stack([ones, x] if second else [x, ones], axis=-1), **params)
        return y[..., int(second)] if derivative else y[..., 0]

    return sliced


def slice_text(params: dict) -> str:
    """Which slice ``along_slice`` draws, for a title."""
    return "a = 1, b = x" if varied(params) == "b" else "a = x, b = 1"


def varied(params: dict) -> str:
    """The half that ``along_slice`` varies, the activated one ("b" when the gate is the second):
    its derivative there is the partial by it."""
    return "b" if params.get("gate", "second") == "second" else "a"


_CONVENTIONS = (
    "Split order: torch, jax and keras split the last axis into halves [a, b] and gate the second, a * h(b) "
    "(the default, --gate second); Megatron-LM's fused kernels and Hugging Face's fused gate_up projections "
    "activate the first, h(a) * b (--gate first); Shazeer's paper applies h to a separate projection xW. "
    "The derivative gives both partials in the input's layout: per vector, the k values of dy/da, then the k "
    "values of dy/db. A plot draws the slice that varies the activated half, the other half held at 1."
)
_IN_DTYPE = (
    " With --dtype (dtype=), each a and b is rounded to the dtype and each result is the exact product of those "
    "values rounded once (correctly rounded, not h(b) rounded and the product rounded again); both partials "
    "likewise. actplot limits and diff take the unit along the slice its plots draw; check takes functions of "
    "one number (check the gate instead)."
)


def _gate_first(latex: str) -> str:
    """``y = a \\otimes h(b)`` with the first half gated: ``y = h(a) \\otimes b``."""
    activation = latex.removeprefix(r"y = a \otimes ").removesuffix("b)")
    return f"y = {activation}a) \\otimes b"


def _record(name, function, derivative, h_name, summary, latex, plain, derivative_plain, **fields) -> Activation:
    if _GATE in fields.get("parameters", ()):  # the title's formula with the half the gate takes
        fields["mathtext"] = lambda gate="second", **params: latex if gate == "second" else _gate_first(latex)
    return Activation(
        name=name,
        summary=summary,
        function=function,
        derivative=derivative,
        latex=latex,
        plain=plain,
        derivative_plain=derivative_plain,
        output_range=(-math.inf, math.inf),
        range_text="(-inf, inf)",
        properties=P(False, False, h_name != "relu", "a * h'(b) (by b), h(b) (by a)"),
        use=(HIDDEN + " (transformer feed-forward layers)",),
        gated=True,
        vector=True,
        **fields,
    )


GLU = _record(
    "glu",
    glu,
    d_glu,
    "sigmoid",
    "The gated linear unit a * sigmoid(b), on the two halves of a vector of 2k numbers.",
    r"y = a \otimes \sigma(b)",
    "y = a * sigmoid(b),  [a, b] = the two halves",
    "dy/da = sigmoid(b), dy/db = a * sigmoid(b) (1 - sigmoid(b))",
    parameters=(_GATE,),
    conventions=_CONVENTIONS + _IN_DTYPE,
    names={"torch": "glu", "torch_module": "GLU", "jax": "glu", "keras": "glu"},
    source="Dauphin, Fan, Auli & Grangier 2016, 'Language Modeling with Gated Convolutional Networks', "
    "arXiv:1612.08083",
    exact=exact_glu,
    exact_derivative=exact_d_glu,
    measured_ulp=(2.33, 2.87),
)

REGLU = _record(
    "reglu",
    reglu,
    d_reglu,
    "relu",
    "The ReLU-gated linear unit a * relu(b), on the two halves of a vector of 2k numbers.",
    r"y = a \otimes \max(0, b)",
    "y = a * max(0, b),  [a, b] = the two halves",
    "dy/da = max(0, b), dy/db = a if b > 0 else 0",
    parameters=(_GATE,),
    conventions=_CONVENTIONS + _IN_DTYPE,
    source="Shazeer 2020, 'GLU Variants Improve Transformer', arXiv:2002.05202",
    kinks=lambda **params: (0.0,),  # along the slice: relu's corner in the gated half
    kink_default="left",
    exact=exact_reglu,
    exact_derivative=exact_d_reglu,
    measured_ulp=(0.5, 0),
)

GEGLU = _record(
    "geglu",
    geglu,
    d_geglu,
    "gelu",
    "The GELU-gated linear unit a * gelu(b), on the two halves of a vector of 2k numbers.",
    r"y = a \otimes \mathrm{GELU}(b)",
    "y = a * gelu(b),  [a, b] = the two halves",
    "dy/da = gelu(b), dy/db = a * gelu'(b)",
    parameters=(
        _GATE,
        Param(
            "approximate",
            "none",
            "'none' for the exact GELU, 'tanh' for the tanh approximation (Megatron-LM, T5 v1.1)",
            choices=("none", "tanh"),
        ),
    ),
    conventions=_CONVENTIONS + " GEGLU's GELU is the exact one by default (PyTorch's GELU); Megatron-LM's fused "
    "kernel and T5 v1.1 ('gated-gelu' with gelu_new) use the tanh form: --approximate tanh." + _IN_DTYPE,
    source="Shazeer 2020, 'GLU Variants Improve Transformer', arXiv:2002.05202",
    exact=exact_geglu,
    exact_derivative=exact_d_geglu,
    measured_ulp=(2.37, 2.19),
)

SWIGLU = _record(
    "swiglu",
    swiglu,
    d_swiglu,
    "silu",
    "The SiLU-gated linear unit a * silu(b) (LLaMA), on the two halves of a vector of 2k numbers.",
    r"y = a \otimes \mathrm{SiLU}(b)",
    "y = a * silu(b),  [a, b] = the two halves",
    "dy/da = silu(b), dy/db = a * silu'(b)",
    parameters=(_GATE,),
    conventions=_CONVENTIONS + " Swish with beta = 1 (SiLU), as in LLaMA and Shazeer's FFN_SwiGLU." + _IN_DTYPE,
    source="Shazeer 2020, 'GLU Variants Improve Transformer', arXiv:2002.05202",
    exact=exact_swiglu,
    exact_derivative=exact_d_swiglu,
    measured_ulp=(2.4, 2.72),
)

BILINEAR = _record(
    "bilinear",
    bilinear,
    d_bilinear,
    "identity",
    "The bilinear unit a * b (a GLU without its nonlinearity), on the two halves of a vector of 2k numbers.",
    r"y = a \otimes b",
    "y = a * b,  [a, b] = the two halves",
    "dy/da = b, dy/db = a",
    conventions="The product is symmetric: no gate order. The derivative gives both partials in the input's "
    "layout: per vector, the k values of dy/da (= b), then the k values of dy/db (= a). A plot draws the slice "
    "a = 1, b = x." + _IN_DTYPE,
    source="Shazeer 2020, 'GLU Variants Improve Transformer', arXiv:2002.05202 (after Mnih & Hinton 2007)",
    exact=exact_bilinear,
    exact_derivative=exact_d_bilinear,
    measured_ulp=(0.5, 0),
)

RECORDS = (
    GLU,
    REGLU,
    GEGLU,
    SWIGLU,
    BILINEAR,
)
