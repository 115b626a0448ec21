"""The service demand heat map's geometry (view-side): the volume asked by kind and field
(rows) and quarter (columns), each with its heat level, and the legend."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

from portal.models import ServiceField
from portal.services.service_demand import HeatCell

HEAT_LEVELS = 5


def heat_level(volume: int, highest: int) -> int:
    """0 for nothing asked, else 1 to 5 in proportion to the map's highest volume."""
    if volume <= 0 or highest <= 0:
        return 0
    return max(1, min(HEAT_LEVELS, math.ceil(HEAT_LEVELS * volume / highest)))


@dataclass(frozen=True)
class HeatMap:
    """Volume by (kind, field) and quarter, each count with its heat level 0-5."""

    quarters: list[str]
    rows: list[tuple[str, ServiceField | None, list[tuple[int, int]]]]
    legend: list[tuple[int, int, int]]


def heat_map(cells: list[HeatCell], fields: dict[int, ServiceField]) -> HeatMap:
    """The heat map of the demand's cells (already filtered)."""
    volume: dict[tuple[str, int | None, str], int] = defaultdict(int)
    for cell in cells:
        volume[(cell.kind, cell.field_id, cell.quarter)] += cell.volume
    quarters = sorted({cell.quarter for cell in cells})
    row_keys = sorted(
        {(cell.kind, cell.field_id) for cell in cells}, key=lambda k: (k[0], k[1] or 0)
    )
    highest = max(volume.values(), default=0)
    rows = [
        (
            kind,
            fields.get(field_id or 0),
            [
                (volume[(kind, field_id, q)], heat_level(volume[(kind, field_id, q)], highest))
                for q in quarters
            ],
        )
        for kind, field_id in row_keys
    ]
    legend = []
    for level in range(1, HEAT_LEVELS + 1):
        low = highest * (level - 1) // HEAT_LEVELS + 1
        high = highest * level // HEAT_LEVELS
        if highest and low <= high:
            legend.append((level, low, high))
    return HeatMap(quarters=quarters, rows=rows, legend=legend)
