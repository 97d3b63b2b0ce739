"""pymysql (Kodi's optional script.module.pymysql) is imported by one module only, and only inside functions:
importing the add-on on a box without it must work."""
import ast
import pathlib

PACKAGE = pathlib.Path(__file__).resolve().parents[3] / "resources" / "lib" / "simklsync"


def _pymysql_imports(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
            [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
        if any(name.split(".")[0] == "pymysql" for name in names):
            found.append(node)
    top_level = [node for node in found if node in tree.body]
    return found, top_level


def test_only_household_mysql_imports_pymysql_and_never_at_module_level():
    importers = {}
    for path in PACKAGE.rglob("*.py"):
        found, top_level = _pymysql_imports(path)
        if found:
            importers[path.relative_to(PACKAGE).as_posix()] = bool(top_level)
    assert importers == {"household/mysql.py": False}
