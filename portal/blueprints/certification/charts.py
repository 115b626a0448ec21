"""The geometry of the charts of certification support pages (SVG bars, mirrored on
right-to-left pages): the services give the figures, these functions place them."""

from __future__ import annotations

from typing import Any

from portal.i18n import text_direction
from portal.models import CaseStage, StandardClause
from portal.services.certification import ORDER

STAGE_WIDTH, STAGE_ROW, STAGE_LABEL, STAGE_VALUE = 560, 30, 200, 50


def stage_chart(by_stage: dict[str, int]) -> dict[str, Any]:
    """Coordinates of a horizontal bar chart of the cases by stage, mirrored for Arabic."""
    stages = [*ORDER, CaseStage.CLOSED]
    top = max(by_stage.values(), default=0) or 1
    room = STAGE_WIDTH - STAGE_LABEL - STAGE_VALUE
    rtl = text_direction() == "rtl"
    rows = []
    for index, stage in enumerate(stages):
        count = by_stage.get(stage.value, 0)
        width = round(count / top * room, 1)
        y = index * STAGE_ROW
        if rtl:
            bar_x = STAGE_WIDTH - STAGE_LABEL - width
            label = (STAGE_WIDTH - 8, "end")
            value = (bar_x - 6, "end")
        else:
            bar_x = STAGE_LABEL
            label = (STAGE_LABEL - 8, "end")
            value = (STAGE_LABEL + width + 6, "start")
        rows.append(
            {
                "stage": stage,
                "count": count,
                "y": y,
                "text_y": y + STAGE_ROW * 0.62,
                "bar_x": bar_x,
                "width": width,
                "label_x": label[0],
                "label_anchor": label[1],
                "value_x": value[0],
                "value_anchor": value[1],
            }
        )
    return {"width": STAGE_WIDTH, "height": len(stages) * STAGE_ROW, "rows": rows, "rtl": rtl}


READINESS_WIDTH, LABEL_WIDTH, VALUE_WIDTH, BAR_HEIGHT, BAR_GAP = 480, 44, 64, 22, 10


def readiness_chart(groups: list[tuple[StandardClause, float | None]]) -> dict[str, Any]:
    """Coordinates of a horizontal bar chart, one bar per clause group, drawn from the right
    on right-to-left pages."""
    rtl = text_direction() == "rtl"
    track = READINESS_WIDTH - LABEL_WIDTH - VALUE_WIDTH
    bars = []
    for index, (clause, value) in enumerate(groups):
        y = BAR_GAP + index * (BAR_HEIGHT + BAR_GAP)
        length = round(track * (value or 0), 1)
        if rtl:
            track_x, bar_x = VALUE_WIDTH, READINESS_WIDTH - LABEL_WIDTH - length
            label_x, value_x, value_anchor = READINESS_WIDTH - LABEL_WIDTH / 2, bar_x - 6, "end"
        else:
            track_x, bar_x = LABEL_WIDTH, LABEL_WIDTH
            label_x, value_x, value_anchor = LABEL_WIDTH / 2, bar_x + length + 6, "start"
        bars.append(
            {
                "number": clause.number,
                "value": value,
                "y": y,
                "text_y": y + BAR_HEIGHT * 0.7,
                "track_x": track_x,
                "bar_x": bar_x,
                "length": length,
                "label_x": label_x,
                "value_x": value_x,
                "value_anchor": value_anchor,
            }
        )
    return {
        "width": READINESS_WIDTH,
        "height": BAR_GAP + len(groups) * (BAR_HEIGHT + BAR_GAP),
        "track": track,
        "bar_height": BAR_HEIGHT,
        "bars": bars,
    }
