"""The "hardening" chart: how a State's statements frame reprisals, year by
year, as stacked bars of the statements carrying each frame (a statement
may carry several). Drawn like the reporting charts (reporting.charts), in
English, with the figures in words beside it for readers who cannot see it.
"""

from django.utils import translation
from matplotlib.ticker import MaxNLocator

from reprisals.diplomacy.vocab import FrameKey
from reprisals.reporting.charts import COLOURS, draw_chart

# Stacked in the vocabulary's order, so a frame keeps its colour across charts.
FRAME_ORDER = list(FrameKey.values)


def frames_over_time(iso3, frames, *, name="frames-by-year"):
    """Chart of `frames` ({year: {frame key: statements}}, from
    record.frames_by_year) for the State with code `iso3`."""
    years = sorted(frames)
    keys = [key for key in FRAME_ORDER if any(key in frames[year] for year in years)]
    with translation.override("en"):
        labels = {key: str(label) for key, label in FrameKey.choices}
    title = f"How {iso3}'s statements frame reprisals, per year"

    def draw(axes):
        bottom = [0] * len(years)
        for key in keys:
            heights = [frames[year].get(key, 0) for year in years]
            colour = COLOURS[FRAME_ORDER.index(key) % len(COLOURS)]
            axes.bar(years, heights, bottom=bottom, color=colour, label=labels[key])
            bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
        axes.set_xticks(years, [str(year) for year in years])
        axes.set_ylabel("statements with the frame")
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
        axes.legend(frameon=False, fontsize=7, loc="upper left", bbox_to_anchor=(1, 1))

    described = "; ".join(
        f"{year}: " + ", ".join(f"{labels[key]} {frames[year][key]}"
                                for key in keys if key in frames[year])
        for year in years
    )  # fmt: skip
    return draw_chart(name, title, described or "No statement on record.",
                      draw if keys else None, empty="No statement on record")  # fmt: skip


def of_record(iso3, record):
    """The charts of a State's diplomatic record (reporting.profiles.
    DiplomaticRecord, or None): the frames chart where it made statements."""
    if record is None or not record.frame_counts:
        return []
    return [frames_over_time(iso3, record.frame_counts)]
