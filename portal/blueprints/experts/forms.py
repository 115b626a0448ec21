"""Forms of the expert pages: one's own profile, and the directory's filters."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import Email, Length, Optional, ValidationError

from portal.forms import INVALID_CHOICE, CheckboxListField, VersionField, required
from portal.i18n import localized
from portal.models import Availability, CompetencyKind, Ecosystem
from portal.models.reference import (
    EXPERT_LANGUAGES,
    MANAGEMENT_STANDARDS,
    QUALITY_TOPICS,
    REGIONS,
)
from portal.services.experts import DirectoryFilters, ProfileData


def region_choices() -> list[SelectChoice]:
    """An empty choice, then the 12 regions."""
    # i18n: empty choice of the region list of an expert profile
    return [SelectChoice("", _l("Not specified"))] + [
        SelectChoice(code, label) for code, label in REGIONS.items()
    ]


def standard_choices() -> list[SelectChoice]:
    """The management-system standards."""
    return [SelectChoice(code, label) for code, label in MANAGEMENT_STANDARDS.items()]


def topic_choices() -> list[SelectChoice]:
    """The quality topics, labels in the current language."""
    return [SelectChoice(code, label) for code, label in QUALITY_TOPICS.items()]


def language_choices() -> list[SelectChoice]:
    """The languages an expert can work in, each named in itself."""
    return [
        SelectChoice(code, name, render_kw={"lang": code})
        for code, name in EXPERT_LANGUAGES.items()
    ]


def availability_choices() -> list[SelectChoice]:
    """The availabilities, labels in the current language."""
    return [SelectChoice(member.value, member.label) for member in Availability]


def sector_choices(sectors: Mapping[str, Ecosystem]) -> list[SelectChoice]:
    """The ecosystems, named in the current language."""
    return [SelectChoice(slug, localized(eco, "name")) for slug, eco in sectors.items()]


class ExpertProfileForm(FlaskForm):
    """The signed-in user's own expert profile."""

    full_name = StringField(
        _l("Name shown on the profile"),
        validators=[required(), Length(max=200)],
        render_kw={"autocomplete": "name"},
    )
    headline_fr = StringField(
        _l("Headline in French"),
        validators=[Length(max=200)],
        description=_l("One line, for example: Lead auditor IATF 16949, automotive supply chain."),
        render_kw={"lang": "fr", "dir": "ltr"},
    )
    headline_ar = StringField(
        _l("Headline in Arabic"),
        validators=[Length(max=200)],
        render_kw={"lang": "ar", "dir": "rtl"},
    )
    bio_fr = TextAreaField(
        _l("Presentation in French"),
        validators=[Length(max=5000)],
        render_kw={"lang": "fr", "dir": "ltr", "rows": 5},
    )
    bio_ar = TextAreaField(
        _l("Presentation in Arabic"),
        validators=[Length(max=5000)],
        render_kw={"lang": "ar", "dir": "rtl", "rows": 5},
    )
    standards = CheckboxListField(
        _l("Standards"), choices=standard_choices, invalid_choice_message=INVALID_CHOICE
    )
    topics = CheckboxListField(
        _l("Topics"), choices=topic_choices, invalid_choice_message=INVALID_CHOICE
    )
    # Choices set by the view from the ecosystems in the database.
    sectors = CheckboxListField(_l("Sectors"), choices=[], invalid_choice_message=INVALID_CHOICE)
    region = SelectField(_l("Region"), choices=region_choices)
    languages = CheckboxListField(
        _l("Working languages"),
        choices=language_choices,
        invalid_choice_message=INVALID_CHOICE,
    )
    availability = RadioField(
        _l("Availability"), choices=availability_choices, validators=[required()]
    )
    contact_email = EmailField(
        _l("Contact e-mail address"),
        validators=[
            Optional(),
            Length(max=254),
            Email(message=_l("Enter a valid e-mail address."), check_deliverability=False),
        ],
        description=_l("Shown to signed-in users of the portal. Leave empty to show none."),
        render_kw={"autocomplete": "email"},
    )
    independent = BooleanField(
        _l("I work as an independent expert"),
        description=_l("Otherwise the profile names your organisation."),
    )
    visible = BooleanField(
        _l("Visible in the directory of experts"),
        description=_l("A hidden profile is seen by you only."),
    )
    version = VersionField()
    submit = SubmitField(_l("Save my profile"))

    def validate_headline_fr(self, field: StringField) -> None:
        """A headline in at least one language."""
        if not (field.data or "").strip() and not (self.headline_ar.data or "").strip():
            raise ValidationError(_l("Give a headline in French, in Arabic or in both."))

    def validate_languages(self, field: CheckboxListField) -> None:
        """At least one language (not a ``required`` flag: it would mark every checkbox)."""
        if not field.data:
            raise ValidationError(_l("Choose at least one language."))

    def fill_from(self, expert: Any) -> None:
        """Show a saved profile (competencies, languages, flags) in the form."""
        self.standards.data = expert.codes(CompetencyKind.STANDARD)
        self.topics.data = expert.codes(CompetencyKind.TOPIC)
        self.sectors.data = expert.codes(CompetencyKind.SECTOR)
        self.region.data = expert.region or ""
        self.languages.data = [code for code in expert.languages.split(",") if code]
        self.availability.data = expert.availability.value
        self.independent.data = expert.organisation_id is None
        self.visible.data = expert.visible
        self.version.data = expert.version

    def fill_for_new(self, user: Any) -> None:
        """Start a new profile from the account: name, e-mail, region, language; visible."""
        self.full_name.data = user.full_name
        self.contact_email.data = user.email
        self.region.data = user.organisation.region if user.organisation else ""
        self.languages.data = [user.preferred_locale or "fr"]
        self.availability.data = Availability.AVAILABLE.value
        self.visible.data = True
        self.version.data = ""

    def profile_data(self, organisation_id: int | None) -> ProfileData:
        """The submitted profile, ready for the service."""
        chosen = set(self.languages.data or [])
        return ProfileData(
            values={
                "full_name": self.full_name.data,
                "headline_fr": (self.headline_fr.data or "").strip(),
                "headline_ar": (self.headline_ar.data or "").strip(),
                "bio_fr": (self.bio_fr.data or "").strip(),
                "bio_ar": (self.bio_ar.data or "").strip(),
                "region": self.region.data or None,
                "languages": ",".join(code for code in EXPERT_LANGUAGES if code in chosen),
                "availability": Availability(self.availability.data),
                "contact_email": (self.contact_email.data or "").strip() or None,
                "organisation_id": None if self.independent.data else organisation_id,
                "visible": bool(self.visible.data),
            },
            competencies={
                CompetencyKind.STANDARD: list(self.standards.data or []),
                CompetencyKind.TOPIC: list(self.topics.data or []),
                CompetencyKind.SECTOR: list(self.sectors.data or []),
            },
        )


def directory_filters(
    args: Mapping[str, str], sectors: Mapping[str, Ecosystem]
) -> DirectoryFilters:
    """The directory's filters read from the query string; unknown values are ignored."""

    def pick(name: str, allowed: Any) -> str | None:
        value = (args.get(name) or "").strip()
        return value if value in allowed else None

    availability = pick("availability", {member.value for member in Availability})
    return DirectoryFilters(
        standard=pick("standard", MANAGEMENT_STANDARDS),
        topic=pick("topic", QUALITY_TOPICS),
        sector=pick("sector", sectors),
        region=pick("region", REGIONS),
        language=pick("language", EXPERT_LANGUAGES),
        availability=Availability(availability) if availability else None,
        query=(args.get("q") or "")[:200],
    )
