"""Charts of the reporting figures, as PNG and SVG (matplotlib, no pyplot:
each chart is its own Figure, so nothing is shared between requests).

Charts name States by ISO code and are written in English, so they need
no font beyond the DejaVu Sans that matplotlib ships (matplotlib neither
shapes Arabic nor falls back to CJK fonts by itself). SVG text stays text
(`svg.fonttype: none`): searchable, accessible, and checked by the tests for
names that must not appear. Output is deterministic (no date, fixed ids).
"""

import io
from collections import defaultdict
from dataclasses import dataclass

import matplotlib
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

STYLE = {
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "svg.fonttype": "none",
    "svg.hashsalt": "reprisals",
    "axes.spines.top": False,
    "axes.spines.right": False,
}
COLOURS = ["#0b5cad", "#d95f02", "#1b9e77", "#7570b3", "#e7298a", "#66a61e", "#a6761d", "#666"]
SIZE = (7, 3.2)  # inches
PNG_DPI = 150
MAX_STATES = 8  # lines on one chart


@dataclass(frozen=True)
class Chart:
    name: str  # file name without extension
    title: str
    description: str  # the figures in words, for readers who cannot see the chart
    svg: str
    png: bytes


def cases_per_year(rows, *, name="cases-per-year"):
    """Cases first reported per report year, a line per State (bars for one
    State); the States with most cases first when there are many."""
    totals = defaultdict(int)
    for row in rows:
        totals[row.state] += row.first_reported.n
    states = sorted((s for s in totals if totals[s]), key=lambda s: (-totals[s], s))[:MAX_STATES]
    years = sorted({row.year for row in rows})
    counts = {(row.state, row.year): row.first_reported.n for row in rows}
    title = "Cases first reported, per report year"

    def draw(axes):
        if len(states) == 1:
            axes.bar(years, [counts[(states[0], y)] for y in years], color=COLOURS[0],
                     label=states[0])  # fmt: skip
        for i, state in enumerate(states if len(states) > 1 else []):
            axes.plot(years, [counts[(state, y)] for y in years], marker="o",
                      color=COLOURS[i % len(COLOURS)], label=state)  # fmt: skip
        axes.set_xticks(years, [str(y) for y in years], rotation=45 if len(years) > 8 else 0)
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
        axes.legend(frameon=False, ncols=min(len(states), 4))

    described = "; ".join(f"{state}: {totals[state]}" for state in states)
    return draw_chart(name, title, described or "No case to show.", draw if states else None)


def ranking(rows, *, name="ranking", top=15):
    """Horizontal bars of a ranking (analysis.RankRow), rank 1 on top."""
    shown = [row for row in rows if row.rank is not None][:top]
    title = "States ranked by cases first reported"

    def draw(axes):
        labels = [f"{row.rank}. {row.state}" for row in shown]
        values = [row.value.n for row in shown]
        bars = axes.barh(labels, values, color=COLOURS[0])
        axes.bar_label(bars, padding=2)
        axes.invert_yaxis()
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))

    described = "; ".join(f"{row.rank}. {row.state} ({row.value.n})" for row in shown)
    return draw_chart(name, title, described or "No case to show.", draw if shown else None)


def follow_up_over_time(rows, *, name="follow-up"):
    """Per report year, the cases listed as new and those listed for
    follow-up (all States of the rows together)."""
    new, followed = defaultdict(set), defaultdict(set)
    for row in rows:
        new[row.year] |= set(row.new.cases)
        followed[row.year] |= set(row.follow_up.cases)
    years = sorted({row.year for row in rows})
    title = "Cases listed as new (annex I) and for follow-up (annex II), per report"

    def draw(axes):
        width = 0.4
        axes.bar([y - width / 2 for y in years], [len(new[y]) for y in years], width,
                 color=COLOURS[0], label="new (annex I)")  # fmt: skip
        axes.bar([y + width / 2 for y in years], [len(followed[y]) for y in years], width,
                 color=COLOURS[1], label="follow-up (annex II)")  # fmt: skip
        axes.set_xticks(years, [str(y) for y in years], rotation=45 if len(years) > 8 else 0)
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
        axes.legend(frameon=False)

    any_case = any(new[y] or followed[y] for y in years)
    described = "; ".join(f"{y}: {len(new[y])} new, {len(followed[y])} follow-up"
                          for y in years if new[y] or followed[y])  # fmt: skip
    return draw_chart(name, title, described or "No case to show.", draw if any_case else None)


def draw_chart(name, title, description, draw, *, empty="No case to show"):
    """Draw with `draw(axes)`, or a frame saying `empty` when it is None."""
    with matplotlib.rc_context(STYLE):
        figure = Figure(figsize=SIZE, layout="constrained")
        axes = figure.subplots()
        axes.set_title(title, loc="left", fontsize=10)
        if draw is None:
            axes.set_axis_off()
            axes.text(0.5, 0.5, empty, ha="center", va="center",
                      transform=axes.transAxes)  # fmt: skip
        else:
            draw(axes)
        svg, png = io.StringIO(), io.BytesIO()
        figure.savefig(svg, format="svg", metadata={"Date": None})
        figure.savefig(png, format="png", dpi=PNG_DPI, metadata={"Software": None})
    return Chart(name, title, description, svg.getvalue(), png.getvalue())
