"""Shape rules for the add-on's code that no linter checks: no class over a page (issue 14), and each outside
library imported by the one module that owns it.

A class that grows past MAX_CLASS_LINES has taken on a second job: cut it along its jobs instead of raising
the limit. STILL_TOO_LONG lists the classes being cut right now; it only shrinks: a class that got short
enough (or is gone) fails the test until its name leaves the list, so the list never hides a new one.
"""
import ast
import pathlib
import re

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
    "pyqrcode": {"kodi/gui/qr_code.py": "the login's QR code, from the official repository's module"},
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


# The layout is the map (issue 24): packages by job, each folder small enough to read at a glance, and imports
# that only run downwards: entry points -> service / script / plugin -> sync -> kodi, simkl, household ->
# constants, app_id -> core. Sideways within one layer is allowed; core imports nothing of the add-on outside core.
MAX_MODULES_PER_FOLDER = 15
LAYERS = (
    ("core",),
    ("constants", "app_id"),
    ("kodi", "simkl", "household"),
    ("sync",),
    ("service", "script", "plugin"),
)


def folder_sizes(root):
    """{folder: number of modules} for every package folder under root, its __init__ not counted."""
    sizes = {}
    for folder in [root] + sorted(p for p in root.rglob("*") if p.is_dir() and (p / "__init__.py").exists()):
        sizes[folder.relative_to(root).as_posix()] = len([p for p in folder.glob("*.py") if p.name != "__init__.py"])
    return sizes


def test_no_package_folder_holds_more_than_fifteen_modules():
    assert {folder: n for folder, n in folder_sizes(ADDON).items() if n > MAX_MODULES_PER_FOLDER} == {}


def test_the_folder_check_counts_modules_but_not_the_package_file(tmp_path):
    (tmp_path / "big").mkdir()
    for i in range(16):
        (tmp_path / "big" / f"m{i}.py").write_text("")
    (tmp_path / "big" / "__init__.py").write_text("")
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "a.py").write_text("")
    assert folder_sizes(tmp_path) == {".": 0, "big": 16}


def module_of(path, root):
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def add_on_imports(path, root):
    """The add-on modules (dotted, relative to root) a file imports, relative or absolute, function level too."""
    own = module_of(path, root)
    package = own if path.name == "__init__.py" else own.rpartition(".")[0]
    absolute_prefix = root.name + "."
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package.split(".") if package else []
            base = base[:len(base) - node.level + 1]
            target = ".".join(base + ([node.module] if node.module else []))
            yield from (f"{target}.{alias.name}".strip(".") for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith(absolute_prefix):
            yield from (f"{node.module[len(absolute_prefix):]}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            yield from (a.name[len(absolute_prefix):] for a in node.names if a.name.startswith(absolute_prefix))


def layer_of(module):
    head = module.split(".")[0]
    for rank, names in enumerate(LAYERS):
        if head in names:
            return rank
    return None


def upward_imports(root):
    """["importer -> imported"] for every import that runs against LAYERS, and every module in no layer."""
    found = []
    for path in sorted(root.rglob("*.py")):
        own = module_of(path, root)
        if own == "":
            continue
        rank = layer_of(own)
        if rank is None:
            found.append(f"{own}: in no layer")
            continue
        for imported in add_on_imports(path, root):
            target = layer_of(imported)
            if target is not None and target > rank:
                found.append(f"{own} -> {imported}")
    return found


def test_imports_run_only_downwards_through_the_layers():
    assert upward_imports(ADDON) == []


def test_the_layer_check_catches_imports_against_the_direction(tmp_path):
    root = tmp_path / "simklsync"
    for folder in ("core/plan", "kodi", "sync", "service"):
        (root / folder).mkdir(parents=True)
    (root / "core" / "plan" / "planner.py").write_text("from ...kodi import rpc\nfrom ..model import Key\n")
    (root / "core" / "model.py").write_text("def f():\n    from simklsync.sync import engine\n")
    (root / "kodi" / "rpc.py").write_text("from ..core.plan import planner\nfrom ..constants import X\n")
    (root / "sync" / "engine.py").write_text("from ..service import worker\nfrom ..kodi import rpc\n")
    (root / "service" / "worker.py").write_text("from ..sync import engine\nfrom . import wiring\n")
    (root / "tools.py").write_text("")
    assert upward_imports(root) == [
        "core.model -> sync.engine", "core.plan.planner -> kodi.rpc", "sync.engine -> service.worker",
        "tools: in no layer"]


README = ADDON.parents[2] / "README.md"


def readme_map(text):
    """{(package folder, module file)} named by the README's module map: the code block that starts with
    resources/lib/simklsync/; an unindented line opens a package, every *.py after it belongs to it."""
    block = text.split("```\nresources/lib/simklsync/\n", 1)[1].split("```", 1)[0]
    named, package = set(), "."
    for line in block.splitlines():
        if line and not line.startswith(" "):
            package = line.split()[0].rstrip("/")
            line = line[len(line.split()[0]):]
        named.update((package, word) for word in re.findall(r"\b\w+\.py\b", line)
                     if not re.search(r"\w/" + re.escape(word), line))
    return named


def modules_on_disk(root):
    return {((path.parent.relative_to(root).as_posix()), path.name)
            for path in root.rglob("*.py") if path.name != "__init__.py"}


def test_the_readme_module_map_names_every_module_and_no_other():
    assert readme_map(README.read_text(encoding="utf-8")) == modules_on_disk(ADDON)


def test_the_map_reader_puts_each_module_under_the_package_line_above_it():
    text = ("intro\n```\nresources/lib/simklsync/\n  constants.py  ids\nsync/     the sync\n"
            "  engine.py  runs it (see kodi/library.py);  fetch.py  reads\n```\nlater: x.py\n")
    assert readme_map(text) == {(".", "constants.py"), ("sync", "engine.py"), ("sync", "fetch.py")}
