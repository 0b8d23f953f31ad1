"""The body chart's pictures as SVG: anatomapa's front and back outlines, the regions of a
:class:`~viewer.scene.pain_map.PainMap` shaded over them, and L and R marking the patient's
sides (no Qt widgets: the text of the pictures, which the chart widget draws).

How a region is shaded says what it is:

- each pattern of the story or path has its own colour (:data:`PATTERN_COLOURS`, in order);
- a region where the pattern's pain is *usual* is filled strongly, with a solid edge in the
  pattern's colour (where two patterns share a region the edge of the later one stays visible),
  one where it is felt only *sometimes* faintly, with a dashed edge;
- a pattern shown only for comparison is not filled but outlined (solid: usual, dashed:
  sometimes) in :data:`COMPARE_COLOUR`.

Every shaded region is one ``<path class="shade">`` carrying ``data-pattern``,
``data-region`` and ``data-frequency``, so what is drawn can be read back from the SVG.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..content.sides import drawn_side, region_side, unsided
from ..scene.pain_map import PainMap, ShadedRegion
from ..vocabulary import SIDES, ChartView

#: the colours of a story's or path's own patterns, in their order
PATTERN_COLOURS = ("#c8324b", "#5b3fa0", "#e07b00", "#2f7d32")
#: the outline of a pattern shown for comparison
COMPARE_COLOUR = "#007c91"
#: fill opacity of a region where the pain is usual, and where it is felt sometimes
USUAL_OPACITY = 0.62
SOMETIMES_OPACITY = 0.22
EDGE_WIDTH = 5.0
DASHES = "14 9"
#: the L and R marks beside each figure
MARK_STYLE = 'font-size="84" font-family="Helvetica, Arial, sans-serif" font-weight="700"'


@dataclass(frozen=True)
class Style:
    """How one shaded region is drawn."""

    fill: str
    fill_opacity: float
    stroke: str
    stroke_width: float
    dashes: str | None


def pattern_colours(pain_map: PainMap) -> dict[str, str]:
    """Each of the map's own patterns -> its colour (comparison patterns: the compare colour)."""
    out: dict[str, str] = {}
    own = [p for p in pain_map.patterns if not p.compare]
    for n, p in enumerate(own):
        out[p.id] = PATTERN_COLOURS[n % len(PATTERN_COLOURS)]
    for p in pain_map.patterns:
        if p.compare:
            out[p.id] = COMPARE_COLOUR
    return out


def style_of(region: ShadedRegion, colour: str) -> Style:
    usual = region.frequency == "usual"
    if region.compare:
        return Style("none", 0.0, colour, EDGE_WIDTH, None if usual else DASHES)
    if usual:
        return Style(colour, USUAL_OPACITY, colour, EDGE_WIDTH * 0.6, None)
    return Style(colour, SOMETIMES_OPACITY, colour, EDGE_WIDTH * 0.6, DASHES)


@cache
def blank_figure(chart_view: ChartView) -> tuple[str, float]:
    """anatomapa's unshaded figure for ``chart_view`` without its value legend (Qt's SVG renderer
    draws no SVG filters: the filter-free variant is used when there is one), and its width."""
    import anatomapa

    fig = anatomapa.heatmap(
        {}, view=chart_view, lang="en", background="transparent", on_unknown="skip"
    )
    raster = getattr(fig, "_svg_for_raster", None)
    svg = raster() if callable(raster) else fig.to_svg()
    box = re.search(r'viewBox="0(?:\.0)? 0(?:\.0)? ([0-9.]+) ([0-9.]+)"', svg)
    width = float(box.group(1)) if box else 600.0
    legend = svg.find('<rect id="legend-bar"')
    if legend >= 0:
        m = re.search(r'<rect id="legend-bar" x="([0-9.]+)"', svg)
        svg = svg[:legend] + "</svg>"
        if m and box:
            width = float(m.group(1)) - 8
            svg = svg.replace(box.group(0), f'viewBox="0 0 {width:.1f} {box.group(2)}"', 1)
    return svg, width


def region_element_id(chart_region: str) -> str:
    """anatomapa's SVG id of a region id: ``hip_right`` -> ``hip-right``."""
    side = region_side(chart_region)
    return unsided(chart_region) if side is None else f"{unsided(chart_region)}-{side}"


def region_outline(svg: str, chart_region: str) -> str | None:
    """The path data of a region in anatomapa's figure (None: the figure has no such region)."""
    rid = re.escape(region_element_id(chart_region))
    m = re.search(rf'<path id="{rid}" class="region" d="([^"]+)"', svg)
    return m.group(1) if m else None


def _shade(region: ShadedRegion, outline: str, style: Style) -> str:
    attrs = [
        f'class="shade" data-pattern="{region.pattern}" data-region="{region.chart_region}"',
        f'data-frequency="{region.frequency}" data-compare="{str(region.compare).lower()}"',
        f'd="{outline}" fill="{style.fill}" fill-opacity="{style.fill_opacity:.2f}"',
        f'stroke="{style.stroke}" stroke-width="{style.stroke_width:.1f}"',
        'stroke-linejoin="round"',
    ]
    if style.dashes:
        attrs.append(f'stroke-dasharray="{style.dashes}"')
    return f"<path {' '.join(attrs)} />"


def drawn_regions(pain_map: PainMap, chart_view: ChartView) -> list[ShadedRegion]:
    """The regions shaded on one figure: one per pattern and region, the usual frequency
    winning where a pattern names a region twice; comparison patterns first (under the others)."""
    best: dict[tuple[str, str], ShadedRegion] = {}
    for r in pain_map.regions_on(chart_view):
        key = (r.pattern, r.chart_region)
        if key not in best or (r.frequency == "usual" and best[key].frequency != "usual"):
            best[key] = r
    return sorted(best.values(), key=lambda r: (not r.compare, r.frequency == "usual"))


def side_marks(chart_view: ChartView, width: float) -> str:
    """ "L" and "R" beside the figure where the patient's left and right are drawn."""
    marks = []
    for side in SIDES:
        x = 40.0 if drawn_side(side, chart_view) == "left" else width - 40.0
        marks.append(
            f'<text class="side-mark" data-side="{side}" x="{x:.1f}" y="90" '
            f'text-anchor="middle" {MARK_STYLE} fill="#1f2a33">{side[0].upper()}</text>'
        )
    return "".join(marks)


def chart_svg(pain_map: PainMap, chart_view: ChartView) -> str:
    """The figure for ``chart_view`` with the map's regions shaded and L and R marked."""
    svg, width = blank_figure(chart_view)
    colours = pattern_colours(pain_map)
    shades = []
    for region in drawn_regions(pain_map, chart_view):
        outline = region_outline(svg, region.chart_region)
        if outline is None:
            continue
        shades.append(_shade(region, outline, style_of(region, colours[region.pattern])))
    group = f'<g id="pain-shading">{"".join(shades)}</g>'
    cut = svg.find('<g id="silhouette">')
    if cut < 0:
        cut = svg.rfind("</svg>")
    return svg[:cut] + group + svg[cut : -len("</svg>")] + side_marks(chart_view, width) + "</svg>"


def shaded_in(svg: str) -> list[dict[str, str]]:
    """What an SVG of :func:`chart_svg` shades: each shade's data attributes."""
    out = []
    for m in re.finditer(r'<path class="shade" ([^>]*)/>', svg):
        out.append(dict(re.findall(r'data-([a-z]+)="([^"]*)"', m.group(1))))
    return out
