"""Open-data pages: the table of a year, its downloads and its schema."""

from __future__ import annotations

from flask import abort, jsonify, render_template, request, url_for
from flask_babel import lazy_gettext as _l

from portal.authz import public
from portal.blueprints.open_data import bp
from portal.bounds import query_int
from portal.downloads import table_download
from portal.services import open_data as service
from portal.services.notifications import in_both_languages

DATASET = "ecosystems-regions-years"

# The columns of the dataset: name, type, and what it holds (shown on the page, and in both
# languages in the schema file).
COLUMNS = (
    (
        "ecosystem",
        "string",
        _l("The ecosystem's identifier, as in its address on the portal (/ecosystems/…)."),
    ),
    (
        "region",
        "string",
        _l("The region's code (MA-01 to MA-12), or “total” for the ecosystem's total."),
    ),
    ("year", "integer", _l("The year.")),
    (
        "members_joined",
        "integer",
        _l("Member companies whose membership was accepted that year and that are members."),
    ),
    (
        "companies_accompanied",
        "integer",
        _l("Companies that opened a certification support case that year."),
    ),
    (
        "companies_certified",
        "integer",
        _l("Companies certified that year at the end of their support case."),
    ),
    (
        "companies_trained",
        "integer",
        _l("Companies whose staff attended a training session that ended that year."),
    ),
    (
        "people_trained",
        "integer",
        _l("People who attended a training session that ended that year."),
    ),
)
# The measures' short titles, for the page's column headers (the schema gives the rest).
TITLES = {
    "members_joined": _l("Companies that joined"),
    "companies_accompanied": _l("Companies accompanied"),
    "companies_certified": _l("Companies certified"),
    "companies_trained": _l("Companies trained"),
    "people_trained": _l("People trained"),
}
EMPTY_MEANS = _l(
    "An empty value means fewer than five companies, none, or a value hidden so that "
    "another cannot be recovered from the total."
)


@bp.route("/")
@public
def index():
    """The figures of one year (the latest by default), the downloads and the schema."""
    rows = service.rows()
    years = service.years(rows)
    year = query_int(request.args, "year", minimum=1900, maximum=9999)
    if year not in years:
        year = years[0] if years else None
    return render_template(
        "open_data/index.html",
        rows=[row for row in rows if row["year"] == year],
        years=years,
        year=year,
        measures=service.MEASURES,
        titles=TITLES,
        columns=COLUMNS,
        empty_means=EMPTY_MEANS,
        dataset=DATASET,
        computed_on=service.computed_on(),
    )


@bp.route(f"/{DATASET}.<fmt>")
@public
def download(fmt: str):
    """The whole dataset as CSV or JSON (the same rows, the same columns)."""
    names = [name for name, _type, _text in COLUMNS]
    rows = service.rows()
    if fmt == "json":
        return jsonify(
            {
                "dataset": DATASET,
                "schema": url_for("open_data.schema", _external=True),
                "rows": [{name: row[name] for name in names} for row in rows],
            }
        )
    if fmt != "csv":
        abort(404)
    return table_download("csv", DATASET, names, ([row[name] for name in names] for row in rows))


@bp.route("/schema.json")
@public
def schema():
    """The dataset's schema (a Frictionless Table Schema), described in both languages."""
    return jsonify(
        {
            "name": DATASET,
            "fields": [
                {
                    "name": name,
                    "type": kind,
                    "description": in_both_languages(text),
                    **(
                        {"constraints": {"minimum": 5}}
                        if kind == "integer" and name != "year"
                        else {}
                    ),
                }
                for name, kind, text in COLUMNS
            ],
            "missingValues": [""],
            "primaryKey": ["ecosystem", "region", "year"],
            "notes": in_both_languages(EMPTY_MEANS),
        }
    )
