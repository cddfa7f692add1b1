"""The figures of ``actplot stats`` computed by mpmath from the independent reference functions
(``reference.py``): each an integral over the real line at 50 digits, split at the kinks, at 0 and
at every few standard deviations, each piece checked by mpmath's own error estimate (relative).

The cases the tests use are cached in ``data/stats_mpmath.json`` (mpmath takes minutes for all of
them); ``python tests/stats_reference.py`` adds the cases it lacks (``--again``: writes it all
again), and a slow test checks it against a fresh computation.

The single cases the other tests ask for (celu at N(0, (1e-5)²), sinc far out, ...: up to 30 s
each) are kept in ``data/stats_mpmath_cases.json`` with the case itself, so that the same slow
test can compute each again: ``STATS_REFERENCE_RECORD=1 python -m pytest tests/test_stats.py``
adds the cases a run computed and did not find there.
"""

from __future__ import annotations

import fcntl
import json
import math
import os
import sys
from pathlib import Path

from mpmath import mp, mpf
from reference import REFERENCE, SCALAR_CASES, Case  # noqa: F401 - SCALAR_CASES for the tests

CACHE = Path(__file__).resolve().parent / "data" / "stats_mpmath.json"
RECORDED = CACHE.with_name("stats_mpmath_cases.json")  # {key: {"case": [...], "figures": {...}}}
PAIRS = ((0.0, 1.0), (0.5, 2.0), (-1.5, 0.7))
HEAVY_TAILS = ("identity", "relu", "softplus", "elu", "leaky_relu", "selu", "gelu", "silu")
HEAVY_PAIRS = ((0.0, 30.0), (25.0, 10.0), (-25.0, 10.0))
DIGITS = 30  # kept in the cache: far beyond the 1e-12 tested
MOMENTS = ("mean", "variance", "second_moment", "derivative_mean", "derivative_second_moment")

# Where f′ is identically 0, from the definitions: (low, high) intervals for the case's parameters.
DEAD = {
    "step": lambda: [(-math.inf, math.inf)],
    "relu": lambda: [(-math.inf, 0.0)],
    "relu6": lambda: [(-math.inf, 0.0), (6.0, math.inf)],
    "hard_tanh": lambda min_val=-1.0, max_val=1.0: [(-math.inf, min_val), (max_val, math.inf)],
    "hard_sigmoid": lambda slope=None: [(-math.inf, -_corner(slope)), (_corner(slope), math.inf)],
    "hard_swish": lambda: [(-math.inf, -3.0)],
    "leaky_relu": lambda alpha="0.01": [(-math.inf, 0.0)] if float(alpha) == 0 else [],
    "prelu": lambda weight="0.25": [(-math.inf, 0.0)] if float(weight) == 0 else [],
    "rrelu": lambda lower="0.125", upper="1/3": [(-math.inf, 0.0)] if _value(lower) + _value(upper) == 0 else [],
    "squared_relu": lambda: [(-math.inf, 0.0)],
    "squareplus": lambda b="4": [(-math.inf, 0.0)] if float(b) == 0 else [],  # b = 0: relu
    "threshold": lambda threshold="0", value="0": [(-math.inf, float(threshold))],
    "thresholded_relu": lambda theta="1": [(-math.inf, float(theta))],
    "hardshrink": lambda lambd="0.5": [(-float(lambd), float(lambd))] if float(lambd) > 0 else [],  # < 0: identity
    "softshrink": lambda lambd="0.5": [(-float(lambd), float(lambd))] if float(lambd) > 0 else [],
    "sparse_plus": lambda: [(-math.inf, -1.0)],
    "sparse_sigmoid": lambda: [(-math.inf, -1.0), (1.0, math.inf)],
    "sqnl": lambda: [(-math.inf, -2.0), (2.0, math.inf)],
    "hard_elish": lambda: [(-math.inf, -1.0)],
    # clipped where x Φ(x) = 10, at 10 + 7.6e-23, not at the double 10 (where the spread is 1e-22 or less,
    # X's mass on (10, 10 + 7.6e-23) is not negligible)
    "gelu_10": lambda: [(gelu_10_clip(), math.inf)],
}


def gelu_10_clip():
    """Where gelu_10 = min(max(x Φ(x), -10), 10) is clipped: x Φ(x) = 10, at the working precision."""
    return mp.findroot(lambda x: x * mp.ncdf(x) - 10, mpf(10))


def exact_kinks(case: Case) -> list:
    """The case's kinks, from the definitions (``reference.py``), at the working precision where they
    are not doubles: hard_sigmoid's ±1/(2 slope) for a slope other than 1/6 (0.5/3.7 is 1.4e-17 above
    the double nearest it), gelu_10's clip point."""
    if case.name == "hard_sigmoid" and "slope" in case.kwargs and case.kwargs["slope"] != 1.0 / 6.0:
        corner = _corner(case.kwargs["slope"])
        return [-corner, corner]
    if case.name == "gelu_10":
        return [gelu_10_clip()]
    return [mpf(k) for k in case.kinks()]


# Where a scale parameter moves a function's shape away from |x| of 1 to 64: isru's bend at |x| ~
# 1/√alpha, and its slope's tail 1/(alpha |x|³) from there out (alpha = 1e150: from 1e-75 to 1, in
# one piece an error estimate of 1e-15 of its value and E f′ 0.2% off), cut every factor of 256
def _scales(alpha) -> list:
    bend = 1 / mp.sqrt(mpf(alpha))
    return [bend * 256**k for k in range(200) if bend * 256**k < 64]


FEATURES = {
    "isru": lambda alpha="1": [sign * x for x in _scales(alpha) for sign in (1, -1)],
    "isrlu": lambda alpha="1": [-x for x in _scales(alpha)],
}


def _value(text: str) -> float:
    """A parameter as the cases spell it: a decimal or a fraction such as 1/3."""
    numerator, _, denominator = str(text).partition("/")
    return float(numerator) / float(denominator or 1)


def _corner(slope: float | None):
    """Where hard_sigmoid's clip(slope x + 1/2, 0, 1) reaches 1, 1/(2 slope) at the working precision:
    3 for PyTorch's slope 1/6 (the double nearest it stands for it)."""
    return mpf(3) if slope is None or slope == 1.0 / 6.0 else 1 / (2 * mpf(slope))


# --- the periodic functions, from their spectra (quadrature cannot follow 600 periods under the bell) ---
#
# sinusoid and snake as sums of terms c x^k e^{iωx}, so that E f, E f², ... are sums of
# E[X^k e^{iωX}] = e^{iωM - ω²S²/2} E[(μ + S Z)^k], μ = M + iωS² (the characteristic function and its
# derivatives); sinc through its spectrum: sinc(x) = ∫₀¹ cos(xu) du, so E sinc(X) = ∫₀¹ e^{-u²S²/2}
# cos(uM) du, and sinc², sinc′, sinc′² alike (the spectrum of a product is the convolution).


def _terms_product(a, b):
    return [(ca * cb, ka + kb, wa + wb) for ca, ka, wa in a for cb, kb, wb in b]


def _terms_expectation(terms, m, s):
    total = mp.mpc(0)
    for c, k, w in terms:
        mu = m + 1j * w * s * s
        moment = (mpf(1), mu, mu * mu + s * s)[k]
        total += c * mp.exp(1j * w * m - (w * s) ** 2 / 2) * moment
    return total.real


def _sine_terms(a, b=1, power=0):
    """b x^power sin(a x) as terms: b x^power (e^{iax} - e^{-iax}) / 2i."""
    return [(b / 2j, power, a), (-b / 2j, power, -a)]


def _spectral(case: Case, m, s) -> dict | None:
    """The figures of a periodic function from its spectrum, or None for the others."""
    # digits beyond the cancellations: E f² - (E f)² of snake at N(1e20, 3²) is 9 against 1e40, and
    # Var sin X at N(1, (1e-150)²) is 1e-300 against 1
    # and, for snake, a small frequency a: its terms ±1/(4a) cancel to x + a x² + ... (1/a² in f²)
    a = abs(mpf(case.kwargs.get("frequency", 1.0)))
    small = 4 * max(0, int(-mp.log10(a * min(s, 1))))
    with mp.workdps(mp.dps + 2 * max(0, int(mp.log10(abs(m) + 1))) + 4 * max(0, int(-mp.log10(s))) + small):
        return _spectral_figures(case, mpf(m), mpf(s))


def _spectral_figures(case: Case, m, s) -> dict | None:
    if case.name in ("sinusoid", "snake"):
        if case.name == "sinusoid":
            f = _sine_terms(mpf(1))
            d = [(mpf(1) / 2, 0, mpf(1)), (mpf(1) / 2, 0, mpf(-1))]
        else:  # x + sin²(ax)/a = x + (2 - e^{2iax} - e^{-2iax})/(4a); f′ = 1 + sin 2ax
            a = mpf(case.kwargs.get("frequency", 1.0))
            f = [(mpf(1), 1, mpf(0)), (1 / (2 * a), 0, mpf(0)), (-1 / (4 * a), 0, 2 * a), (-1 / (4 * a), 0, -2 * a)]
            d = [(mpf(1), 0, mpf(0)), *_sine_terms(2 * a)]
        first = _terms_expectation(f, m, s)
        out = {
            "mean": first,
            "variance": _terms_expectation(_terms_product(f, f), m, s) - first**2,
            "second_moment": _terms_expectation(_terms_product(f, f), m, s),
            "derivative_mean": _terms_expectation(d, m, s),
            "derivative_second_moment": _terms_expectation(_terms_product(d, d), m, s),
        }
        bounds = {"sinusoid": (1, 1), "snake": (None, 2)}[case.name]
    elif case.name == "sinc":

        def spectrum(weight, wave, top):
            """∫₀^top weight(v) e^{-v²S²/2} wave(vM) dv, split at every quarter period of the wave."""
            end = min(top, 40 / s)
            points = [mpf(0), end]
            if m != 0:
                quarter = mp.pi / (2 * abs(m))
                points = [min(end, j * quarter) for j in range(int(end / quarter) + 2)]
            return mp.quad(lambda v: weight(v) * mp.exp(-((v * s) ** 2) / 2) * wave(v * m), sorted(set(points)))

        first = spectrum(lambda u: 1, mp.cos, 1)
        second = spectrum(lambda v: 1 - v / 2, mp.cos, 2)  # sinc² = ∫₀² (1 - v/2) cos(xv) dv
        out = {
            "mean": first,
            "variance": second - first**2,
            "second_moment": second,
            "derivative_mean": -spectrum(lambda u: u, mp.sin, 1),  # sinc′(x) = -∫₀¹ u sin(xu) du
            # sinc′² = ∫₀² 2g(v) cos(xv) dv, g = (1/4) ∫ u(v - u) du over |u|, |v - u| <= 1
            "derivative_second_moment": spectrum(
                lambda v: -(v * v * (2 - v) / 2 - (1 - (v - 1) ** 3) / 3) / 2, mp.cos, 2
            ),
        }
        bounds = (1, mpf(1) / 2)
    else:
        return None
    # E|h| >= E h² / sup|h|: a lower bound of the scale of a mean that cancels (the test is stricter
    # with it than with E|h| itself)
    for name, moment, bound in (
        ("mean", "second_moment", bounds[0]),
        ("derivative_mean", "derivative_second_moment", bounds[1]),
    ):
        if bound is not None:
            out[name + "_abs"] = out[moment] / bound
    return out


def _celu_growing(case: Case, m, s) -> dict | None:
    """celu with alpha < 0 in closed form, or None for any other case: alpha (e^(x/alpha) - 1) below
    0 grows as e^(|x|/|alpha|), whose mass lies at z = S/|alpha| (1e300 for alpha = -1e-300), where
    no split reaches (the quadrature's figures were finite, each exactly e^(5e599) or more).
    E[e^(kX/alpha); X < 0] = e^(kM/alpha + k²S²/(2 alpha²)) Φ(-M/S - kS/alpha)."""
    if case.name != "celu" or float(case.kwargs.get("alpha", 1.0)) >= 0:
        return None
    a = mpf(case.kwargs["alpha"])
    # Where S is small against |alpha| the terms of order S cancel, and those of order 1, to a mean of
    # order S²/alpha: 2 log10(|alpha|/S) digits lost (alpha = -1 at N(0, (1e-20)²): 5.6e-11 off at 50)
    lost = 2 * max(0, math.ceil(float(mp.log10(abs(a) / s)))) if s < abs(a) else 0
    with mp.extradps(lost):
        t = m / s
        above, below = _cdf(t), _cdf(-t)  # P(X > 0), P(X < 0)
        density = mp.npdf(t) if abs(t) < 1e9 else mpf(0)
        grow = [mp.exp(k * m / a + (k * s / a) ** 2 / 2) * _cdf(-t - k * s / a) for k in (1, 2)]
        mean = m * above + s * density + a * (grow[0] - below)
        second = (m * m + s * s) * above + m * s * density + a * a * (grow[1] - 2 * grow[0] + below)
        return {
            "mean": mean,
            "variance": second - mean * mean,
            "second_moment": second,
            "derivative_mean": above + grow[0],
            "derivative_second_moment": above + grow[1],
        }


def cases() -> list[tuple[Case, float, float]]:
    """Every scalar case at N(0, 1) and two other pairs; the unbounded ones far out as well."""
    return [(case, m, s) for case in SCALAR_CASES for m, s in PAIRS] + [
        (Case(name), m, s) for name in HEAVY_TAILS for m, s in HEAVY_PAIRS
    ]


def cached_cases() -> list[tuple[Case, float, float]]:
    """The cases whose figures the cache holds: every function at the three pairs and far out."""
    return [(case, m, s) for case, m, s in cases() if key(case, m, s) in _CACHED]


def key(case: Case, mean: float, std: float) -> str:
    return f"{case} at N({mean!r}, {std!r}^2)"


def figures(case: Case, mean: float, std: float) -> dict[str, mpf]:
    """The exact figures, and E|f|, E|f′| (the scale of a mean whose integrand cancels)."""
    f_ref, d_ref = REFERENCE[case.name]

    def f(x):
        return f_ref(x, **case.kwargs)

    def d(x):
        return d_ref(x, **case.kwargs)

    # the kinks from the definitions, exactly (hard_sigmoid's 1/(2 slope), gelu_10's clip point: not
    # doubles); one beyond the doubles (hard_sigmoid's with slope = 5e-324): no cut there, where φ is
    # 0 to any precision (its mass is e^(-5e645))
    with mp.workdps(60):
        kinks = {k for k in exact_kinks(case) if mp.isfinite(k) and abs(k) < mpf(2) ** 1024}
    # and the digits x = m + s z needs beyond 50 where the spread is below the mean's ulp, and
    # where x near the features (|x| of 1 to 64, the kinks) is the small difference m + s z of
    # two large numbers (hard_sigmoid at N(1e100, 1e99²): its kinks ±3 at z = -10 ± 3e-99)
    # and where two kinks are closer than the spread's or the mean's ulp (hard_sigmoid with slope =
    # 1e300: its slope lives on (-5e-301, 5e-301), at N(0.5, 2²) both ends z = -0.25 at 50 digits)
    features = [float(x) for x in FEATURES.get(case.name, lambda **_: [])(**case.kwargs)]
    points = sorted({0.0, *(float(k) for k in kinks), *features})

    def weighs(a: float, b: float) -> bool:
        """Whether the piece (a, b) can move a figure: f′² (or f²) times its width above 1e-100
        (hard_sigmoid's slope 1e300 on a piece 1e-300 wide, not hard_tanh's min_val = 5e-324)."""
        with mp.workdps(50):
            middle = (mpf(a) + mpf(b)) / 2
            return max(abs(f(middle)), abs(d(middle))) ** 2 * (mpf(b) - mpf(a)) > mpf(10) ** -100

    def within_reach(a: float, b: float) -> bool:
        """Whether an end of the piece is within 100 standard deviations of the mean: pieces beyond
        hold no mass to resolve (softplus with beta = 1e300, threshold 20 at 2e-299, at N(-2e85, 2e45²)
        asked for 474 digits and ran for hours; the cuts there are z = 1e40 at any precision)."""
        return min(abs(a - mean), abs(b - mean)) <= 100 * std

    gaps = [b - a for a, b in zip(points, points[1:], strict=False) if b > a and within_reach(a, b) and weighs(a, b)]
    closest = min(gaps, default=math.inf)
    # (at mean 0, (k - m)/s = k/s is exact: N(0, 1e300²) needs no more)
    near = max(0, math.ceil(math.log10(abs(mean) / min(closest, 1.0)))) if mean else 0
    with mp.workdps(50 + near + (max(0, math.ceil(math.log10(abs(mean)) - math.log10(std))) if mean else 0)):
        m, s = mpf(mean), mpf(std)
        kinks = {k for k in exact_kinks(case) if mp.isfinite(k) and abs(k) < mpf(2) ** 1024}  # at these digits
        spectral = _spectral(case, m, s) or _celu_growing(case, m, s)
        if spectral is not None:
            return {
                **spectral,
                "dead_fraction": mpf(0),
                **({"gain": 1 / mp.sqrt(spectral["second_moment"])} if (mean, std) == (0.0, 1.0) else {}),
            }
        # In z = (x - m)/s, split where h is not smooth (the kinks, 0) and every few standard
        # deviations: mpmath's tanh-sinh rule needs the mass near a split (a peak far from every
        # split, sech(x)^4 at N(30, 1), is missed at any precision).
        cuts = {(k - m) / s for k in (*kinks, mpf(0))}
        cuts |= {mpf(j) for j in (-8, -4, -2, -1, 0, 1, 2, 4, 8)}
        # and at the features of the functions (|x| of 1 to 64): at N(0, 100²) hard_elish's and
        # xielu's shapes about 0 are a sliver of z that tanh-sinh resolved past its error check only
        cuts |= {(x - m) / s for x in (-64, -16, -4, -1, 1, 4, 16, 64)}
        cuts |= {(mpf(x) - m) / s for x in features}

        def piece(h, a, b):
            """∫ h(m + s z) φ(z) dz over [a, b] and its error. mpmath's quad stops at an absolute
            error of its working epsilon, so the integrand is brought to size 1: φ(z) as
            φ(c) e^((c² - z²)/2) for the end c nearest 0 (far in a tail), and h by its size there."""
            c = a if a >= 0 else b if b <= 0 else mpf(0)
            inner = [v for v in (a, b, (a + b) / 2) if mp.isfinite(v)] or [c]
            size = max(abs(h(m + s * v)) * mp.exp((c - v) * (c + v) / 2) for v in inner) or mpf(1)
            # and by its width where finite: a piece 1e-242 wide (hard_sigmoid at N(0, 1e484)) had an
            # error of epsilon, absolute, beside an integral of 1e-242
            width = b - a if mp.isfinite(b - a) and b - a < 1 else mpf(1)
            scale = size * mp.npdf(c) * width
            value, error = mp.quad(
                lambda z: h(m + s * z) * mp.exp((c - z) * (c + z) / 2) / size / width, [a, b], error=True
            )
            return value * scale, error * scale

        def integral(h, extra=()):
            points = [mp.ninf, *sorted(cuts | {(x - m) / s for x in extra}), mp.inf]
            values, errors = zip(*(piece(h, a, b) for a, b in zip(points, points[1:], strict=False)), strict=True)
            if any(mp.isnan(v) for v in values):  # h undefined on a set of positive probability
                return mp.nan
            size = mp.fsum(abs(v) for v in values)
            # Three orders below the 1e-12 tested: a kink of the exact function a few ulp from the
            # record's (hard_sigmoid's 0.5/slope for slope 0.2) leaves a sliver the splits miss, and
            # a piece 20 standard deviations out is estimated coarsely (hard_sigmoid' at N(2, 0.1²)).
            assert mp.fsum(errors) <= mpf(10) ** -15 * size, (case, mean, std, values, errors)
            return mp.fsum(values)

        def integral_of_abs(h):
            """E|h(X)|: split at h's sign changes too, where |h| has a kink."""
            # over ±10 standard deviations, and finely over the features of the functions (|x| < 16):
            # at N(0, 100²) a grid of S/50 missed hard_elish′'s root in (-1, 0)
            grid = sorted({m + s * (mpf(i) / 50 - 10) for i in range(1001)} | {mpf(i) / 32 for i in range(-512, 513)})
            values = [h(x) for x in grid]
            roots = [x for x, v in zip(grid, values, strict=True) if v == 0]
            roots += [
                mp.findroot(h, (a, b), solver="bisect", verify=False)  # a root, or a jump (leaky_relu')
                for a, b, ha, hb in zip(grid, grid[1:], values, values[1:], strict=False)
                if ha * hb < 0
            ]
            return integral(lambda x: abs(h(x)), roots)

        first = integral(f)
        if mp.isnan(first):  # f undefined (NaN) where X has mass (soft_exponential with alpha < 0): no moment
            undefined = {name: mp.nan for name in (*MOMENTS, "mean_abs", "derivative_mean_abs")}
            return {**undefined, "dead_fraction": mpf(0), **({"gain": mp.nan} if (mean, std) == (0.0, 1.0) else {})}
        # Var f = E D² - (E D)², D(x) = f(x) - f(m) worked out with digits to spare beyond f's
        # size: softplus with beta = 5e-324 is 1.4e323 + x/2 + ..., with a variance of 1/4.
        spare = 20 + max(0, int(mp.log10(abs(f(m)) + 1)))

        def centred(x):
            # and more where f(x) and f(m) agree beyond them: hard_sigmoid with slope = 1e-150 is
            # 1/2 + 1e-150 x, 0 at 70 digits (its variance came out 8.9e-(2.3e180), not 1e-300)
            if x == m:
                return mpf(0)
            digits = spare
            with mp.workdps(50 + digits):
                if f(x) == f(m) and d(x) == 0:  # on a plateau with the mean (gelu_10 beyond 10): exactly 0
                    return mpf(0)
            while True:
                with mp.workdps(50 + digits):
                    a, b = f(x), f(m)
                    difference = a - b
                if abs(difference) >= mpf(10) ** -digits * max(abs(a), abs(b)) or digits > 4000:
                    return difference
                digits *= 2

        centre = integral(centred)
        out = {
            "mean": first,
            "variance": integral(lambda x: centred(x) ** 2) - centre**2,
            "second_moment": integral(lambda x: f(x) ** 2),
            "derivative_mean": integral(d),
            "derivative_second_moment": integral(lambda x: d(x) ** 2),
            "mean_abs": integral_of_abs(f),
            "derivative_mean_abs": integral_of_abs(d),
            # Above the mean, as upper tails: 1 - Φ(30) is 0 at 50 digits, Φ(-30) is 4.9e-198.
            "dead_fraction": mp.fsum(
                _mass(low, high, m, s) for low, high in DEAD.get(case.name, lambda **_: [])(**case.kwargs)
            ),
        }
        if (mean, std) == (0.0, 1.0):
            # E f² of e^(-5e299) (hardshrink with lambd = 1e150: 0 up to it) comes out 0: the
            # gain, e^(2.5e299), is inf in doubles either way
            second = out["second_moment"]
            out["gain"] = 1 / mp.sqrt(second) if second else mp.inf
    return out


def _mass(low, high, m, s):
    """P(low < X < high): a narrow interval (hardshrink's (-1e-150, 1e-150)) by quadrature of the
    density, where a difference of CDFs at 50 digits is 0; above the mean, as upper tails."""
    if mp.isfinite(high - low) and high - low < s:
        return mp.quad(lambda x: mp.npdf(x, m, s), [low, high])
    return _cdf((m - low) / s) - _cdf((m - high) / s) if low > m else _cdf((high - m) / s) - _cdf((low - m) / s)


def _cdf(z):
    """Φ(z); 0 or 1 beyond |z| = 1e9, where mpmath's erfc overflows (z = 1e243) and Φ is e^(-5e17) from them."""
    return mp.ncdf(z) if abs(z) < 1e9 else mpf(z > 0)


def cached() -> dict[str, dict[str, mpf]]:
    """Every cached figure by key: the table of cases() and the single cases recorded."""
    table = json.loads(CACHE.read_text()) if CACHE.exists() else {}
    table |= {k: entry["figures"] for k, entry in _recorded().items()}
    with mp.workdps(50):
        return {k: {name: mpf(v) for name, v in entry.items()} for k, entry in table.items()}


def _recorded() -> dict:
    return json.loads(RECORDED.read_text()) if RECORDED.exists() else {}


def recorded_cases() -> list[tuple[Case, float, float]]:
    """The single cases kept with their figures, to be computed again by the slow test."""
    return [
        (Case(name, tuple((k, v) for k, v in params)), mean, std)
        for name, params, mean, std in (entry["case"] for entry in _recorded().values())
    ]


def exact(case: Case, mean: float, std: float) -> dict[str, mpf]:
    """The cached figures, or computed now for a case the cache does not hold (and kept, with
    STATS_REFERENCE_RECORD set, for the next run)."""
    found = _CACHED.get(key(case, mean, std))
    if found is not None:
        return found
    computed = figures(case, mean, std)
    if os.environ.get("STATS_REFERENCE_RECORD"):
        _record(case, mean, std, computed)
    return computed


def _record(case: Case, mean: float, std: float, computed: dict[str, mpf]) -> None:
    """Add one case to RECORDED, under a lock: the test workers run side by side."""
    RECORDED.parent.mkdir(exist_ok=True)
    with open(RECORDED.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        entries = _recorded()
        entries[key(case, mean, std)] = {
            "case": [case.name, [list(p) for p in case.params], mean, std],
            "figures": {name: mp.nstr(value, DIGITS) for name, value in computed.items()},
        }
        RECORDED.write_text(json.dumps(dict(sorted(entries.items())), indent=1) + "\n")


def write(again: bool = False) -> None:
    """Compute the cases the cache lacks (every case with ``again``) and write the cache."""
    entries = {} if again else json.loads(CACHE.read_text()) if CACHE.exists() else {}
    for case, mean, std in cases():
        if key(case, mean, std) in entries:
            continue
        entries[key(case, mean, std)] = {
            name: mp.nstr(value, DIGITS) for name, value in figures(case, mean, std).items()
        }
        print(key(case, mean, std), file=sys.stderr)
        CACHE.write_text(json.dumps(entries, indent=1) + "\n")  # kept as it grows
    CACHE.parent.mkdir(exist_ok=True)
    CACHE.write_text(json.dumps(entries, indent=1) + "\n")


_CACHED = cached()

if __name__ == "__main__":
    write(again="--again" in sys.argv)
