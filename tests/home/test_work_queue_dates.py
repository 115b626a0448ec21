"""The date arithmetic of the work queues: the issue dates whose surveillance audit falls by a
day (month ends and leap days included), and a certificate's next audit."""

from __future__ import annotations

from datetime import date, timedelta

from portal.models import Certificate, add_months
from portal.services.certification.surveillance import issued_by as _issued_by
from portal.services.work_queue.company import next_audit


def test_issued_by_is_the_latest_issue_date_whose_audit_falls_by_the_day():
    day = date(2027, 1, 1)
    for offset in range(800):
        due_by = day + timedelta(days=offset)
        for months in (12, 24):
            issued = _issued_by(due_by, months)
            assert add_months(issued, months) <= due_by
            assert add_months(issued + timedelta(days=1), months) > due_by


def test_next_audit_is_the_first_surveillance_then_the_second_then_expiry():
    certificate = Certificate(issued_on=date(2024, 2, 29))
    assert next_audit(certificate, date(2024, 6, 1)) == (date(2025, 2, 28), "surveillance")
    assert next_audit(certificate, date(2025, 3, 1)) == (date(2026, 2, 28), "surveillance")
    assert next_audit(certificate, date(2026, 3, 1)) == (date(2027, 2, 28), "expiry")
