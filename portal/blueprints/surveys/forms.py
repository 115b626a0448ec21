"""Forms of the surveys: a survey, a question, activating, and the ratings' words."""

from __future__ import annotations

from collections.abc import Iterable

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import AnyOf, Length

from portal.forms import OnceOnlyForm, VersionField, required
from portal.models import QuestionKind, SurveyOccasion

RATING_WORDS = {
    # i18n: meaning of a satisfaction rating of 1 out of 5
    1: _l("very dissatisfied"),
    # i18n: meaning of a satisfaction rating of 2 out of 5
    2: _l("dissatisfied"),
    # i18n: meaning of a satisfaction rating of 3 out of 5
    3: _l("neither satisfied nor dissatisfied"),
    # i18n: meaning of a satisfaction rating of 4 out of 5
    4: _l("satisfied"),
    # i18n: meaning of a satisfaction rating of 5 out of 5
    5: _l("very satisfied"),
}


def rating_label(value: int) -> str:
    """A rating in words: "1 — very dissatisfied" ... "5 — very satisfied"."""
    # i18n: a satisfaction rating: its number, then its meaning
    return _("%(number)s — %(meaning)s", number=value, meaning=RATING_WORDS[value])


PROGRAMME = "programme"


class SurveyForm(OnceOnlyForm, FlaskForm):
    occasion = SelectField(_l("Sent"), validators=[required()])
    ecosystem = SelectField(_l("For"), validators=[required()])
    title_fr = StringField(_l("Title in French"), validators=[required(), Length(max=200)])
    title_ar = StringField(_l("Title in Arabic"), validators=[required(), Length(max=200)])

    def __init__(self, *args, ecosystems: Iterable[tuple[str, str]] = (), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.occasion.choices = [(o.value, o.label) for o in SurveyOccasion]
        self.ecosystem.choices = list(ecosystems)


class QuestionForm(FlaskForm):
    kind = SelectField(_l("Kind of question"), validators=[required()])
    label_fr = StringField(_l("Question in French"), validators=[required(), Length(max=300)])
    label_ar = StringField(_l("Question in Arabic"), validators=[required(), Length(max=300)])
    choices_fr = TextAreaField(
        _l("Choices in French"),
        validators=[Length(max=2000)],
        description=_l("For a choice question: one choice per line."),
    )
    choices_ar = TextAreaField(
        _l("Choices in Arabic"),
        validators=[Length(max=2000)],
        description=_l("The same choices, in the same order."),
    )
    required_answer = BooleanField(_l("An answer is required"), default=True)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.kind.choices = [(k.value, k.label) for k in QuestionKind]


class ActivateForm(FlaskForm):
    active = HiddenField(validators=[AnyOf(["0", "1"])])
    version = VersionField()


class PlainForm(FlaskForm):
    """A form with nothing but its CSRF token (a button, or fields read by the service)."""
