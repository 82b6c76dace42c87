"""The layers of Tegak: an app imports only from the layers below it, never from above or from a
peer in its own layer, so the graph of apps has no cycle.

Every import counts, including those inside functions (a lazy import only hides an arrow) and
those under `TYPE_CHECKING`. `ALLOWED` lists the upward imports that existed when this test was
written; it may only shrink: an import not in it fails the test, and an entry that no longer occurs
fails too, so that it is removed. New code never adds to it — put the code in the right layer, or
make the lower app publish an audit event (`tegak.audit.events`) that the upper app subscribes to.
The drawing is in docs/DEVELOPING.md ("Layers").
"""

from __future__ import annotations

import ast
from pathlib import Path

import tegak

SOURCE = Path(tegak.__file__).parent

# Lowest first. Components in the same tuple are peers: neither imports the other.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("rules",),  # the law as plain Python (no Django)
    ("core",),  # base: errors, menus, base template, access, signing
    ("audit", "extract"),  # the chained audit log; text extraction (plain Python)
    ("people",),  # the registry: instansi, units, posts, employees
    ("accounts",),  # users, roles, second factor
    ("law", "jobs"),  # stored instansi configuration; the job queue and its pages
    ("intake",),  # reports from the public and staff
    ("cases",),  # the case file and its procedure (steps table, stages)
    ("decisions",),  # decisions and sanctions (steps registered with cases)
    ("hearings",),  # examinations, minutes (steps registered with cases)
    ("documents", "attendance"),  # letters and dossiers; attendance imports and alerts
    ("portal", "connectors", "retention"),  # public portal; outbox, LAPOR!, SIASN, webhooks;
    # retention periods, legal holds, deletion with tombstones
    ("administration", "api"),  # instansi administration pages; the HTTP API
    ("dashboard",),  # the staff home and search
    ("config",),  # settings, root URLs, the command line: assembles everything
)

# A module belongs to the component of its longest matching prefix.
COMPONENT_OF_PREFIX: dict[str, str] = {
    **{f"tegak.{name}": name for layer in LAYERS for name in layer},
    "tegak.config.env": "core",  # plain environment parsing, read by settings and apps
    "tegak.cli": "config",
    # Entry points that assemble the whole program. They live in `core` only because Django finds
    # management commands in apps; they belong to the top, where `config` is.
    "tegak.core.server": "config",  # the gunicorn master; loads tegak.config.asgi in each worker
    "tegak.core.demo": "config",  # runs every app's demo loader (by dotted name)
    "tegak.core.management.commands.serve": "config",
    "tegak.core.management.commands.demo": "config",
    "tegak.core.backup": "config",  # backup and restore read every app's files and the audit chain
    "tegak.core.management.commands.backup": "config",
    "tegak.core.management.commands.restore": "config",
}
PACKAGE_ROOT = "tegak"  # the package's own __init__ (the version only) belongs to no layer

RANK: dict[str, int] = {name: rank for rank, layer in enumerate(LAYERS) for name in layer}

# (importing module, imported module) — today's violations. May only shrink.
ALLOWED: set[tuple[str, str]] = set()


def component(module: str) -> str | None:
    parts = module.split(".")
    for end in range(len(parts), 1, -1):
        found = COMPONENT_OF_PREFIX.get(".".join(parts[:end]))
        if found:
            return found
    return None


def module_name(path: Path) -> str:
    relative = path.relative_to(SOURCE.parent).with_suffix("")
    parts = list(relative.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(path: Path, module: str) -> list[str]:
    """Every module `path` imports, wherever the import statement stands."""
    tree = ast.parse(path.read_text(), filename=str(path))
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                prefix = ".".join(base)
                target = f"{prefix}.{node.module}" if node.module else prefix
            else:
                target = node.module or ""
            if node.module is None or target == "tegak":
                # `from tegak import cases` / `from . import views`: the names are modules.
                found += [f"{target}.{alias.name}" for alias in node.names]
            else:
                found.append(target)
    return found


def source_modules() -> list[tuple[Path, str]]:
    return [
        (path, module_name(path))
        for path in sorted(SOURCE.rglob("*.py"))
        if "migrations" not in path.parts
    ]


def arrows() -> set[tuple[str, str]]:
    """(importing module, imported module) for every import between two components."""
    found = set()
    for path, module in source_modules():
        source = component(module)
        for imported in imported_modules(path, module):
            target = component(imported)
            if source and target and source != target:
                found.add((module, imported))
    return found


def violations() -> set[tuple[str, str]]:
    bad = set()
    for importer, imported in arrows():
        source, target = component(importer), component(imported)
        assert source is not None and target is not None
        if RANK[target] >= RANK[source]:
            bad.add((importer, imported))
    return bad


def test_every_app_has_a_place_in_the_layers():
    packages = {
        path.name
        for path in SOURCE.iterdir()
        if path.is_dir() and (path / "__init__.py").exists() and path.name != "locale"
    }
    assert packages - set(RANK) == set()


def test_every_module_belongs_to_a_component():
    unplaced = [module for _, module in source_modules() if component(module) is None]
    assert unplaced == [PACKAGE_ROOT]


def test_no_import_points_up_or_sideways():
    new = sorted(violations() - ALLOWED)
    assert new == [], (
        "Imports against the layers (see docs/DEVELOPING.md, 'Layers'): move the code down, or "
        "publish an audit event the upper app subscribes to. Do not add to ALLOWED."
    )


def test_the_allow_list_only_shrinks():
    gone = sorted(ALLOWED - violations())
    assert gone == [], "These imports are gone: remove them from ALLOWED in this test."


def test_without_the_allow_list_the_components_form_no_cycle():
    graph: dict[str, set[str]] = {}
    for importer, imported in arrows() - ALLOWED:
        graph.setdefault(str(component(importer)), set()).add(str(component(imported)))
    seen: dict[str, int] = {}  # 1 = on the path, 2 = done

    def visit(node: str, path: list[str]) -> list[str]:
        seen[node] = 1
        for following in sorted(graph.get(node, ())):
            if seen.get(following) == 1:
                return [*path, node, following]
            if following not in seen:
                cycle = visit(following, [*path, node])
                if cycle:
                    return cycle
        seen[node] = 2
        return []

    for start in sorted(graph):
        if start not in seen:
            assert visit(start, []) == []


def test_the_checker_sees_imports_inside_functions_and_relative_ones(tmp_path):
    module = tmp_path / "example.py"
    module.write_text(
        "from . import views\n"
        "from .models import Case\n"
        "def refresh():\n"
        "    from tegak.portal.services import register_refresh\n"
        "    import tegak.hearings.models\n"
    )
    assert imported_modules(module, "tegak.cases.example") == [
        "tegak.cases.views",
        "tegak.cases.models",
        "tegak.portal.services",
        "tegak.hearings.models",
    ]
    assert RANK[str(component("tegak.portal.services"))] > RANK["cases"]
