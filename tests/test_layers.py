"""The package's import layers: every module imports only from the layers below its own (docs/ARCHITECTURE.md).

A unit is a top-level module or package of ``claimkit``; imports inside one unit are its own business. Lazy imports
inside functions count as much as those at the top of a module.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "claimkit"

LAYERS: list[set[str]] = [
    {"_version", "errors", "lang", "records"},
    {"deadline", "store", "text"},
    {"evaluate", "render", "settings"},
    {"engines", "sources"},
    {"article_stance", "claim_stance", "speakers", "statements", "testing"},
    {"assemble", "comparison"},
    {"pipeline"},
    {"batch", "check"},
    {"archive", "progress"},
    {"__init__"},
    {"cli"},
    {"__main__"},
]
"""Bottom first. A new module or package is given a layer here: above everything it imports, below its users."""


def _unit(parts: list[str]) -> str:
    return parts[0] if parts else "__init__"


def imports_between_units(package: Path) -> set[tuple[str, str]]:
    """Every (importer, imported) pair of distinct units of ``package``."""
    found: set[tuple[str, str]] = set()
    for path in package.rglob("*.py"):
        parts = list(path.relative_to(package).with_suffix("").parts)
        home = parts[:-1]  # the package a relative import starts from
        if parts[-1] == "__init__":
            parts = parts[:-1]
        me = _unit(parts)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[list[str]] = []
            if isinstance(node, ast.ImportFrom) and node.level:
                base = home[: len(home) - (node.level - 1)]
                module = node.module.split(".") if node.module else []
                targets = [base + module] if module or base else [[alias.name] for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == package.name:
                targets = [node.module.split(".")[1:]]
            elif isinstance(node, ast.Import):
                targets = [a.name.split(".")[1:] for a in node.names if a.name.split(".")[0] == package.name]
            found.update((me, _unit(target)) for target in targets if _unit(target) != me)
    return found


def layer_violations(package: Path, layers: list[set[str]]) -> list[str]:
    """What breaks the layers: a unit no layer names, an import of a unit on the same layer or above."""
    layer_of = {unit: n for n, units in enumerate(layers) for unit in units}
    problems = []
    units = {p.stem for p in package.glob("*.py")} | {p.parent.name for p in package.glob("*/__init__.py")}
    problems += [f"{u}: in no layer (give it one in LAYERS)" for u in sorted(units - set(layer_of))]
    for importer, imported in sorted(imports_between_units(package)):
        if importer in layer_of and imported in layer_of and layer_of[imported] >= layer_of[importer]:
            problems.append(
                f"{importer} (layer {layer_of[importer] + 1}) imports {imported} (layer {layer_of[imported] + 1})"
            )
    return problems


def test_no_module_imports_one_on_its_own_layer_or_above() -> None:
    assert layer_violations(PACKAGE, LAYERS) == []


def test_an_upward_import_is_caught(tmp_path: Path) -> None:
    package = tmp_path / "claimkit"
    (package / "speakers").mkdir(parents=True)
    (package / "__init__.py").write_text("from .pipeline import summarise\n")
    (package / "records.py").write_text("X = 1\n")
    (package / "pipeline.py").write_text("from .records import X\n")
    (package / "speakers" / "__init__.py").write_text("")
    (package / "speakers" / "index.py").write_text("def late():\n    from .. import pipeline\n")
    (package / "orphan.py").write_text("import claimkit.records\n")
    layers = [{"records"}, {"speakers"}, {"pipeline"}, {"__init__"}]
    assert layer_violations(package, layers) == [
        "orphan: in no layer (give it one in LAYERS)",
        "speakers (layer 2) imports pipeline (layer 3)",
    ]


def test_no_module_is_over_600_lines() -> None:
    long = {
        str(p.relative_to(PACKAGE)): n for p in PACKAGE.rglob("*.py") if (n := len(p.read_text().splitlines())) > 600
    }
    assert long == {}
