"""Forms of the standards catalogue: a standard, a clause of a draft outline, a guidance
question."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, StringField, TextAreaField
from wtforms.validators import Length, Regexp

from portal.forms import CodeField, OnceOnlyForm, VersionField, WholeNumberField, required
from portal.models.certification import MAX_OUTLINE_CLAUSES

AR = {"dir": "rtl", "lang": "ar"}
FR = {"dir": "ltr", "lang": "fr"}  # a French text typed on an Arabic page
EN = {"dir": "ltr", "lang": "en"}


class StandardForm(FlaskForm):
    """A standard's reference, names and presence in the catalogue."""

    reference = CodeField(
        _l("Reference"),
        validators=[required(), Length(max=60)],
        description=_l("As the standard is cited, e.g. ISO 9001:2015."),
    )
    name_fr = StringField(
        _l("Name in French"), validators=[required(), Length(max=200)], render_kw=FR
    )
    name_ar = StringField(
        _l("Name in Arabic"), validators=[required(), Length(max=200)], render_kw=AR
    )
    active = BooleanField(
        _l("Offered in the catalogue"),
        description=_l("Companies ask for support only on the standards offered."),
    )
    version = VersionField()


class NewStandardForm(OnceOnlyForm, StandardForm):
    """A standard added to the catalogue: its code, then what any standard has."""

    code = CodeField(
        _l("Code"),
        validators=[
            required(),
            Length(max=40),
            Regexp(
                r"^[a-z0-9]+(?:_[a-z0-9]+)*$",
                message=_l("Use lowercase letters, digits and underscores, e.g. iso_9001."),
            ),
        ],
        description=_l("A short identifier used in exports, e.g. iso_50001."),
    )
    version = None  # a new record has no version to check


class ClauseForm(OnceOnlyForm, FlaskForm):
    """A clause of a draft outline: number, titles and place in the outline."""

    number = CodeField(
        _l("Clause number"),
        validators=[
            required(),
            Length(max=20),
            Regexp(
                r"^[0-9A-Z]+(\.[0-9A-Z]+)*$",
                message=_l("Digits or capital letters separated by dots, e.g. 7.1.5 or A.2."),
            ),
        ],
        description=_l("A number without a dot (such as 7) is a group of the readiness chart."),
    )
    title_en = StringField(
        _l("Title in English"), validators=[required(), Length(max=200)], render_kw=EN
    )
    title_fr = StringField(
        _l("Title in French"), validators=[required(), Length(max=200)], render_kw=FR
    )
    title_ar = StringField(
        _l("Title in Arabic"), validators=[required(), Length(max=200)], render_kw=AR
    )
    position = WholeNumberField(
        _l("Place in the outline"),
        minimum=1,
        maximum=MAX_OUTLINE_CLAUSES,
        description=_l("1 puts it first; left empty, it stays where it is (a new one goes last)."),
    )


class QuestionForm(OnceOnlyForm, FlaskForm):
    """A guidance question shown beside a clause while rating it."""

    text_fr = TextAreaField(
        _l("Question in French"), validators=[required(), Length(max=500)], render_kw=FR
    )
    text_ar = TextAreaField(
        _l("Question in Arabic"), validators=[required(), Length(max=500)], render_kw=AR
    )
