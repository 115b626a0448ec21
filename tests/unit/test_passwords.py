"""Argon2id hashing and the password policy."""

import pytest

from portal.services.passwords import hash_password, password_problems, verify_password


def test_hashes_are_argon2id_and_verify(app):
    with app.app_context():
        stored = hash_password("a long enough passphrase")
        assert stored.startswith("$argon2id$")
        assert verify_password(stored, "a long enough passphrase")
        assert not verify_password(stored, "a long enough passphrasE")
        assert not verify_password(None, "anything")
        assert not verify_password("not-a-hash", "anything")


@pytest.mark.parametrize(
    "password",
    [
        "short",
        "password1234",
        "Password1234!",
        "123456789012",
        "azertyuiop123",
        "aaaaaaaaaaaa",
        "qwertyuiop!!!",
        "iloveyou2024!!",
    ],
)
def test_short_or_common_passwords_are_refused(app, password):
    with app.test_request_context():
        assert password_problems(password)


def test_a_passphrase_is_accepted_and_personal_data_is_not(app):
    with app.test_request_context():
        assert password_problems("rivière verte sous la pluie") == []
        assert password_problems("nadia.berrada-2026x", email="nadia.berrada@example.org")
        assert password_problems("berrada long phrase 7", full_name="Nadia Berrada")


def test_messages_are_translated(app):
    with app.test_request_context(headers={"Accept-Language": "ar"}):
        problems = password_problems("short")
    assert any("12" in p for p in problems)
    assert all(not p.startswith("Use at least") for p in problems)
