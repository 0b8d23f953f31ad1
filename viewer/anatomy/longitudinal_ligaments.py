"""The anterior and posterior longitudinal ligaments: what each band looks like level by level
(a :class:`longitudinal_band.BandPlan`), meshed by :func:`longitudinal_band.band`.

* ALL: a broad, strong band on the front of the L5 body, the disc and S1, broader below than
  above, lenticular in section (thickest in its midline, thinning to edges that fade on the
  bone), thicker over the body, whose concave front it fills (its front face straighter than the
  bone), than over the disc; curving smoothly over the promontory onto the upper front of S1,
  where it thins and fades; cut at its full size above, where it runs on up the spine (section
  caps at both ends); low longitudinal fibre bundles on its face.
* PLL: a narrow strip behind the L5 body that spreads over the disc in a serrated fan and
  narrows below it, fading on the back of S1 in the sacral canal to a rounded end; cut above.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from scipy import ndimage

from . import parameters as P
from .bone_fields import Lumbosacral
from .longitudinal_band import BandPlan


def _smooth_profile(knots, values, sigma: float) -> Callable[[np.ndarray], np.ndarray]:
    """Piecewise-linear through (knots, values), smoothed by a Gaussian of ``sigma`` mm."""
    grid = np.arange(min(knots) - 4 * sigma, max(knots) + 4 * sigma, 0.25)
    smooth = ndimage.gaussian_filter1d(np.interp(grid, knots, values), sigma / 0.25, mode="nearest")
    return lambda s: np.interp(s, grid, smooth)


def anterior_plan(ctx, ls: Lumbosacral) -> BandPlan:
    """The ALL: broader below than above (Gray's), widening from the top of L5's front
    (``ALL_TOP_SHARE`` of ``ALL_WIDTH``) over the L5 body (``ALL_L5_BODY_SHARE``) to the disc
    (``ALL_DISC_WIDENING``), with no waist over L5; narrower again over the S1 body
    (``ALL_S1_BODY_SHARE``; Gray's: narrower opposite the bodies than opposite the discs) and
    no wider than over the disc at its lower cut (``ALL_S1_WIDENING``); thicker over the bodies,
    where it fills their concave fronts (``ALL_FILL_LENGTH``), than over the disc, to whose
    annulus it is bound (``ALL_DISC_THICKNESS``); cut at its full size at the top of L5's front
    and, fading (``ALL_END_FADE``), on the upper front of S1 (``ALL_ON_S1``: it runs on up the
    spine and on down the sacrum: section caps at both ends)."""
    l5 = ctx.mesh("l5_vertebra").vertices
    front = l5[(np.abs(l5[:, 0]) < 4.0) & (ls.a(l5) > ls.disc_anterior - 12.0)]
    s_top = float(ls.s(front).max()) - P.ALL_TOP_BELOW_RIM
    s_bottom = ls.disc_bottom - P.ALL_ON_S1
    w = P.ALL_WIDTH.value
    reach = P.ALL_BODY_REACH
    width = _smooth_profile(
        [s_bottom, ls.disc_bottom - reach, ls.disc_bottom, ls.disc_top, ls.disc_top + reach, s_top],
        [
            P.ALL_S1_WIDENING * w,
            P.ALL_S1_BODY_SHARE * w,
            P.ALL_DISC_WIDENING * w,
            P.ALL_DISC_WIDENING * w - 0.3,
            P.ALL_L5_BODY_SHARE * w,
            P.ALL_TOP_SHARE * w,
        ],
        2.0,
    )
    corner = ls.disc_bottom - P.ALL_CORNER_BELOW_ENDPLATE  # the promontory
    t = P.ALL_THICKNESS.value
    t_disc = P.ALL_DISC_THICKNESS * t
    thickness = _smooth_profile(
        [s_bottom, ls.disc_bottom - 4.0, ls.disc_bottom, ls.disc_top, ls.disc_top + 4.0, s_top],
        [t, t, t_disc, t_disc, t, t],
        P.ALL_THICKNESS_EASING,
    )
    return BandPlan(
        s_bottom,
        s_top,
        width,
        thickness,
        +1.0,
        ls.disc_anterior + 12.0,
        cap_bottom=True,
        ridges=P.ALL_FIBRE_RIDGES,
        corner=P.ALL_CORNER_ROUNDING,
        corner_at=corner,
        corner_reach=P.ALL_CORNER_REACH,
        section_points=P.ALL_SECTION_POINTS,
        level_step=P.ALL_LEVEL_STEP,
        thin_from=P.ALL_THIN_FROM,
        edge_share=P.ALL_EDGE_SHARE,
        end_fade=P.ALL_END_FADE,
        end_width=P.ALL_END_WIDTH,
        end_thickness=P.ALL_END_THICKNESS,
        fray=P.ALL_END_FRAY,
        fade_top=P.ALL_FADES_AT_TOP,
        fill=P.ALL_FILL_LENGTH,
        fill_max=P.ALL_FILL_DEPTH,
        bridging=P.ALL_BRIDGING,
        round_share=P.ALL_ROUND_SHARE,
        round_max=P.ALL_ROUND_MAX,
        border=np.ones_like,
        border_thickness=P.ALL_BORDER_THICKNESS,
        border_nose=P.ALL_BORDER_NOSE,
    )


def _serrations(grid: np.ndarray, mid: float, weight: np.ndarray) -> np.ndarray:
    """The fan's saw-toothed edges: scallops (``PLL_SERRATION``: depth, pitch along the band)
    bulging out between notches, ``weight`` of them at each level of ``grid``, their phase
    different above and below the disc's mid-height (no mirror image)."""
    depth, pitch = P.PLL_SERRATION
    phase = np.where(grid > mid, 0.0, 0.37)
    wave = np.abs(np.sin(np.pi * ((grid - mid) / pitch + phase)))
    wave = ndimage.gaussian_filter1d(wave, 0.15 / 0.05, mode="nearest")
    return depth * (wave - 0.5) * weight


def posterior_plan(ls: Lumbosacral) -> BandPlan:
    """The PLL: a narrow strip behind the L5 body (``PLL_WIDTH_L5``) that widens over the disc
    into a fan widest at the disc's mid-height (``PLL_DISC_FAN_FRACTION`` of its width),
    reaching further up over L5's lower rim than down onto S1 (``PLL_FAN_REACH``: no mirror
    image), its lateral edges saw-toothed (``PLL_SERRATION``), thinner than the strip (``PLL_FAN_THICKNESS``)
    and rounded off over its outer quarter, where it blends into the annulus; below the disc
    narrower than above (``PLL_S1_NARROWING``: the band narrows at L5/S1, Lee et al. 2018),
    tapering on the back of S1 in the sacral canal to a rounded end; cut at the top of L5 (a
    section cap)."""
    narrow = P.PLL_WIDTH_L5.value
    fan = P.PLL_DISC_FAN_FRACTION.value * ls.disc_width
    s_top = ls.l5_top - P.PLL_TOP_BELOW_L5
    s_bottom = ls.disc_bottom - P.PLL_ON_S1
    mid = 0.5 * (ls.disc_bottom + ls.disc_top)
    # the fan: a lozenge reaching PLL_FAN_REACH above and below the disc's mid-height, its
    # lateral corners rounded (radius PLL_FAN_ROUNDING); it meets the strip in concave
    # fillets, the strip narrower below the disc and tapering to its rounded end in the canal
    step = 0.05
    grid = np.arange(s_bottom - 2.0, s_top + 2.0, step)
    rho = P.PLL_FAN_ROUNDING
    up, down = P.PLL_FAN_REACH
    a = fan / 2 - rho
    reach = np.where(grid > mid, up, down)
    # the lozenge's half-width: its flanks concave (PLL_TOOTH_FLANK), a tooth pointing out
    flank = np.where(grid > mid, *P.PLL_TOOTH_FLANK)
    core = a * np.clip(1.0 - np.abs(grid - mid) / reach, 0.0, None) ** flank
    off = np.linspace(-rho, rho, 41)  # its outline moved out by ``rho``: rounded corners
    diamond = np.interp(grid[:, None] + off[None, :], grid, core) + np.sqrt(rho**2 - off**2)
    inside = (grid > mid - down - rho) & (grid < mid + up + rho)
    fan_half = np.where(inside, diamond.max(axis=1), 0.0)
    below = np.interp(grid, [mid - 6.0, mid], [P.PLL_S1_NARROWING, 1.0])
    end = np.interp(grid, [s_bottom, s_bottom + 8.0], [P.PLL_END_NARROWING, 1.0])
    # narrowest over the middle of the L5 body (PLL_BODY_WAIST), where the basivertebral veins
    # pass, widening again towards the disc below and the next one above
    body_mid = 0.5 * (ls.disc_top + ls.l5_top)
    waist = 1.0 - P.PLL_BODY_WAIST * np.clip(
        1.0 - np.abs(grid - body_mid) / P.PLL_WAIST_REACH, 0, 1
    )
    strip = narrow / 2 * below * end * waist
    fillet = P.PLL_FAN_FILLET  # a smooth maximum of the two: concave fillets where they meet
    half = fillet * np.logaddexp(fan_half / fillet, strip / fillet)
    half = ndimage.gaussian_filter1d(half, 0.6 / step, mode="nearest")
    on_fan = np.clip((half - strip - 1.0) / 3.0, 0.0, 1.0)  # 0 on the strip, 1 on the fan
    # saw-toothed along the fan's sloping edges (not at its widest, not on the strip)
    on_edge = on_fan * np.clip((np.abs(grid - mid) - P.PLL_SERRATION_FROM) / 1.5, 0.0, 1.0)
    half = half + _serrations(grid, mid, on_edge)

    def width(s: np.ndarray) -> np.ndarray:
        return 2.0 * np.interp(s, grid, half)

    def blunt(s: np.ndarray) -> np.ndarray:
        """The strip's borders blunt, the fan's teeth feathering out onto the annulus."""
        return 1.0 - np.interp(s, grid, on_fan)

    t = P.PLL_THICKNESS
    t_fan = P.PLL_FAN_THICKNESS  # thinner where it spreads over the disc and blends into it
    thickness = _smooth_profile(
        [s_bottom, ls.disc_bottom - 4.0, mid - 2.0, mid + 2.0, ls.disc_top + 4.0, s_top],
        [0.5 * t, t, t_fan, t_fan, t, t],
        1.5,
    )
    return BandPlan(
        s_bottom,
        s_top,
        width,
        thickness,
        -1.0,
        ls.disc_posterior - 5.0,
        P.PLL_WRAP,
        P.PLL_RISE,
        level_step=P.PLL_LEVEL_STEP,
        thin_from=P.PLL_THIN_FROM,
        edge_share=P.PLL_EDGE_SHARE,
        rim=P.PLL_RIM,
        round_share=P.PLL_ROUND_SHARE,
        round_max=P.PLL_ROUND_MAX,
        border=blunt,
        border_thickness=P.PLL_BORDER_THICKNESS,
        border_nose=P.PLL_BORDER_NOSE,
        # (its sloping edges only: at its lateral tips, where the rim runs along the band, close
        # sections fold the rim)
        fine=(
            (mid - down - rho, mid - 1.5, P.PLL_FINE_STEP),
            (mid + 1.5, mid + up + rho, P.PLL_FINE_STEP),
        ),
    )
