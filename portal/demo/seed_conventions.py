"""Demo conventions: the two signed on 22 November 2023, with parties, commitments (one of
them late), milestones (one done late, with its evidence), indicators and measurements."""

from __future__ import annotations

import io
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import select

from portal.demo import conventions_data as cdata
from portal.demo.files import demo_pdf
from portal.extensions import db
from portal.models import (
    Commitment,
    CommitmentStatus,
    Convention,
    ConventionParty,
    ConventionStatus,
    ConventionStatusChange,
    ConventionType,
    DocumentKind,
    Indicator,
    Measurement,
    Milestone,
    Organisation,
    PartyRole,
    PortalMetric,
)
from portal.services.conventions import store_document

# Demo indicators bound to a figure of the portal (recorded by the daily command, and once
# by the seed so that the demo shows one).
PORTAL_METRICS = {"PME accompagnées vers la certification": PortalMetric.SMES_ACCOMPANIED}


def seed_conventions(
    ministry: Organisation, federations: dict, ecosystems: dict, created: Counter
) -> None:
    """The two conventions of 22 November 2023, with their aims as commitments."""
    signed_on = date.fromisoformat(cdata.SIGNED_ON)
    for item in cdata.CONVENTIONS:
        exists = db.session.execute(
            select(Convention.id)
            .where(Convention.reference == item["reference"])
            .execution_options(include_deleted=True)
        ).first()
        if exists:
            continue
        convention = Convention(
            reference=item["reference"],
            title_fr=item["title_fr"],
            title_ar=item["title_ar"],
            summary_fr=item["summary_fr"],
            summary_ar=item["summary_ar"],
            ecosystem_id=ecosystems[item["ecosystem"]].id,
            type=ConventionType.FRAMEWORK,
            signed_on=signed_on,
            effective_from=signed_on,
            ends_on=date.fromisoformat(item["ends_on"]),
            status=ConventionStatus.IN_PROGRESS,
            budget_mad=Decimal(item["budget"]),
        )
        db.session.add(convention)
        db.session.flush()
        for old, new, day in (
            (None, ConventionStatus.DRAFT, "2023-11-01"),
            (ConventionStatus.DRAFT, ConventionStatus.SIGNED, cdata.SIGNED_ON),
            (ConventionStatus.SIGNED, ConventionStatus.IN_PROGRESS, "2024-01-15"),
        ):
            db.session.add(
                ConventionStatusChange(
                    convention_id=convention.id,
                    from_status=old,
                    to_status=new,
                    changed_at=datetime.fromisoformat(day).replace(tzinfo=UTC),
                    comment="",
                )
            )
        federation = federations[item["federation"]]
        ministry_party = ConventionParty(
            convention_id=convention.id,
            organisation_id=ministry.id,
            role=PartyRole.SIGNATORY,
            signatory_title_fr="Le Ministre de l'Industrie et du Commerce",
            signatory_title_ar="وزير الصناعة والتجارة",
            contribution_fr="Pilotage, programmes d'appui et suivi",
            contribution_ar="القيادة وبرامج الدعم والتتبع",
        )
        federation_party = ConventionParty(
            convention_id=convention.id,
            organisation_id=federation.id,
            role=PartyRole.SIGNATORY,
            signatory_title_fr=item["federation_title_fr"],
            signatory_title_ar=item["federation_title_ar"],
            contribution_fr="Animation de l'écosystème et mobilisation des membres",
            contribution_ar="تنشيط المنظومة وتعبئة الأعضاء",
        )
        db.session.add_all([ministry_party, federation_party])
        db.session.flush()
        ends_on = date.fromisoformat(item["ends_on"])
        late_index, late_due = cdata.LATE_AIM.get(item["federation"], (None, None))
        for index, (fr, ar) in enumerate(cdata.AIMS):
            late = index == late_index
            db.session.add(
                Commitment(
                    convention_id=convention.id,
                    party_id=federation_party.id,
                    description_fr=fr,
                    description_ar=ar,
                    due_date=date.fromisoformat(late_due) if late else ends_on,
                    status=CommitmentStatus.IN_PROGRESS
                    if index < 4 and not late
                    else CommitmentStatus.NOT_STARTED,
                )
            )
        for fr, ar, due, done in cdata.MINISTRY_COMMITMENTS:
            db.session.add(
                Commitment(
                    convention_id=convention.id,
                    party_id=ministry_party.id,
                    description_fr=fr,
                    description_ar=ar,
                    due_date=date.fromisoformat(due) if due else ends_on,
                    status=CommitmentStatus.DONE if done else CommitmentStatus.IN_PROGRESS,
                    completed_on=date.fromisoformat(done) if done else None,
                )
            )
        for fr, ar, due, done_after, evidence in item["milestones"]:
            due_date = date.fromisoformat(due)
            done = done_after is not None
            db.session.add(
                Milestone(
                    convention_id=convention.id,
                    title_fr=fr,
                    title_ar=ar,
                    due_date=due_date,
                    completed_on=due_date + timedelta(days=done_after) if done else None,
                    evidence_note=evidence if done else "",
                )
            )
        for fr, ar, unit_fr, unit_ar, baseline, target, values in item["indicators"]:
            indicator = Indicator(
                convention_id=convention.id,
                name_fr=fr,
                name_ar=ar,
                unit_fr=unit_fr,
                unit_ar=unit_ar,
                baseline=Decimal(baseline),
                baseline_date=signed_on,
                target=Decimal(target),
                target_date=date.fromisoformat(item["ends_on"]),
                metric=PORTAL_METRICS.get(fr),
            )
            db.session.add(indicator)
            db.session.flush()
            for day, value in values:
                db.session.add(
                    Measurement(
                        indicator_id=indicator.id,
                        measured_on=date.fromisoformat(day),
                        value=Decimal(value),
                        source="Rapport semestriel du comité de pilotage",
                    )
                )
        store_document(
            convention,
            kind=DocumentKind.SIGNED_CONVENTION,
            title=f"Convention {item['reference']} signée",
            filename=f"{item['reference']}.pdf",
            stream=io.BytesIO(
                demo_pdf(
                    [
                        f"Convention {item['reference']}",
                        item["title_fr"][:90],
                        "Signée le 22 novembre 2023, 23e Semaine nationale de la qualité",
                    ]
                )
            ),
            uploader=None,
        )
        created["conventions"] += 1
