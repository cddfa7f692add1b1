r"""Closed forms of the Gaussian moments of the functions whose integrals a quadrature cannot follow:
the periodic ones (a sine at N(0, 1000²) has 600 periods under the bell, and a mean of 1e20 leaves
no digit of its phase in x = M + S z) and the exponential (at N(-5000, 100²) e^x underflows to 0
wherever z < 40, while all of E e^X = 1 lies about z = 100).

For X ~ N(M, S²) and Y = aX ~ N(m, σ²), m = aM, σ = aS, with s, c = sin m, cos m:

* :math:`E \sin Y = e^{-σ^2/2} s`, :math:`E \cos Y = e^{-σ^2/2} c` (the characteristic function);
* even powers as sums of non-negative terms (sin Y = s cos σZ + c sin σZ, the odd cross terms
  vanish), with 1 - e^{-w} as ``-expm1(-w)``, so nothing cancels at a small σ:
  :math:`E \sin^2 Y = s^2 (1 + e^{-2σ^2})/2 + c^2 (1 - e^{-2σ^2})/2`,
  :math:`\mathrm{Var} \sin Y = s^2 (1 - e^{-σ^2})^2/2 + c^2 (1 - e^{-2σ^2})/2`, and the fourth power
  from E cos⁴σZ, E cos²σZ sin²σZ, E sin⁴σZ;
* Stein's identity :math:`E[X g(X)] = M E g(X) + S^2 E g'(X)` for the products with x;
* :math:`E e^{X} = e^{M + S^2/2}`, and for the soft exponential with α > 0, f = expm1(αx)/α + α:
  :math:`E f = \mathrm{expm1}(αM + α^2S^2/2)/α + α`, :math:`\mathrm{Var} f = e^{2αM + α^2S^2}
  \mathrm{expm1}(α^2S^2)/α^2`.

xIELU is piecewise a sum of :math:`c x^k e^{λx}`, and
:math:`E[X^k e^{λX}; a < X < b] = e^{λM + λ^2S^2/2} E[Y^k; a < Y < b]`, Y ~ N(M + λS², S²), whose
truncated moments follow :math:`J_j = α^{j-1}φ(α) - β^{j-1}φ(β) + (j - 1) J_{j-2}` (its α_n e^x
below 0 can hold all of a figure 20 standard deviations from the mean, where quadrature lost digits).

sinc has no elementary form under a Gaussian: sin x / x = Re(-i e^{ix}/x), and moving the line of
integration of the e^{ix} part up by S² (where e^{ix} φ((x - M)/S) becomes e^{iM - S²/2} φ) turns
the oscillating integral into a smooth one plus the residue at the pole 0:
:math:`E f(X) = \mathrm{Re} \sum_j e^{iω_j M - ω_j^2 S^2/2} E[R_j(X + iω_j S^2)] - π \mathrm{Im}
\mathrm{Res}_0(F φ_{M,S})` for :math:`f = \mathrm{Re} F`, :math:`F(x) = \sum_j e^{iω_j x} R_j(x)`,
R_j polynomials in 1/x (sinc, sinc′, sinc², sinc′² below; a term with ω = 0 is moved up by S,
where it turns one radian a standard deviation); the smooth integrals are taken by mpmath's
quadrature.

Each form is evaluated by mpmath at a precision that grows until two evaluations agree to 2^-80
(a phase next to a zero of 1 + sin 2aM leaves E snake′² a difference of terms 2^-200 apart).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Mapping

MOMENTS = ("mean", "variance", "second_moment", "derivative_mean", "derivative_second_moment")
_AGREE = 80  # bits two evaluations share before the value is taken
_START = 256  # bits, plus 4 per bit of 1/σ below 1 (a fourth power of σ cancels against 1)
_MOST = 1 << 16


def moments(name: str, params: Mapping, mean: float, std: float) -> dict[str, float] | None:
    """The five moments of ``name`` at N(mean, std²) in doubles (±inf beyond them), or None where
    the function has no form here (or, for sinc, where its plain quadrature is better: a spread
    below 1/2 around a mean below 64, where sinc is smooth under the bell)."""
    form = FORMS.get(name)
    if form is None or not form.applies(params, mean, std):
        return None
    # a sign of its own for a mean of -0.0, which equals 0.0 as a key (sin(-0.0) is -0.0)
    found = _remembered(name, tuple(sorted(params.items())), math.copysign(1.0, mean), mean, std)
    return dict(found)


@functools.lru_cache(maxsize=256)
def _remembered(name: str, params: tuple, sign: float, mean: float, std: float) -> dict[str, float]:
    """The moments, computed once for each distribution: sinc's quadrature takes seconds, and
    stats needs the moments at N(0, 1) twice (the figures and the gain), a depth map at a fixed
    point once a layer."""
    return {k: float(v) for k, v in _settled(FORMS[name], dict(params), mean, std).items()}


def _settled(form, params: Mapping, mean: float, std: float) -> dict:
    from mpmath import mp

    bits = form.start(params, mean, std)
    before = None
    while True:
        with mp.workprec(bits):
            found = form.compute(mp, params, mp.mpf(mean), mp.mpf(std))
        if not form.settle or before is not None and all(_agrees(mp, before[k], found[k]) for k in found):
            return found
        if bits >= _MOST:
            return found
        before, bits = found, 2 * bits


def _agrees(mp, a, b) -> bool:
    if mp.isnan(a) or mp.isnan(b):
        return mp.isnan(a) and mp.isnan(b)
    return a == b or abs(a - b) <= mp.ldexp(abs(b), -_AGREE)


def _trigonometric_start(params: Mapping, mean: float, std: float) -> int:
    """_START bits, and 4 more per bit of 1/σ below 1: E sin⁴σZ is 3σ⁴ + ..., a difference of terms near 1."""
    spread = min(std, std * abs(float(params.get("frequency", 1.0))))
    return _START + 4 * max(0, -math.frexp(spread)[1])


class _Form:
    def __init__(
        self,
        compute: Callable,
        applies: Callable = lambda *_: True,
        start: Callable = _trigonometric_start,
        settle: bool = True,
    ) -> None:
        self.compute = compute
        self.applies = applies  # (params, mean, std) -> whether the form is used there
        self.start = start  # (params, mean, std) -> the first precision tried, in bits
        # evaluated again at twice the precision until two agree (not where a quadrature's
        # digits of a 0, E sinc′(X) at mean 0, differ from one precision to the next)
        self.settle = settle


# --- the sine ------------------------------------------------------------------------------------


def _squares(mp, s, c, sigma):
    """E sin²Y, E cos²Y, Var sin Y, Var cos Y for Y ~ N(m, σ²), s, c = sin m, cos m."""
    u = -mp.expm1(-2 * sigma * sigma)  # 1 - e^{-2σ²} = 2 E sin²σZ
    q = mp.expm1(-sigma * sigma) ** 2  # (1 - e^{-σ²})² = 2 Var cos σZ
    s2, c2 = s * s, c * c
    return (
        s2 * (1 - u / 2) + c2 * u / 2,
        c2 * (1 - u / 2) + s2 * u / 2,
        s2 * q / 2 + c2 * u / 2,
        c2 * q / 2 + s2 * u / 2,
    )


def _fourth(mp, s, c, sigma):
    """E sin⁴Y for Y ~ N(m, σ²): s⁴ E cos⁴σZ + 6 s²c² E cos²σZ sin²σZ + c⁴ E sin⁴σZ."""
    w = 2 * sigma * sigma
    cos4 = (3 + 4 * mp.exp(-w) + mp.exp(-4 * w)) / 8
    mixed = -mp.expm1(-4 * w) / 8
    sin4 = (mp.expm1(-4 * w) - 4 * mp.expm1(-w)) / 8
    s2, c2 = s * s, c * c
    return s2 * s2 * cos4 + 6 * s2 * c2 * mixed + c2 * c2 * sin4


def _sinusoid(mp, params, M, S):
    s, c = mp.sin(M), mp.cos(M)
    damping = mp.exp(-S * S / 2)
    sin2, cos2, var_sin, _ = _squares(mp, s, c, S)
    return {
        "mean": damping * s,
        "variance": var_sin,
        "second_moment": sin2,
        "derivative_mean": damping * c,
        "derivative_second_moment": cos2,
    }


def _snake(mp, params, M, S):
    """f = x + sin²(ax)/a, f′ = 1 + sin 2ax = 2 sin²(ax + π/4)."""
    a = mp.mpf(params["frequency"])
    m, sigma = a * M, a * S
    s, c = mp.sin(m), mp.cos(m)
    sin2, _, _, _ = _squares(mp, s, c, sigma)
    sine_2y = mp.exp(-2 * sigma * sigma) * 2 * s * c  # E sin 2aX
    # Var sin²Y = Var cos 2Y / 4, cos 2Y with 2Y ~ N(2m, 4σ²)
    _, _, _, var_cos_2y = _squares(mp, 2 * s * c, c * c - s * s, 2 * sigma)
    # the phase moved by π/4: sin, cos of m + π/4
    sp, cp = (s + c) / mp.sqrt(2), (c - s) / mp.sqrt(2)
    shifted_sin2, _, _, _ = _squares(mp, sp, cp, sigma)
    return {
        "mean": M + sin2 / a,
        # Var X + 2 Cov(X, sin²aX)/a + Var(sin²aX)/a², Cov(X, g(X)) = S² E g′(X) (Stein)
        "variance": S * S * (1 + 2 * sine_2y) + var_cos_2y / 4 / (a * a),
        # E X² + 2 E[X sin²aX]/a + E sin⁴aX / a², E[X sin²aX] = M E sin²aX + a S² E sin 2aX
        "second_moment": M * M + S * S + 2 * (M * sin2 + a * S * S * sine_2y) / a + _fourth(mp, s, c, sigma) / (a * a),
        "derivative_mean": 2 * shifted_sin2,
        "derivative_second_moment": 4 * _fourth(mp, sp, cp, sigma),
    }


# --- the exponential -----------------------------------------------------------------------------


def _exponential(mp, params, M, S):
    square = mp.fmul(S, S, exact=True)
    first = mp.exp(mp.fadd(M, square / 2, exact=True))  # e^(M + S²/2), its exponent exact
    second = mp.exp(2 * mp.fadd(M, square, exact=True))
    return {
        "mean": first,
        "variance": mp.exp(mp.fadd(2 * M, square, exact=True)) * mp.expm1(square),
        "second_moment": second,
        "derivative_mean": first,
        "derivative_second_moment": second,
    }


def _soft_exponential(mp, params, M, S):
    """f = expm1(αx)/α + α for α > 0: E f′ = E e^{αX} = e^{αM + α²S²/2}, and Var f = Var e^{αX}/α²;
    the exponents formed exactly (α = 5e-324: α²S² is 2.5e-647, no double), E f from expm1 (a
    spread of 1e-150 leaves E f - α = M + O(αS²)), E f² as Var f + (E f)², a sum of positive terms."""
    a = mp.mpf(params["alpha"])
    aa, square = mp.fmul(a, a, exact=True), mp.fmul(S, S, exact=True)
    a2s2 = mp.fmul(aa, square, exact=True)  # α²S²
    a_m = mp.fmul(a, M, exact=True)
    mean = mp.expm1(mp.fadd(a_m, a2s2 / 2, exact=True)) / a + a
    variance = mp.exp(mp.fadd(2 * a_m, a2s2, exact=True)) * mp.expm1(a2s2) / aa
    return {
        "mean": mean,
        "variance": variance,
        "second_moment": variance + mean * mean,
        "derivative_mean": mp.exp(mp.fadd(a_m, a2s2 / 2, exact=True)),
        "derivative_second_moment": mp.exp(2 * mp.fadd(a_m, a2s2, exact=True)),
    }


# --- xIELU ---------------------------------------------------------------------------------------


def _xielu(mp, params, M, S):
    r"""xIELU and its slope as pieces of sums of :math:`c x^k e^{λx}` (λ = 0, 1; squared, 0 to 2):
    :math:`α_n e^x - α_n + (β - α_n) x` up to ε, :math:`α_n \mathrm{expm1}(ε) + (β - α_n) x` on
    (ε, 0], :math:`α_p x^2 + β x` above. With α_n = 1e150 at N(2, 0.1²) all of E f lies at x just
    below 0, 20 standard deviations out, where the quadrature was 3e-10 off and took seconds."""
    ap, an, b, eps = (mp.mpf(params[name]) for name in ("alpha_p", "alpha_n", "beta", "eps"))
    f = [
        (mp.ninf, eps, {0: [-an, b - an], 1: [an]}),
        (eps, mp.mpf(0), {0: [an * mp.expm1(eps), b - an]}),
        (mp.mpf(0), mp.inf, {0: [0, b, ap]}),
    ]
    d = [
        (mp.ninf, eps, {0: [b - an], 1: [an]}),
        (eps, mp.mpf(0), {0: [b - an]}),
        (mp.mpf(0), mp.inf, {0: [b, 2 * ap]}),
    ]
    # the variance from f - f(M), so that the constant -α_n (β = α_n, far left) does not cancel in it
    centre = next(_piece_value(mp, terms, M) for _, high, terms in f if M <= high)
    centred = [(low, high, {**terms, 0: [terms[0][0] - centre, *terms[0][1:]]}) for low, high, terms in f]
    shift = _piecewise_expectation(mp, centred, M, S, 1)
    return {
        "mean": _piecewise_expectation(mp, f, M, S, 1),
        "variance": _piecewise_expectation(mp, centred, M, S, 2) - shift * shift,
        "second_moment": _piecewise_expectation(mp, f, M, S, 2),
        "derivative_mean": _piecewise_expectation(mp, d, M, S, 1),
        "derivative_second_moment": _piecewise_expectation(mp, d, M, S, 2),
    }


def _piece_value(mp, terms, x):
    return mp.fsum(
        mp.exp(rate * x) * c * x**k for rate, coefficients in terms.items() for k, c in enumerate(coefficients)
    )


def _piecewise_expectation(mp, pieces, M, S, power):
    r"""E[g(X)^power], X ~ N(M, S²), g a sum :math:`\sum_λ e^{λx} p_λ(x)` on each piece (low, high):
    :math:`E[X^k e^{λX}; A] = e^{λM + λ^2S^2/2} E[Y^k; A]`, Y ~ N(M + λS², S²)."""
    total = mp.mpf(0)
    for low, high, terms in pieces:
        if not low < high:  # ε = 0: no middle piece
            continue
        if power == 2:
            terms = _terms_square(mp, terms)
        for rate, coefficients in terms.items():
            weight = mp.exp(rate * M + rate * rate * S * S / 2) if rate else mp.mpf(1)
            total += weight * _truncated(mp, coefficients, M + rate * S * S, S, low, high)
    return total


def _terms_square(mp, terms):
    square: dict = {}
    for ra, a in terms.items():
        for rb, b in terms.items():
            product = square.setdefault(ra + rb, [mp.mpf(0)] * (len(a) + len(b) - 1))
            product.extend([mp.mpf(0)] * (len(a) + len(b) - 1 - len(product)))
            for i, x in enumerate(a):
                for j, y in enumerate(b):
                    product[i + j] += x * y
    return square


def _truncated(mp, coefficients, mu, S, low, high):
    r"""E[q(Y); low < Y < high], Y ~ N(mu, S²), q's coefficients ascending: q(mu + S z) in powers
    of z against :math:`J_j = \int_α^β z^j φ(z) dz`, :math:`J_j = α^{j-1}φ(α) - β^{j-1}φ(β) + (j - 1)
    J_{j-2}`."""
    shifted = [mp.mpf(0)]
    for c in reversed(coefficients):  # Horner's scheme in z: shifted (mu + S z) + c
        shifted = [a * mu + b * S for a, b in zip([*shifted, 0], [0, *shifted], strict=True)]
        shifted[0] += c
    alpha, beta = (low - mu) / S, (high - mu) / S
    # the mass from the tail it lies in, so that it does not cancel against 1
    mass = _lower_tail(mp, -alpha) - _lower_tail(mp, -beta) if alpha >= 0 else _cdf(mp, beta) - _lower_tail(mp, alpha)
    edge = [mp.npdf(v) if mp.isfinite(v) else mp.mpf(0) for v in (alpha, beta)]
    moments = [mass, edge[0] - edge[1]]
    for j in range(2, len(shifted)):
        ends = [v ** (j - 1) * e if e else e for v, e in zip((alpha, beta), edge, strict=True)]
        moments.append(ends[0] - ends[1] + (j - 1) * moments[j - 2])
    return mp.fsum(c * j for c, j in zip(shifted, moments, strict=False))


def _xielu_applies(params, mean, std) -> bool:
    """Where e^(λM + λ²S²/2) and φ at the pieces' ends take mpmath microseconds (e^(1e300) takes
    seconds) and E f² at N(0, 1) is within the doubles (α_p = 1e300: its gain 1e-300 is kept by the
    quadrature, which works in units of 2^e); the quadrature elsewhere."""
    scales = (params["alpha_p"], params["alpha_n"], params["beta"])
    return (
        max(abs(mean), -params["eps"]) <= 2.0**10 and 2.0**-20 <= std <= 2.0**10 and max(map(abs, scales)) <= 2.0**500
    )


def _cdf(mp, z):
    return _lower_tail(mp, z) if z <= 0 else 1 - _lower_tail(mp, -z)


def _lower_tail(mp, z):
    """Φ(z) for z <= 0; beyond z = -2^64 (where mpmath's erfc fails: z = -1e300) its asymptotic
    series φ(z)/|z| Σ (-1)^n (2n - 1)!!/z^(2n), whose terms fall by 2^-128 each there."""
    if z > -(2**64) or not mp.isfinite(z):
        return mp.ncdf(z)
    term, total, n = mp.mpf(1), mp.mpf(1), 1
    while abs(term) > mp.ldexp(1, -mp.prec - 8):
        term *= -(2 * n - 1) / (z * z)
        total += term
        n += 1
    return mp.npdf(z) / -z * total


# --- sinc ----------------------------------------------------------------------------------------

# Each as F(x) = sum over (ω, {k: r}) of e^{iωx} sum r x^-k, with f = Re F on the real line.
_SINC_TERMS = {
    "mean": ((1, {1: -1j}),),  # sin x / x = Re(-i e^{ix}/x)
    "derivative_mean": ((1, {1: 1, 2: 1j}),),  # cos x/x - sin x/x² = Re(e^{ix}(1/x + i/x²))
    "second_moment": ((0, {2: 0.5}), (2, {2: -0.5})),  # (1 - cos 2x)/(2x²)
    # (1 + cos 2x)/(2x²) - sin 2x/x³ + (1 - cos 2x)/(2x⁴)
    "derivative_second_moment": ((0, {2: 0.5, 4: 0.5}), (2, {2: 0.5, 3: 1j, 4: -0.5})),
}


_NARROW = 2.0**-20  # a spread below this (about a mean of 64 or more) is taken by sinc's Taylor series


def _sinc(mp, params, M, S):
    if S < _NARROW:
        found = _sinc_series(mp, M, S)
        found["variance"] = found["second_moment"] - found["mean"] ** 2
        return found
    known: dict = {}  # E (X + i shift)^-k, shared by the figures
    found = {name: _sinc_expectation(mp, terms, M, S, known) for name, terms in _SINC_TERMS.items()}
    found["variance"] = found["second_moment"] - found["mean"] ** 2
    if abs(M) <= S:
        # E sinc′ = (E sin X - M E sinc X)/S² (Stein): both terms vanish with M, so that a mean of
        # 1e-30 keeps E sinc′ relatively exact (the form above leaves it to within 1e-30)
        found["derivative_mean"] = (mp.exp(-S * S / 2) * mp.sin(M) - M * found["mean"]) / (S * S)
    return found


def _sinc_series(mp, M, S):
    r"""The four moments at a narrow spread from Taylor series about the mean: sinc is entire, and
    :math:`E g(M + SZ) = \sum_k g^{(2k)}(M) S^{2k} (2k - 1)!!/(2k)!`, its terms falling by S² < 2^-40
    each (a handful at the working precision, where the line integrals took minutes at 2000 bits)."""
    count = 2 + (mp.prec + 20) // max(1, -2 * math.frexp(float(S))[1])  # terms until S^2k < 2^-prec

    def sinc(x):
        return mp.sin(x) / x

    def slope(x):
        return (x * mp.cos(x) - mp.sin(x)) / (x * x)

    def expectation(g):
        coefficients = mp.taylor(g, M, 2 * count)
        total, power, odd_factorial = mp.mpf(0), mp.mpf(1), 1
        for k in range(count + 1):
            total += coefficients[2 * k] * power * odd_factorial
            power *= S * S
            odd_factorial *= 2 * k + 1
        return total

    return {
        "mean": expectation(sinc),
        "derivative_mean": expectation(slope),
        "second_moment": expectation(lambda x: sinc(x) ** 2),
        "derivative_second_moment": expectation(lambda x: slope(x) ** 2),
    }


def _sinc_expectation(mp, terms, M, S, known):
    r"""E Re F(X), F = Σ e^{iωx} R(x): the integral of each term along the line Im x = c above the
    pole, less π Im Res_0(F φ_{M,S})."""
    alpha, beta = M / (S * S), -1 / (2 * S * S)
    density0 = mp.npdf(M / S) / S  # φ_{M,S}(0)
    total, residue = mp.mpc(0), mp.mpc(0)
    for omega, powers in terms:
        for k, r in powers.items():
            if (omega, k) not in known:
                known[omega, k] = _along_the_line(mp, M, S, omega, k)
            total += mp.mpc(r) * known[omega, k]
        # e^{iωx} φ_{M,S}(x) / φ_{M,S}(0) = exp(a x + β x²): its Taylor coefficients up to x³
        a = alpha + 1j * omega
        taylor = (1, a, a * a / 2 + beta, a**3 / 6 + a * beta)
        residue += sum(mp.mpc(r) * taylor[k - 1] for k, r in powers.items())
    return total.real - mp.pi * (residue * density0).imag


def _along_the_line(mp, M, S, omega, k):
    r"""∫ e^{iωx} x^-k φ_{M,S}(x) dx along Im x = c: with x = M + S z + ic it is
    e^{iωM - ωc + γ²/2} ∫ (M + S z + ic)^-k φ(z) e^{i(ωS - γ) z} dz, γ = c/S. For ω > 0, c = ωS²
    takes the oscillation out (the factor is e^{iωM - ω²S²/2}); for ω = 0, c = S (γ = 1: one
    radian a standard deviation). Smooth in z: cut about z = -M/S, where x passes the pole."""
    shift = omega * S * S if omega else S
    gamma = shift / S
    wave = omega * S - gamma
    centre, width = -M / S, shift / S
    cuts = {mp.mpf(v) for v in (-8, -3, 0, 3, 8)}
    if abs(centre) < 40:
        cuts |= {centre + d * width for d in (-4, -1, 0, 1, 4)}
    # φ(z) is below the working precision (2^-(prec + 30)) beyond |z| = reach: Gauss-Legendre on
    # [-reach, reach] takes a third of the time of tanh-sinh on the whole line, to the same digits
    reach = math.sqrt(2 * math.log(2) * (mp.prec + 30))
    points = [-reach, *sorted(c for c in cuts if abs(c) < reach), reach]
    # mpmath's quadrature stops at an absolute error of its epsilon: the integrand is brought to size 1
    size = (abs(M) + S + shift) ** k

    def integrand(z):
        return mp.npdf(z) * mp.expj(wave * z) * size / (M + S * z + 1j * shift) ** k

    inner = mp.quad(integrand, points, method="gauss-legendre") / size
    return mp.expj(omega * M) * mp.exp(gamma * gamma / 2 - omega * shift) * inner


def _sinc_applies(params, mean, std) -> bool:
    """Where sinc is not smooth under the bell: a spread of 1/2 or more, or a mean whose ulp is
    2^-46 or more (its phase in x = M + S z in doubles). Not below: there the terms of sinc′²'s
    form, 1/x⁴ each, cancel to 1e-15 at x = 1e-7."""
    return std >= 0.5 or abs(mean) >= 64


FORMS: dict[str, _Form] = {
    "sinusoid": _Form(_sinusoid),
    "snake": _Form(_snake),
    "exponential": _Form(_exponential, start=lambda *_: _START),
    # 4 more bits per bit of 1/σ below 1: Var f = E f² - (E f)² cancels S² f′(M)² (S⁴ f″(M)²/2 where
    # f′(M) = 0) against f(M)² (at N(-64, (1e-9)^2) it was 4.7e-12 off at 100 bits)
    "sinc": _Form(_sinc, _sinc_applies, start=lambda p, m, s: 100 + 4 * max(0, -math.frexp(s)[1]), settle=False),
    # the logarithmic branch (alpha < 0, with its domain) and the identity (alpha = 0) are integrated
    "soft_exponential": _Form(_soft_exponential, lambda params, *_: params["alpha"] > 0, start=lambda *_: _START),
    # 4 more bits per bit of 1/S below 1: Var e^X = e^(2M + S²) expm1(S²) is a difference of terms near 1
    "xielu": _Form(_xielu, _xielu_applies, start=lambda p, m, s: _START + 4 * max(0, -math.frexp(s)[1])),
}
