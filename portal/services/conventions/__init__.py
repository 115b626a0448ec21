"""Partnership conventions, every write and every read a page, a report, an export, a
dashboard or an API needs: take plain values, return models or read-models.

- ``rules``: the status workflow, completion dates, ConventionError;
- ``conventions``: the list, creating and editing a convention, its status, its amendments;
- ``parties``: parties and their commitments;
- ``tracking``: milestones (added, done, reopened), indicators and their measurements;
- ``progress``: the convention's page read in a fixed number of queries, and derived facts
  (late, progress, at risk) for one convention or many;
- ``documents``: signed PDFs and evidence in the convention document store;
- ``reports``: the XLSX export (the printable report reads ``progress.load_view``).

The names most callers need are re-exported here.
"""

from portal.services.conventions.conventions import (
    ConventionList,
    ConventionSummary,
    ReferenceTaken,
    add_amendment,
    change_status,
    create_convention,
    ecosystem_by_slug,
    ecosystem_choices,
    list_conventions,
    summary,
    update_convention,
)
from portal.services.conventions.documents import (
    MAX_DOCUMENT_BYTES,
    DocumentRefused,
    delete_document,
    download_name,
    evidence_documents,
    store_document,
)
from portal.services.conventions.parties import (
    PartyHasCommitments,
    add_commitment,
    add_party,
    candidate_organisations,
    parties_of,
    remove_party,
    update_commitment,
)
from portal.services.conventions.progress import (
    ConventionView,
    IndicatorView,
    lateness,
    load_view,
    period_summary,
    progress_by_convention,
)
from portal.services.conventions.reports import export_name, progress_workbook
from portal.services.conventions.rules import (
    EVIDENCE_NOTE_LENGTH,
    RUNNING,
    TRANSITIONS,
    ConventionError,
    completion_date_problem,
)
from portal.services.conventions.tracking import (
    add_indicator,
    add_measurement,
    add_milestone,
    complete_milestone,
    reopen_milestone,
)

__all__ = [
    "EVIDENCE_NOTE_LENGTH",
    "MAX_DOCUMENT_BYTES",
    "RUNNING",
    "TRANSITIONS",
    "ConventionError",
    "ConventionList",
    "ConventionSummary",
    "ConventionView",
    "DocumentRefused",
    "IndicatorView",
    "PartyHasCommitments",
    "ReferenceTaken",
    "add_amendment",
    "add_commitment",
    "add_indicator",
    "add_measurement",
    "add_milestone",
    "add_party",
    "candidate_organisations",
    "change_status",
    "complete_milestone",
    "completion_date_problem",
    "create_convention",
    "delete_document",
    "download_name",
    "ecosystem_by_slug",
    "ecosystem_choices",
    "evidence_documents",
    "export_name",
    "lateness",
    "list_conventions",
    "load_view",
    "parties_of",
    "period_summary",
    "progress_by_convention",
    "progress_workbook",
    "remove_party",
    "reopen_milestone",
    "store_document",
    "summary",
    "update_commitment",
    "update_convention",
]
