"""The demand heat map's geometry (view-side): people by topic and quarter, each with its
heat level, and the legend."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

from portal.i18n import localized
from portal.models import TrainingTopic
from portal.services.training.demand_counts import DemandCell

HEAT_LEVELS = 5


@dataclass(frozen=True)
class HeatMap:
    """People by topic (rows) and quarter (columns), each count with its heat level 0-5."""

    quarters: list[str]
    rows: list[tuple[TrainingTopic, list[tuple[int, int]]]]
    legend: list[tuple[int, int, int]]  # (level, from, to) people


def heat_level(people: int, highest: int) -> int:
    """0 for no one, else 1 to 5 in proportion to the map's highest count."""
    if people <= 0 or highest <= 0:
        return 0
    return max(1, min(HEAT_LEVELS, math.ceil(HEAT_LEVELS * people / highest)))


def heat_map(cells: list[DemandCell], topics: dict[int, TrainingTopic]) -> HeatMap:
    """The heat map of demand cells (already narrowed to a region, or every region summed)."""
    people: dict[tuple[int, str], int] = defaultdict(int)
    for cell in cells:
        people[(cell.topic_id, cell.quarter)] += cell.people
    quarters = sorted({cell.quarter for cell in cells})
    rows_topics = sorted(
        {topics[cell.topic_id] for cell in cells if cell.topic_id in topics},
        key=lambda topic: localized(topic, "name").casefold(),
    )
    highest = max(people.values(), default=0)
    rows = [
        (
            topic,
            [(people[(topic.id, q)], heat_level(people[(topic.id, q)], highest)) for q in quarters],
        )
        for topic in rows_topics
    ]
    legend = []
    for level in range(1, HEAT_LEVELS + 1):
        low = highest * (level - 1) // HEAT_LEVELS + 1
        high = highest * level // HEAT_LEVELS
        if highest and low <= high:
            legend.append((level, low, high))
    return HeatMap(quarters=quarters, rows=rows, legend=legend)
