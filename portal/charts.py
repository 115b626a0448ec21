"""View-side geometry shared by several blueprints: the small line chart of a quantity on
its way from a baseline to a target (a convention's indicator, a beneficiary's quality
objective), drawn by ``templates/_macros/trajectory.html`` beside its data table."""

from __future__ import annotations

from typing import Any

from portal.services.trajectory import OnTrajectory

CHART_WIDTH, CHART_HEIGHT, CHART_PAD = 320, 120, 10


def trajectory_chart(item: OnTrajectory) -> dict[str, Any]:
    """Coordinates of a small line chart: the measurements from the baseline, and the straight
    line from baseline to target they are compared with."""
    tracked = item.tracked
    dates = [tracked.baseline_date, tracked.target_date]
    dates += [m.measured_on for m in item.measurements]
    values = [tracked.baseline, tracked.target] + [m.value for m in item.measurements]
    first, days = min(dates), (max(dates) - min(dates)).days or 1
    low, span = min(values), (max(values) - min(values)) or 1

    def point(day, value) -> tuple[float, float]:
        x = CHART_PAD + (day - first).days / days * (CHART_WIDTH - 2 * CHART_PAD)
        y = CHART_HEIGHT - CHART_PAD - float((value - low) / span) * (CHART_HEIGHT - 2 * CHART_PAD)
        return round(x, 1), round(y, 1)

    measured = [point(tracked.baseline_date, tracked.baseline)]
    measured += [point(m.measured_on, m.value) for m in item.measurements]
    return {
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "trajectory": (
            point(tracked.baseline_date, tracked.baseline),
            point(tracked.target_date, tracked.target),
        ),
        "line": " ".join(f"{x},{y}" for x, y in measured),
        "dots": measured[1:],
    }
