"""The field macro gives each kind of field Bootstrap's classes (form-select for lists,
form-check for check boxes and radio buttons, form-control otherwise) and writes codes, e-mail
and web addresses and phone numbers left to right on Arabic pages too."""

from __future__ import annotations

import re

import pytest
from flask import render_template_string
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    FileField,
    IntegerField,
    MultipleFileField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TelField,
    TextAreaField,
    URLField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.widgets import CheckboxInput, ListWidget

from portal.forms import CodeField
from portal.models import OrganisationKind, Role
from tests.conftest import sign_in
from tests.factories import make_user

TAG = re.compile(r"<(input|select|textarea)\b[^>]*>")


class CheckboxList(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class Everything(FlaskForm):
    class Meta:
        csrf = False

    name = StringField("Name")
    notes = TextAreaField("Notes")
    people = IntegerField("People")
    region = SelectField("Region", choices=[SelectChoice("a", "A"), SelectChoice("b", "B")])
    languages = SelectMultipleField(
        "Languages", choices=[SelectChoice("fr", "FR"), SelectChoice("ar", "AR")]
    )
    topics = CheckboxList("Topics", choices=[SelectChoice("1", "One"), SelectChoice("2", "Two")])
    level = RadioField("Level", choices=[SelectChoice("low", "Low"), SelectChoice("high", "High")])
    active = BooleanField("Active")
    file = FileField("File")
    files = MultipleFileField("Files")
    email = EmailField("E-mail")
    phone = TelField("Phone")
    website = URLField("Website")
    ice = CodeField("ICE")


def _rendered(app, name: str) -> str:
    with app.test_request_context("/"):
        form = Everything()
        return render_template_string(
            '{% from "_macros/forms.html" import field %}{{ field(form[name]) }}',
            form=form,
            name=name,
        )


def _inputs(html: str) -> list[str]:
    return [m.group(0) for m in TAG.finditer(html) if 'type="hidden"' not in m.group(0)]


@pytest.mark.parametrize(
    ("name", "css_class"),
    [
        ("name", "form-control"),
        ("notes", "form-control"),
        ("people", "form-control"),
        ("region", "form-select"),
        ("languages", "form-select"),
        ("topics", "form-check-input"),
        ("level", "form-check-input"),
        ("active", "form-check-input"),
        ("file", "form-control"),
        ("files", "form-control"),
        ("email", "form-control"),
    ],
)
def test_each_kind_of_field_gets_its_bootstrap_class(app, name, css_class):
    html = _rendered(app, name)
    tags = _inputs(html)
    assert tags, html
    others = {"form-control", "form-select", "form-check-input"} - {css_class}
    for tag in tags:
        classes = re.search(r'class="([^"]*)"', tag).group(1).split()
        assert css_class in classes, tag
        assert not others & set(classes), tag
    if css_class == "form-check-input":
        assert 'class="form-check-label"' in html
        assert "form-label" not in html.replace("form-label fs-6", "")  # a legend, not a label


def test_options_are_grouped_in_a_fieldset_with_a_legend(app):
    for name in ("topics", "level"):
        html = _rendered(app, name)
        assert html.count("<fieldset") == 1 and "<legend" in html
        assert html.count('class="form-check"') == 2


@pytest.mark.parametrize(
    ("name", "ltr"),
    [("email", True), ("phone", True), ("website", True), ("ice", True), ("name", False)],
)
def test_codes_addresses_and_phones_are_written_left_to_right(app, name, ltr):
    (tag,) = _inputs(_rendered(app, name))
    assert ('dir="ltr"' in tag) is ltr
    if name == "phone":
        assert 'type="tel"' in tag


def test_pages_give_selects_form_select_and_phones_a_left_to_right_tel_input(client, db):
    user = make_user(Role.SME_USER, preferred_locale="ar")
    assert user.organisation.kind is OrganisationKind.SME
    sign_in(client, user)
    for path in (
        f"/organisations/{user.organisation_id}/edit",
        "/requests/new",
    ):
        page = client.get(path).get_data(as_text=True)
        selects = re.findall(r"<select\b[^>]*>", page)
        assert selects, path
        for select in selects:
            assert "form-select" in select and "form-control" not in select, (path, select)
    page = client.get(f"/organisations/{user.organisation_id}/edit").get_data(as_text=True)
    for name in ("phone", "email", "website", "ice", "rc", "if_number"):
        tag = re.search(rf'<input\b[^>]*\bname="{name}"[^>]*>', page).group(0)
        assert 'dir="ltr"' in tag, tag
        if name == "phone":
            assert 'type="tel"' in tag, tag


def test_shown_codes_and_phones_are_left_to_right_on_arabic_pages(client, db):
    user = make_user(Role.SME_USER, preferred_locale="ar")
    organisation = user.organisation
    organisation.phone = "+212 5 22 33 44 55"
    organisation.email = "contact@example.ma"
    organisation.rc = "RC 12345"
    db.session.flush()
    sign_in(client, user)
    page = client.get(f"/organisations/{organisation.id}").get_data(as_text=True)
    assert 'dir="rtl"' in page
    for value in ("+212 5 22 33 44 55", "contact@example.ma", "RC 12345", organisation.ice):
        assert f'<bdi dir="ltr">{value}</bdi>' in page, value
