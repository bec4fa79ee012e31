"""The domains import in one direction, and no module imports itself back through others.

The order is the one the README's architecture section draws, from the bottom up: a module
may import its own package and any package below it, never one above. Imports written under
`if TYPE_CHECKING:` are type hints only and never run, so they are not dependencies.
Run this file as a script to print what breaks the rule.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PORTAL = ROOT / "portal"

# Bottom first. The kernel (settings, time, errors, the database, savepoints, audit, outbox,
# reference data) knows no domain; web is the request plumbing every domain's pages use; the
# domains follow the journeys; site (the start page and the menu), demo and the app factory
# sit on top because they gather every domain.
LAYERS: tuple[str, ...] = (
    "config",
    "clock",
    "workdays",
    "errors",
    "db_types",
    "extensions",
    "transactions",
    "audit",
    "workflow",
    "outbox",
    "reference",
    "units",
    "resume",
    "web",
    "accounts",
    "admin",
    "employers",
    "offers",
    "review",
    "participants",
    "matching",
    "interest",
    "placements",
    "availability",
    "meetings",
    "followups",
    "privacy",
    "reports",
    "site",
    "models",
    "demo",
    "cli",
    "__init__",
)


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def package_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _type_checking_only(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def runtime_imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) for every portal import that runs, at the top or inside a function."""
    module = module_name(path)
    is_package = path.name == "__init__.py"
    found: list[tuple[int, str]] = []

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _type_checking_only(child):
                for other in child.orelse:
                    visit(other)
                continue
            if isinstance(child, ast.Import):
                found.extend((child.lineno, alias.name) for alias in child.names if alias.name.startswith("portal"))
            elif isinstance(child, ast.ImportFrom):
                if child.level:
                    base = module.split(".")
                    base = base if is_package else base[:-1]
                    base = base[: len(base) - (child.level - 1)]
                    target = ".".join(base + ([child.module] if child.module else []))
                else:
                    target = child.module or ""
                if target.startswith("portal"):
                    # `from portal.offers import services` imports portal.offers.services.
                    for alias in child.names:
                        candidate = f"{target}.{alias.name}"
                        found.append((child.lineno, candidate if _is_module(candidate) else target))
            visit(child)

    visit(ast.parse(path.read_text("utf-8")))
    return found


def _is_module(name: str) -> bool:
    relative = Path(*name.split("."))
    return (ROOT / relative).with_suffix(".py").exists() or (ROOT / relative / "__init__.py").exists()


def portal_modules() -> list[Path]:
    return sorted(PORTAL.rglob("*.py"))


def upward_imports() -> list[str]:
    problems = []
    for path in portal_modules():
        module = module_name(path)
        mine = package_of(module)
        for line, target in runtime_imports(path):
            theirs = package_of(target)
            if mine not in LAYERS:
                problems.append(f"{module}: package {mine!r} has no place in LAYERS")
                break
            if theirs not in LAYERS:
                problems.append(f"{module}:{line} imports {target}, whose package has no place in LAYERS")
            elif theirs != mine and LAYERS.index(theirs) > LAYERS.index(mine):
                problems.append(f"{module}:{line} imports {target} ({theirs} is above {mine})")
    return problems


def import_cycles() -> list[list[str]]:
    """Strongly connected groups of modules (Tarjan): each is a cycle of imports."""
    graph = {module_name(path): {target for _, target in runtime_imports(path)} for path in portal_modules()}
    graph = {module: {t for t in targets if t in graph and t != module} for module, targets in graph.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []
    counter = 0
    sys.setrecursionlimit(10_000)

    def strong(node: str) -> None:
        nonlocal counter
        index[node] = low[node] = counter
        counter += 1
        stack.append(node)
        on_stack.add(node)
        for other in graph[node]:
            if other not in index:
                strong(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                cycles.append(sorted(group))

    for node in graph:
        if node not in index:
            strong(node)
    return cycles


def test_every_package_has_a_place_in_the_order():
    packages = {package_of(module_name(path)) for path in portal_modules()}
    assert packages - set(LAYERS) == set()
    assert "offers" in packages and "reference" in packages


def test_no_domain_imports_one_above_it():
    assert upward_imports() == []


def test_no_module_imports_itself_back():
    assert import_cycles() == []


def test_the_checker_sees_an_upward_import(tmp_path, monkeypatch):
    # The rule must be able to fail: a kernel module that reads a domain is caught.
    fake_root = tmp_path
    (fake_root / "portal" / "clock").mkdir(parents=True)
    (fake_root / "portal" / "offers").mkdir()
    (fake_root / "portal" / "__init__.py").write_text("")
    (fake_root / "portal" / "offers" / "__init__.py").write_text("")
    (fake_root / "portal" / "offers" / "models.py").write_text("from portal.clock import now\n")
    (fake_root / "portal" / "clock" / "__init__.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from portal.offers import models\n"
        "def now():\n    from portal.offers.models import x\n"
    )
    monkeypatch.setattr(sys.modules[__name__], "ROOT", fake_root)
    monkeypatch.setattr(sys.modules[__name__], "PORTAL", fake_root / "portal")
    assert upward_imports() == ["portal.clock:5 imports portal.offers.models (offers is above clock)"]
    assert import_cycles() == [["portal.clock", "portal.offers.models"]]


if __name__ == "__main__":
    for problem in upward_imports():
        print(problem)
    for cycle in import_cycles():
        print("cycle:", " ↔ ".join(cycle))
