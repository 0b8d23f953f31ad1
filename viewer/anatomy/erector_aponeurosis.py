"""The erector spinae's aponeurosis as a surface over the dorsal sacrum: its centre surface
levelled and flattened into one broad sheet, its thinning toward its lower border, that border's
curve and the fibre relief of its dorsal face (Gray's Anatomy, 42nd ed.; Bogduk, Clinical and
Radiological Anatomy of the Lumbar Spine, ch. 9). Used by :mod:`viewer.anatomy.erector_spinae`."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from scipy import ndimage
from scipy.interpolate import RegularGridInterpolator

from . import implicit
from . import parameters as P
from .back_geometry import BackSide, upper_envelope
from .dorsal_map import smooth_max

#: a surface over the (x', z) plane: its depth at each (x', z), mm
Surface = Callable[[np.ndarray, np.ndarray], np.ndarray]


def aponeurosis_thinning(back: BackSide, z_low: float):
    """Share of its full thickness the aponeurosis keeps at height ``z``: whole from just
    below the S2 foramen up, thinning to ``ERECTOR_SPINAE_APONEUROSIS_EDGE`` at its lower
    border (``z_low``), where it is a thin tendinous sheet on the sacrum."""
    zs = (z_low, back.z_s2 - P.ERECTOR_SPINAE_APONEUROSIS_TAPER_FROM)

    def share(z):
        t = np.clip((z - zs[0]) / (zs[1] - zs[0]), 0.0, 1.0)
        smooth = t * t * (3.0 - 2.0 * t)
        return P.ERECTOR_SPINAE_APONEUROSIS_EDGE + (1 - P.ERECTOR_SPINAE_APONEUROSIS_EDGE) * smooth

    return share


def lower_border(z_low: float):
    """Height of the aponeurosis's lower border at lateral distance ``x'``: one smooth curve
    across the lower sacrum, lowest (``z_low`` and a lift) beside the median crest at S4, rising
    laterally (``ERECTOR_SPINAE_LOWER_BORDER_RISE``) along the narrowing lower sacrum to the
    lateral crest, so that it never hangs past the bone's edge (a free corner there curled
    forward round it as a hook, s27 review)."""
    lift, x0, rise = P.ERECTOR_SPINAE_LOWER_BORDER_RISE

    def z(xl):
        return z_low + lift + rise * np.maximum(np.asarray(xl, float) - x0, 0.0) ** 2

    return z


def smootherstep(x: np.ndarray) -> np.ndarray:
    """0 below 0, 1 above 1, and ``6x^5 - 15x^4 + 10x^3`` between: flat to its second
    derivative at both ends, so that a surface blended by it shows no line where the blend
    begins or ends (a cubic smoothstep's curvature jumps there, a line in the shading)."""
    x = np.clip(x, 0.0, 1.0)
    return x * x * x * (x * (6.0 * x - 15.0) + 10.0)


def border_ramp(border: Callable[[np.ndarray], np.ndarray]) -> Surface:
    """The one ramp up off the aponeurosis's lower border (``border(x')``, a height) at (x', z):
    0 on the border, where the sheet is attached to the bone, rising without a line (a
    :func:`smootherstep`) to 1 at ``ERECTOR_SPINAE_BORDER_RAMP`` above it, the sheet free and
    flat. Laterally, over the narrowing lower sacrum, it begins as if the border lay
    ``ERECTOR_SPINAE_LOWER_BORDER_FREE`` lower (the sheet comes down less there). Every blend
    along the lower border (its seat on the bone, its flattening, its levelling, its fibre ribs,
    the floor under it) reads this one ramp: blends of their own, each beginning and ending at
    its own height, left parallel lines along the border (the s45 blind review's "stepped
    contour lines").
    """
    reach = P.ERECTOR_SPINAE_BORDER_RAMP
    free_from, free_over, free_by = P.ERECTOR_SPINAE_LOWER_BORDER_FREE

    def ramp(xl, z):
        xl, z = np.asarray(xl, float), np.asarray(z, float)
        free = free_by * smootherstep((xl - free_from) / free_over)
        return smootherstep((z - border(xl) + free) / reach)

    return ramp


def levelled_sheet(back: BackSide, draped: Surface, ramp: Surface) -> Surface:
    """``draped`` (the aponeurosis's centre surface over multifidus and the bone) with its
    lateral part over the lower sacrum lifted, where the bone falls away forward faster than
    ``ERECTOR_SPINAE_SHEET_LEVEL``'s slope across it, to that slope: one broad flat sheet facing
    back as the belly above it does, not a strip that turns from facing out over S3-S4 to facing
    back at S2 (a turn of 20 degrees over 30 mm read as "a crumpled, twisted rope" from the
    side, s39 review). Full below ``ERECTOR_SPINAE_SHEET_LEVEL``'s height (from the S2
    foramen), fading out over its reach above; medial of its reference x' never lifted, nor
    along its lower border (``ramp``, :func:`border_ramp`), where it is attached to the bone."""
    x_ref, slope, below, reach = P.ERECTOR_SPINAE_SHEET_LEVEL
    zs = np.arange(back.z_bottom - 40.0, back.z_s2 + below + reach + 2.0, 1.0)
    ref = draped(np.full_like(zs, x_ref), zs)

    def f(xl, z):
        xl, z = np.asarray(xl, float), np.asarray(z, float)
        d = draped(xl, z)
        w = 1.0 - implicit.smoothstep(np.clip((z - back.z_s2 - below) / reach, 0.0, 1.0))
        w = w * ramp(xl, z) * smootherstep((xl - x_ref) / 6.0)
        plane = np.interp(z, zs, ref) - slope * np.maximum(xl - x_ref, 0.0)
        return d + w * (smooth_max(d, plane, 2.0) - d)

    return f


def aponeurosis_fibres():
    """The aponeurosis's fibre relief at (x', z), mm: parallel ribs on its dorsal face along its
    fibres, which run down and medially from the columns to the median sacral crest."""
    amp, period, slant = P.ERECTOR_SPINAE_FIBRE_RELIEF
    across = np.array([1.0, -slant]) / np.hypot(1.0, slant)  # across the fibres (x', z)

    def relief(xl, z):
        # low, even ribs (a plain cosine): the faint striation of a tendinous sheet, not the
        # narrow crests of a comb
        return amp * np.cos(2.0 * np.pi * (across[0] * xl + across[1] * z) / period)

    return relief


def flattened(centre: Surface, rows, ramp: Surface) -> Surface:
    """The aponeurosis's centre surface ``centre(x', z)`` (depth, mm) made one broad flat sheet:
    an upper envelope of it, smoothed over ``ERECTOR_SPINAE_APONEUROSIS_FLATTENING``, so that
    it bridges the sacral crests and multifidus's rounded edge instead of following each
    (a tendinous sheet spans its attachments; it does not wrap the muscle under it). Never
    below ``centre``, so it never sinks into multifidus or the bone. Along its medial border and
    its lower border (``ramp``, :func:`border_ramp`) it comes down onto the bone: onto a bed
    lying smoothly on the bone's crests (``ERECTOR_SPINAE_APONEUROSIS_BED``, an upper envelope
    of ``centre``), not onto ``centre`` itself, whose every crest, gutter and row of its outline
    the sheet's deep face took as a step (the s45 review's "terracing")."""
    sigma = P.ERECTOR_SPINAE_APONEUROSIS_FLATTENING
    step = 1.0
    rz = [r[0] for r in rows]
    xs = np.arange(-8.0, max(r[2] for r in rows) + 4.0 * sigma, step)
    zs = np.arange(rz[0] - 4.0 * sigma, rz[-1] + 4.0 * sigma, step)
    gx, gz = np.meshgrid(xs, zs, indexing="ij")
    raw = centre(gx.ravel(), gz.ravel()).reshape(gx.shape)
    n = int(np.ceil(sigma / step))
    jj, ii = np.mgrid[-n : n + 1, -n : n + 1]
    disc = ii**2 + jj**2 <= n * n
    # (a grey dilation first: the smoothed sheet then lies on the crests, not between them)
    envelope = ndimage.gaussian_filter(
        ndimage.grey_dilation(raw, footprint=disc, mode="nearest"), sigma / step, mode="nearest"
    )
    smooth = RegularGridInterpolator((xs, zs), envelope, bounds_error=False, fill_value=None)
    lift, reach_bed, sigma_bed = P.ERECTOR_SPINAE_APONEUROSIS_BED
    bed = RegularGridInterpolator(
        (xs, zs),
        upper_envelope(raw, step, lift, reach_bed, sigma_bed),
        bounds_error=False,
        fill_value=None,
    )
    medial = min(r[1] for r in rows)
    reach = P.ERECTOR_SPINAE_APONEUROSIS_ATTACHMENT

    def f(xl, z):
        xl, z = np.asarray(xl, float), np.asarray(z, float)
        at = np.column_stack([xl.ravel(), z.ravel()])
        on = bed(at).reshape(xl.shape)
        flat = smooth_max(smooth(at).reshape(xl.shape), on, 2.0)
        # along its medial and lower borders it comes down onto the median crest and the lower
        # sacrum, where it is attached (one ramp from each: no line where a blend ends)
        a = smootherstep((xl - medial) / reach) * ramp(xl, z)
        return on + (flat - on) * a

    return f
