import ast
import pathlib

import pytest

CORE = pathlib.Path(__file__).resolve().parents[3] / "resources" / "lib" / "simklsync" / "core"
FORBIDDEN_TOP = ("xbmc", "xbmcaddon", "xbmcgui", "xbmcvfs", "xbmcplugin", "requests", "simplecache")
FORBIDDEN_PACKAGES = ("kodi", "simkl")


def imported_names(path):
    """(absolute module name, relative level) for every import in a file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, 0
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            yield module, node.level
            if node.level and not module:
                for alias in node.names:
                    yield alias.name, node.level


def violations(path):
    found = []
    for module, level in imported_names(path):
        head = module.split(".")[0]
        if level == 0 and (head in FORBIDDEN_TOP or head.startswith("xbmc")):
            found.append(module)
        if level == 0 and module.startswith(("simklsync.kodi", "simklsync.simkl", "resources.lib")):
            found.append(module)
        if level >= 2 and head in FORBIDDEN_PACKAGES:
            found.append("." * level + module)
    return found


CORE_FILES = sorted(CORE.rglob("*.py"))


def test_core_folder_has_modules():
    assert len(CORE_FILES) > 5


@pytest.mark.parametrize("path", CORE_FILES, ids=lambda p: p.relative_to(CORE).as_posix())
def test_core_module_imports_no_kodi_no_http_no_adapters(path):
    assert violations(path) == []


def test_the_purity_check_catches_forbidden_imports(tmp_path):
    sample = tmp_path / "bad.py"
    sample.write_text(
        "import xbmcgui\nfrom requests import Session\nfrom ..kodi import rpc\nfrom .. import simkl\n")
    assert violations(sample) == ["xbmcgui", "requests", "..kodi", "..simkl"]


ADDON = CORE.parent
ADDON_FILES = sorted(ADDON.rglob("*.py"))


def module_name(path, root=ADDON):
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def addon_imports(path, modules, root=ADDON):
    """The add-on modules a file imports (relative or absolute), function-level imports included."""
    package = module_name(path, root)
    if path.name != "__init__.py":
        package = package.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name in modules)
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")
            base = base[:len(base) - node.level + 1] if node.level else []
            target = ".".join(base + ([node.module] if node.module else []))
            for alias in node.names:
                if f"{target}.{alias.name}" in modules:
                    found.add(f"{target}.{alias.name}")
                elif target in modules:
                    found.add(target)
    found.discard(module_name(path, root))
    return found


def import_cycles(files, root=ADDON):
    """Every import cycle among the given files, each as the list of modules around it."""
    modules = {module_name(path, root): path for path in files}
    graph = {name: addon_imports(path, modules, root) - {_package_of(name)} for name, path in modules.items()}
    cycles, state = [], {}

    def visit(name, trail):
        state[name] = "open"
        for child in sorted(graph[name]):
            if state.get(child) == "open":
                cycles.append(trail[trail.index(child):] + [child])
            elif child not in state:
                visit(child, trail + [child])
        state[name] = "done"

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    return cycles


def _package_of(name):
    # A package's __init__ is imported on the way to its modules: not an edge that makes a cycle.
    return name.rpartition(".")[0]


def test_the_addon_has_no_import_cycle():
    assert import_cycles(ADDON_FILES) == []


def test_the_cycle_check_catches_a_cycle(tmp_path):
    root = tmp_path / "pkg"
    (root / "core").mkdir(parents=True)
    (root / "__init__.py").write_text("")
    (root / "core" / "__init__.py").write_text("")
    (root / "core" / "a.py").write_text("from .b import thing\n")
    (root / "core" / "b.py").write_text("def f():\n    from . import a\n")
    (root / "core" / "c.py").write_text("from ..core import a\n")
    files = sorted(root.rglob("*.py"))
    assert import_cycles(files, root) == [["pkg.core.a", "pkg.core.b", "pkg.core.a"]]


def xbmc_imports(path):
    return [module for module, level in imported_names(path) if level == 0 and module.startswith("xbmc")]


@pytest.mark.parametrize("path", [p for p in ADDON_FILES if "kodi" not in p.relative_to(ADDON).parts],
                         ids=lambda p: str(p.relative_to(ADDON)))
def test_only_the_kodi_package_imports_xbmc_modules(path):
    assert xbmc_imports(path) == []


def test_the_xbmc_check_catches_an_import(tmp_path):
    sample = tmp_path / "script.py"
    sample.write_text("import os\nimport xbmcvfs\nfrom xbmc import Monitor\n")
    assert xbmc_imports(sample) == ["xbmcvfs", "xbmc"]
