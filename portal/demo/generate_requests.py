"""Service requests at national scale (``flask demo generate``, issue 15): 100,000 requests
from the generated and seeded companies to the infrastructure bodies, filed over the last two
years, at every step of their life — waiting for the first answer (in time or overdue),
answered directly, declined, quoted, quote declined, in progress, delivered, closed with a
rating, cancelled — with their quotes and their dated steps, written in bulk.

Most bodies answer within a few days (a long tail past the 15 days); a tenth of the quotes are
declined; the work takes a quote's lead time; most delivered requests are closed and rated
(mostly 4 and 5). Deterministic with the generator's random source."""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from sqlalchemy import text

from portal.models import OrganisationKind, ServiceKind

FILED_DAYS = 730
RESPONSE_DAYS = 15
REQUEST_SUBJECTS = {
    "testing": ("Essais de traction sur éprouvettes", "Essais au brouillard salin"),
    "calibration": ("Étalonnage de clés dynamométriques", "Étalonnage de pieds à coulisse"),
    "inspection": ("Inspection d'appareils de levage", "Contrôle d'installations sous pression"),
    "certification": ("Audit de certification ISO 9001", "Certification de produit"),
    "standards_information": ("Normes applicables à un emballage", "Norme d'étiquetage"),
}
RATING_WEIGHTS = {5: 38, 4: 35, 3: 16, 2: 7, 1: 4}
RATING_COMMENTS = ("Délais tenus.", "Rapport clair.", "", "", "Un peu cher.", "")
AUDITED = ("created_at", "updated_at", "deleted_at", "version")  # as generate.AUDITED


@functools.cache
def _midday_ts(day: date) -> str:
    """A day's midday as SQLAlchemy writes a timestamp on SQLite (PostgreSQL reads it too)."""
    return f"{day.isoformat()} 12:00:00.000000"


class _Weighted:
    """Draws from weighted values with the generator's random source."""

    def __init__(self, rng: Any, weights: dict[Any, float]) -> None:
        self.rng = rng
        self.values = list(weights)
        self.cumulative = list(itertools.accumulate(weights.values()))

    def __call__(self) -> Any:
        point = self.rng.random() * self.cumulative[-1]
        for value, bound in zip(self.values, self.cumulative, strict=True):
            if point < bound:
                return value
        return self.values[-1]


def service_requests(ctx: Any) -> None:
    """The requests, their quotes and their steps (three bulk inserts)."""
    rng, today, writer = ctx.rng, ctx.today, ctx.writer
    count = ctx.counts["service_requests"]
    smes = [org[0] for org in ctx.orgs if org[1] == OrganisationKind.SME] or [ctx.ministry_id]
    bodies = [
        row[0]
        for row in writer.connection.execute(
            text("SELECT id FROM organisations WHERE kind = 'infrastructure' ORDER BY id")
        )
    ]
    if not bodies:
        return
    # A few bodies receive most requests (the big public laboratories).
    body = _Weighted(rng, {b: (40 if i < 5 else 1) for i, b in enumerate(bodies)})
    kinds = [k.value for k in ServiceKind if k.value in REQUEST_SUBJECTS]
    kind = _Weighted(rng, {k: (10 if k == "standards_information" else 25) for k in kinds})
    rating = _Weighted(rng, RATING_WEIGHTS)
    first = writer.next_id("service_requests")
    first_quote = writer.next_id("service_quotes")
    first_event = writer.next_id("service_request_events")
    quotes: list[tuple] = []
    events: list[tuple] = []
    ids = {"quote": first_quote, "event": first_event}

    def step(request_id: int, kind_: str, day: date, comment: str = "") -> None:
        events.append((ids["event"], request_id, kind_, day.isoformat(), _midday_ts(day), comment))
        ids["event"] += 1

    def quote(request_id, number, issued, status, decided, reason) -> int:
        amount = f"{1500 + int(rng.random() * 60) * 500}.00"
        lead = 5 + int(rng.random() * 35)
        quotes.append(
            (
                ids["quote"],
                request_id,
                number,
                amount,
                lead,
                (issued + timedelta(days=30)).isoformat(),
                "",
                issued.isoformat(),
                status,
                decided.isoformat() if decided else None,
                reason,
                _midday_ts(issued),
                _midday_ts(decided or issued),
            )
        )
        ids["quote"] += 1
        return lead

    def first_answer_days() -> int | None:
        draw = rng.random()
        if draw < 0.06:
            return None  # never answered
        if draw < 0.92:
            return 1 + min(14, int(rng.expovariate(1 / 5)))
        return 16 + int(rng.random() * 30)

    def rows() -> Iterator[tuple]:
        for index in range(count):
            rid = first + index
            ago = int(rng.random() ** 1.3 * FILED_DAYS)
            filed = today - timedelta(days=ago)
            respond_by = filed + timedelta(days=RESPONSE_DAYS)
            kind_ = kind()
            subject = REQUEST_SUBJECTS[kind_][index % 2]
            days = first_answer_days()
            answered = filed + timedelta(days=days) if days is not None else None
            if answered is not None and answered > today:
                answered = None
            status, answer, closed_on, given, comment = "submitted", "", None, None, ""
            if rng.random() < 0.3:
                status = "accepted"
            step(rid, "submitted", filed)
            last = filed
            if answered is None:
                if ago > RESPONSE_DAYS + 20 and rng.random() < 0.5:
                    status, closed_on = "cancelled", filed + timedelta(days=RESPONSE_DAYS + 5)
                    step(rid, "cancelled", closed_on, "Besoin couvert autrement.")
            elif kind_ == "standards_information" or rng.random() < 0.06:
                status, answer = "answered", "Réponse transmise."
                step(rid, "answered", answered, answer)
            elif rng.random() < 0.08:
                status, answer = "declined", "Hors du périmètre de nos accréditations."
                step(rid, "declined", answered, answer)
            else:
                status = "quoted"
                decided = answered + timedelta(days=1 + int(rng.random() * 6))
                if decided > today:
                    quote(rid, 1, answered, "pending", None, "")
                    step(rid, "quoted", answered)
                elif rng.random() < 0.1:
                    quote(rid, 1, answered, "declined", decided, "Montant trop élevé.")
                    step(rid, "quoted", answered)
                    step(rid, "quote_declined", decided, "Montant trop élevé.")
                    status = "quote_declined"
                    if rng.random() < 0.5 and decided + timedelta(days=2) <= today:
                        status, closed_on = "cancelled", decided + timedelta(days=2)
                        step(rid, "cancelled", closed_on, "Devis trop élevé.")
                else:
                    lead = quote(rid, 1, answered, "accepted", decided, "")
                    step(rid, "quoted", answered)
                    step(rid, "quote_accepted", decided)
                    status, last = "in_progress", decided
                    delivered = decided + timedelta(days=lead)
                    if rng.random() < 0.03:
                        status, closed_on = "cancelled", decided + timedelta(days=1)
                        step(rid, "cancelled", closed_on, "Pièces non disponibles.")
                    elif delivered <= today:
                        status, last = "delivered", delivered
                        step(rid, "delivered", delivered, "Rapport joint.")
                        closing = delivered + timedelta(days=1 + int(rng.random() * 10))
                        if closing <= today and rng.random() < 0.85:
                            status, closed_on, given = "closed", closing, rating()
                            comment = RATING_COMMENTS[index % len(RATING_COMMENTS)]
                            step(rid, "closed", closing, comment)
            stamp = _midday_ts(filed)
            changed = _midday_ts(max(last, closed_on or last, answered or last))
            yield (
                rid,
                smes[int(rng.random() * len(smes))],
                body(),
                kind_,
                subject,
                "",
                status,
                filed.isoformat(),
                respond_by.isoformat(),
                answer,
                answered.isoformat() if answered else None,
                0 if status in ("submitted", "accepted") else 1,
                given,
                comment,
                closed_on.isoformat() if closed_on else None,
                stamp,
                changed,
                None,
                1,
            )

    writer.insert(
        "service_requests",
        (
            *[
                "id",
                "organisation_id",
                "body_id",
                "kind",
                "subject",
                "description",
                "status",
                "submitted_on",
                "respond_by",
                "answer",
                "answered_on",
                "is_closed",
                "rating",
                "rating_comment",
                "closed_on",
            ],
            *AUDITED,
        ),
        rows(),
    )
    writer.insert(
        "service_quotes",
        [
            "id",
            "request_id",
            "number",
            "amount_mad",
            "lead_time_days",
            "valid_until",
            "comment",
            "issued_on",
            "status",
            "decided_on",
            "decline_reason",
            "created_at",
            "updated_at",
        ],
        quotes,
    )
    writer.insert(
        "service_request_events",
        ["id", "request_id", "kind", "happened_on", "at", "comment"],
        events,
    )
