"""Shape rules for the add-on's code that no linter checks: no class over a page (issue 14), and each outside
library imported by the one module that owns it.

A class that grows past MAX_CLASS_LINES has taken on a second job: cut it along its jobs instead of raising
the limit. STILL_TOO_LONG lists the classes being cut right now; it only shrinks: a class that got short
enough (or is gone) fails the test until its name leaves the list, so the list never hides a new one.
"""
import ast
import pathlib

ADDON = pathlib.Path(__file__).resolve().parents[2] / "resources" / "lib" / "simklsync"
MAX_CLASS_LINES = 150

# "path inside the add-on:class" -> who is cutting it. Remove a name when its class is short enough.
# Empty since issue 14's cuts landed: every class in the add-on is within the limit.
STILL_TOO_LONG = {}


def class_sizes(root):
    """{"path:class": lines} for every class (nested ones too) in the .py files under root, decorators included."""
    sizes = {}
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                first = min([node.lineno] + [d.lineno for d in node.decorator_list])
                sizes[f"{path.relative_to(root).as_posix()}:{node.name}"] = node.end_lineno - first + 1
    return sizes


def too_long(sizes, limit=MAX_CLASS_LINES):
    return {name: lines for name, lines in sizes.items() if lines > limit}


def test_no_class_in_the_addon_is_over_a_page_except_those_being_cut():
    long_ones = too_long(class_sizes(ADDON))
    assert {name: lines for name, lines in long_ones.items() if name not in STILL_TOO_LONG} == {}


def test_the_list_of_classes_being_cut_only_names_classes_still_too_long():
    long_ones = too_long(class_sizes(ADDON))
    assert sorted(name for name in STILL_TOO_LONG if name not in long_ones) == []


def test_the_size_check_measures_each_class_from_its_decorators_to_its_last_line(tmp_path):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "big.py").write_text(
        "import functools\n\n\n@functools.total_ordering\nclass Big:\n"
        + "".join(f"    a{i} = {i}\n" for i in range(150))
        + "\n    class Inner:\n        pass\n\n\nclass Small:\n    pass\n")
    sizes = class_sizes(tmp_path)
    assert sizes == {"pkg/big.py:Big": 155, "pkg/big.py:Inner": 2, "pkg/big.py:Small": 2}
    assert too_long(sizes) == {"pkg/big.py:Big": 155}


# Outside library -> the only add-on modules that may import it, each with its reason. A new importer needs a
# line here that says why it, and not the owner, has to talk to the library.
IMPORT_OWNERS = {
    "requests": {"simkl/client.py": "the one HTTP client: one Session, TLS and timeouts on every call"},
    "pymysql": {"household/mysql.py": "the shared household table in the MySQL server Kodi already uses"},
    "simplecache": {"kodi/cache.py": "Kodi's own cache add-on, present only inside Kodi"},
}


def outside_imports(path):
    """The top-level names of the absolute imports in a file, function-level imports included."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            yield node.module.split(".")[0]


def importers(root, library):
    return sorted(path.relative_to(root).as_posix() for path in root.rglob("*.py")
                  if library in outside_imports(path))


def test_each_outside_library_is_imported_only_by_the_module_that_owns_it():
    assert {library: importers(ADDON, library) for library in IMPORT_OWNERS} == {
        library: sorted(owners) for library, owners in IMPORT_OWNERS.items()}


def test_the_import_check_sees_function_level_and_from_imports(tmp_path):
    (tmp_path / "a.py").write_text("def f():\n    import requests.adapters\n")
    (tmp_path / "b.py").write_text("from requests import Session\nfrom .requests import x\n")
    (tmp_path / "c.py").write_text("import json\n")
    assert importers(tmp_path, "requests") == ["a.py", "b.py"]
