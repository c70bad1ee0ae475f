"""Three floors, arrows only downward: `extractors` (pure) ← `pipeline` (store, review, web) ← `flows` (Prefect,
runtime, command line). Every import counts, function-local ones included: importing inside a function to dodge
a circle still leaves the two modules needing each other."""

from __future__ import annotations

import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

from tests.conftest import ROOT

PACKAGES = ("extractors", "pipeline", "flows")
# What each floor must not import (the floors above it, and Prefect below `flows`).
FORBIDDEN = {"extractors": ("pipeline", "flows", "prefect"), "pipeline": ("flows", "prefect")}


def _module_name(path: Path, root: Path) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def project_modules(root: Path = ROOT) -> dict[str, Path]:
    """Every module of the three packages, by dotted name."""
    return {_module_name(path, root): path for package in PACKAGES for path in sorted((root / package).rglob("*.py"))}


def _absolute(node: ast.ImportFrom, module: str, is_package: bool) -> str:
    """The absolute module a `from … import` reads from (`from . import x` and `from ..a import b` resolved)."""
    if not node.level:
        return node.module or ""
    base = module.split(".")[: len(module.split(".")) - node.level + (1 if is_package else 0)]
    return ".".join([*base, *([node.module] if node.module else [])])


def imports_of(module: str, path: Path, known: set[str]) -> set[str]:
    """Every module `module` imports anywhere in its source (top level, in functions, under `if`): project
    modules by their own name (`from pkg import mod` is `pkg.mod`), others by their top-level package."""
    found = set()
    is_package = path.name == "__init__.py"
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            source = _absolute(node, module, is_package)
            names = [f"{source}.{alias.name}" if f"{source}.{alias.name}" in known else source
                     for alias in node.names]
        else:
            continue
        for name in names:
            while name not in known and "." in name:  # `import a.b.c` of a project module, or a name in a module
                name = name.rpartition(".")[0]
            found.add(name if name in known else name.split(".")[0])
    return found


def import_graph(root: Path = ROOT) -> dict[str, set[str]]:
    modules = project_modules(root)
    known = set(modules)
    return {module: imports_of(module, path, known) - {module} for module, path in modules.items()}


def upward_imports(graph: dict[str, set[str]]) -> list[str]:
    """'importer → imported' for every import a floor must not make."""
    return [f"{module} → {imported}" for module, imported_all in sorted(graph.items())
            for imported in sorted(imported_all)
            if imported.split(".")[0] in FORBIDDEN.get(module.split(".")[0], ())]


def import_circle(graph: dict[str, set[str]]) -> list[str] | None:
    """One circle among project modules (each importing the next, the last the first), or None."""
    try:
        TopologicalSorter({module: {m for m in imported if m in graph} for module, imported in graph.items()}
                          ).prepare()
    except CycleError as err:  # each node of it is a dependency of the one before: reversed, each imports the next
        return err.args[1][::-1]
    return None


def test_no_floor_imports_a_floor_above_it():
    upward = upward_imports(import_graph())
    assert not upward, "imports against the floors:\n" + "\n".join(upward)


def test_no_import_circles():
    circle = import_circle(import_graph())
    assert circle is None, "import circle: " + " → ".join(circle)


def test_the_checks_see_function_local_and_relative_imports(tmp_path):
    """The walk itself: an import inside a function and a relative one are found, and so are their faults."""
    for package in PACKAGES:
        (tmp_path / package).mkdir()
        (tmp_path / package / "__init__.py").write_text("")
    (tmp_path / "extractors" / "pure.py").write_text("def f():\n    from pipeline import store\n")
    (tmp_path / "pipeline" / "store.py").write_text("from . import review\n")
    (tmp_path / "pipeline" / "review.py").write_text("import pipeline.store\nfrom flows.batch import run\n")
    (tmp_path / "flows" / "batch.py").write_text("import prefect.states\nfrom . import cli\n")
    (tmp_path / "flows" / "cli.py").write_text("")
    graph = import_graph(tmp_path)
    assert graph["pipeline.store"] == {"pipeline.review"} and graph["flows.batch"] == {"prefect", "flows.cli"}
    assert upward_imports(graph) == ["extractors.pure → pipeline.store", "pipeline.review → flows.batch"]
    assert set(import_circle(graph)) == {"pipeline.store", "pipeline.review"}
