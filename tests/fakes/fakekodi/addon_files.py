"""Reads the add-on's real files: addon.xml metadata, settings.xml typed defaults, strings.po texts."""
import os
import re
import xml.etree.ElementTree as ET
from collections import namedtuple

REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))

SettingSpec = namedtuple("SettingSpec", "id type default")

# Kodi's value kinds: every settings.xml type maps to one Python type.
_TYPE_PARSERS = {
    "boolean": lambda text: text.strip().lower() == "true",
    "integer": lambda text: int(text.strip() or 0),
    "number": lambda text: float(text.strip() or 0),
    "string": lambda text: text,
    "path": lambda text: text,
    "action": lambda text: text,
}
VALUE_KINDS = {"boolean": bool, "integer": int, "number": float, "string": str, "path": str, "action": str}


def read_addon_info(root=REPO_ROOT):
    """The getAddonInfo() answers Kodi derives from addon.xml."""
    addon = ET.parse(os.path.join(root, "addon.xml")).getroot()
    metadata = addon.find("./extension[@point='xbmc.addon.metadata']")
    info = {
        "id": addon.get("id", ""),
        "name": addon.get("name", ""),
        "version": addon.get("version", ""),
        "author": addon.get("provider-name", ""),
        "path": root,
        "type": _main_extension_point(addon),
        "changelog": "",
        "stars": "-1",
    }
    for key in ("summary", "description", "disclaimer"):
        node = metadata.find(key) if metadata is not None else None
        info[key] = node.text if node is not None and node.text else ""
    info["icon"] = os.path.join(root, _asset(metadata, "icon"))
    info["fanart"] = os.path.join(root, _asset(metadata, "fanart"))
    info["requires"] = [node.get("addon") for node in addon.findall("./requires/import")]
    return info


def _main_extension_point(addon):
    for extension in addon.findall("extension"):
        if extension.get("point") != "xbmc.addon.metadata":
            return extension.get("point", "")
    return ""


def _asset(metadata, name):
    node = metadata.find("./assets/" + name) if metadata is not None else None
    return node.text if node is not None and node.text else ""


def read_setting_specs(root=REPO_ROOT):
    """{setting id: SettingSpec} with each <default> parsed to the setting's Python type."""
    path = os.path.join(root, "resources", "settings.xml")
    specs = {}
    for node in ET.parse(path).getroot().iter("setting"):
        kind = node.get("type", "string")
        parse = _TYPE_PARSERS.get(kind, _TYPE_PARSERS["string"])
        default_node = node.find("default")
        text = default_node.text if default_node is not None and default_node.text else ""
        specs[node.get("id")] = SettingSpec(node.get("id"), kind, parse(text))
    return specs


_PO_LINE = re.compile(r'^(msgctxt|msgid|msgstr)\s+"(.*)"\s*$')
_PO_CONTINUATION = re.compile(r'^"(.*)"\s*$')


def read_strings(root=REPO_ROOT, language="resource.language.en_gb"):
    """{string id: text} from strings.po; an empty msgstr falls back to msgid, as Kodi does."""
    path = os.path.join(root, "resources", "language", language, "strings.po")
    strings = {}
    entry = {}
    last_key = None
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            match = _PO_LINE.match(line)
            if match:
                last_key = match.group(1)
                if last_key == "msgctxt":
                    _store_entry(strings, entry)
                    entry = {}
                entry[last_key] = _unescape(match.group(2))
                continue
            more = _PO_CONTINUATION.match(line)
            if more and last_key:
                entry[last_key] = entry.get(last_key, "") + _unescape(more.group(1))
    _store_entry(strings, entry)
    return strings


def _store_entry(strings, entry):
    context = entry.get("msgctxt", "")
    if context.startswith("#") and context[1:].isdigit():
        strings[int(context[1:])] = entry.get("msgstr") or entry.get("msgid", "")


def _unescape(text):
    return text.replace('\\"', '"').replace("\\n", "\n").replace("\\\\", "\\")
