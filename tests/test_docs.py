"""The repository documents itself: docs/roles.md's table is the policy's table."""

from __future__ import annotations

from pathlib import Path

from portal.authz import ROLE_PERMISSIONS, Permission
from portal.models import Role

ROOT = Path(__file__).resolve().parent.parent
COLUMNS = [
    Role.ADMIN,
    Role.MINISTRY_OFFICER,
    Role.FEDERATION_STAFF,
    Role.SME_USER,
    Role.INSTITUTE_USER,
    Role.INFRASTRUCTURE_USER,
    Role.CONSULTANT,
]


def documented_table() -> dict[str, set[Role]]:
    table = {}
    for line in (ROOT / "docs" / "roles.md").read_text().splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == len(COLUMNS) + 1 and cells[0].startswith("`"):
            name = cells[0].strip("`")
            if name in Permission.__members__:
                table[name] = {
                    role for role, cell in zip(COLUMNS, cells[1:], strict=True) if cell == "✓"
                }
    return table


def test_the_roles_document_shows_the_policy_table():
    policy = {
        permission.name: {role for role in COLUMNS if permission in ROLE_PERMISSIONS[role]}
        for permission in Permission
    }
    assert documented_table() == policy
