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


CORE_FILES = sorted(CORE.glob("*.py"))


def test_core_folder_has_modules():
    assert len(CORE_FILES) > 5


@pytest.mark.parametrize("path", CORE_FILES, ids=lambda p: p.name)
def test_core_module_imports_no_kodi_no_http_no_adapters(path):
    assert violations(path) == []


def test_the_purity_check_catches_forbidden_imports(tmp_path):
    sample = tmp_path / "bad.py"
    sample.write_text(
        "import xbmcgui\nfrom requests import Session\nfrom ..kodi import rpc\nfrom .. import simkl\n")
    assert violations(sample) == ["xbmcgui", "requests", "..kodi", "..simkl"]
