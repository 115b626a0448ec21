"""The shape of the code: who may import whom, where roles are compared, where writes happen.

These read the source (``ast`` and plain text), so they fail the moment a change puts a role
check in a route, a write in a blueprint or an import from a blueprint in a service.
"""

from __future__ import annotations

import ast
import functools
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PORTAL = ROOT / "portal"

# Roles are named where the policy is decided (portal/authz) and where they are defined
# (portal/models); everywhere else asks a permission or a predicate.
ROLE_PLACES = (PORTAL / "authz", PORTAL / "models")


def python_files(folder: Path = PORTAL) -> Iterator[Path]:
    yield from sorted(folder.rglob("*.py"))


def source_files() -> Iterator[Path]:
    yield from python_files()
    yield from sorted((PORTAL / "templates").rglob("*.html"))


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def outside(path: Path, places: tuple[Path, ...]) -> bool:
    return not any(path.is_relative_to(place) for place in places)


def statements(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """Every statement, nested ones included, except those under ``if TYPE_CHECKING:``
    (not an import at run time); expressions are not entered."""
    for node in body:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            yield from statements(node.orelse)
            continue
        yield node
        for field in ("body", "orelse", "finalbody"):
            yield from statements(getattr(node, field, []) or [])
        for handler in getattr(node, "handlers", []) or []:
            yield from statements(handler.body)


@functools.cache
def imported_modules(path: Path) -> tuple[tuple[str, int, bool], ...]:
    return tuple(_imported_modules(path))


def _imported_modules(path: Path) -> Iterator[tuple[str, int, bool]]:
    """(module, line, at module level) for every import of a portal module in the file; an
    import under ``if TYPE_CHECKING:`` is not an import at run time and is left out."""
    tree = ast.parse(path.read_text(), filename=str(path))
    package = module_name(path) if path.name == "__init__.py" else module_name(path.parent)
    top_level = {id(node) for node in tree.body}
    for node in statements(tree.body):
        if not isinstance(node, ast.Import | ast.ImportFrom):
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno, id(node) in top_level
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            if not target.startswith("portal"):
                continue
            # ``from portal.x import y`` may import the module portal.x.y
            for alias in node.names:
                candidate = f"{target}.{alias.name}"
                module = candidate if module_path(candidate) else target
                yield module, node.lineno, id(node) in top_level


@functools.cache
def module_path(name: str) -> Path | None:
    base = ROOT.joinpath(*name.split("."))
    for path in (base.with_suffix(".py"), base / "__init__.py"):
        if path.exists():
            return path
    return None


def test_no_route_decorator_or_comparison_names_a_role():
    found = []
    pattern = re.compile(r"roles_required|\.role\s*(==|!=|\bin\b|\bnot in\b)|=\s*\(\s*Role\.")
    for path in source_files():
        if not outside(path, ROLE_PLACES):
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if pattern.search(line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not found, "roles compared outside portal/authz:\n" + "\n".join(found)


def test_roles_required_is_gone_from_the_policy_too():
    assert "roles_required" not in (PORTAL / "authz" / "core.py").read_text()


def test_services_and_models_do_not_import_blueprints():
    found = []
    for folder in (PORTAL / "services", PORTAL / "models"):
        for path in python_files(folder):
            for module, line, _top in imported_modules(path):
                if module.startswith("portal.blueprints"):
                    found.append(f"{path.relative_to(ROOT)}:{line} imports {module}")
    assert not found, "\n".join(found)


def test_blueprints_do_not_add_or_delete_rows():
    pattern = re.compile(r"db\.session\.(add|add_all|delete|flush)\(")
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in python_files(PORTAL / "blueprints")
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if pattern.search(line)
    ]
    assert not found, "writes belong in services:\n" + "\n".join(found)


@functools.cache
def import_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for path in python_files():
        name = module_name(path)
        graph.setdefault(name, set())
        for module, _line, _top in imported_modules(path):
            if module.startswith("portal") and module != name and module_path(module):
                graph[name].add(module)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


# A package's __init__ that re-exports its modules, imported by those modules' siblings, is
# not a circle of responsibilities; only imports between modules count.
def without_packages(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    packages = {name for name in graph if module_path(name).name == "__init__.py"}
    return {
        name: {target for target in targets if target not in packages}
        for name, targets in graph.items()
        if name not in packages
    }


def test_no_import_cycle_between_modules():
    found = cycles(without_packages(import_graph()))
    assert not found, "import cycles:\n" + "\n".join(" <-> ".join(c) for c in found)


def test_sibling_route_modules_do_not_import_each_other():
    found = []
    for package in sorted((PORTAL / "blueprints").iterdir()):
        if not (package / "__init__.py").exists():
            continue
        routes = {module_name(p) for p in package.glob("*routes*.py")}
        for path in package.glob("*routes*.py"):
            for module, line, _top in imported_modules(path):
                if module in routes and module != module_name(path):
                    found.append(f"{path.relative_to(ROOT)}:{line} imports {module}")
    assert not found, "\n".join(found)


@pytest.mark.parametrize("path", [PORTAL / "templates" / "base.html"], ids=["base.html"])
def test_the_base_layout_has_blocks_for_styles_and_scripts(path):
    text = path.read_text()
    assert "{% block styles %}" in text and "{% block scripts %}" in text
