"""Stand-ins for the add-on's repository dependencies, installed as folders in Kodi's addons dir."""
import importlib
import shutil
from pathlib import Path

REQUESTS_ID = "script.module.requests"
REQUESTS_VERSION = "2.31.0"  # what the official repo serves; the add-on asks for >= 2.27.1
REQUESTS_PACKAGES = ("requests", "urllib3", "idna", "certifi", "charset_normalizer")
SIMPLECACHE_ID = "script.module.simplecache"
SIMPLECACHE_VERSION = "2.0.2"
PYQRCODE_ID = "script.module.pyqrcode"
PYQRCODE_VERSION = "1.2.1+matrix.2"  # what the official repo serves: PyPI's pyqrcode 1.2.1 under lib/pyqrcode
PYMYSQL_ID = "script.module.pymysql"
PYMYSQL_VERSION = "0.9.3+matrix.3"  # what the official repo serves; a shared-library box may install it
# Compiled speedups built for another interpreter can break inside Kodi's Python; every package here
# also ships its pure-Python modules, which are what the stand-in keeps.
NOT_COPIED = shutil.ignore_patterns("*.so", "*.pyd", "__pycache__", "*.pyc")


def module_addon_xml(addon_id, version, name):
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<addon id="{addon_id}" name="{name} (test stand-in)" version="{version}"'
            ' provider-name="kodi_rig">\n'
            '  <requires><import addon="xbmc.python" version="3.0.0"/></requires>\n'
            '  <extension point="xbmc.python.module" library="lib"/>\n'
            f'  <extension point="xbmc.addon.metadata"><summary lang="en_GB">{name} stand-in</summary>'
            '<platform>all</platform></extension>\n'
            '</addon>\n')


def install_requests_standin(addons_dir):
    folder = Path(addons_dir) / REQUESTS_ID
    lib = folder / "lib"
    lib.mkdir(parents=True, exist_ok=True)
    for package in REQUESTS_PACKAGES:
        source = Path(importlib.import_module(package).__file__).parent
        shutil.copytree(str(source), str(lib / package), ignore=NOT_COPIED, dirs_exist_ok=True)
    (folder / "addon.xml").write_text(module_addon_xml(REQUESTS_ID, REQUESTS_VERSION, "requests"))
    return folder


def install_simplecache_standin(addons_dir):
    folder = Path(addons_dir) / SIMPLECACHE_ID
    (folder / "lib").mkdir(parents=True, exist_ok=True)
    double = Path(__file__).with_name("simplecache_double.py")
    shutil.copyfile(str(double), str(folder / "lib" / "simplecache.py"))
    (folder / "addon.xml").write_text(module_addon_xml(SIMPLECACHE_ID, SIMPLECACHE_VERSION, "simplecache"))
    return folder


def install_pyqrcode_standin(addons_dir):
    """script.module.pyqrcode, with the tests' own pyqrcode (pure Python) as its lib."""
    folder = Path(addons_dir) / PYQRCODE_ID
    lib = folder / "lib"
    lib.mkdir(parents=True, exist_ok=True)
    source = Path(importlib.import_module("pyqrcode").__file__).parent
    shutil.copytree(str(source), str(lib / "pyqrcode"), ignore=NOT_COPIED, dirs_exist_ok=True)
    (folder / "addon.xml").write_text(module_addon_xml(PYQRCODE_ID, PYQRCODE_VERSION, "pyqrcode"))
    return folder


def install_pymysql_standin(addons_dir):
    """script.module.pymysql, with the tests' own pymysql (pure Python) as its lib."""
    folder = Path(addons_dir) / PYMYSQL_ID
    lib = folder / "lib"
    lib.mkdir(parents=True, exist_ok=True)
    source = Path(importlib.import_module("pymysql").__file__).parent
    shutil.copytree(str(source), str(lib / "pymysql"), ignore=NOT_COPIED, dirs_exist_ok=True)
    (folder / "addon.xml").write_text(module_addon_xml(PYMYSQL_ID, PYMYSQL_VERSION, "pymysql"))
    return folder
