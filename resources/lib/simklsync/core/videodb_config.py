"""Where Kodi keeps its video library, from advancedsettings.xml: a MySQL/MariaDB server shared by several
boxes (`<videodatabase><type>mysql</type>…`) or the box's own SQLite file (no such section).

Kodi names the database `<name>` (default MyVideos) followed by its video schema version, so boxes on
different Kodi major versions use different databases on the same server and are separate libraries.
"""
import re
import xml.etree.ElementTree as ElementTree

DEFAULT_BASE_NAME = "MyVideos"
DEFAULT_PORT = 3306
# Kodi major version -> video database schema version (Kodi's CVideoDatabase::GetSchemaVersion).
VIDEO_SCHEMA = {19: 119, 20: 121, 21: 131}


class VideoDbConfig:
    """The connection part of <videodatabase>. The password never appears in repr/str."""

    def __init__(self, host, port, user, password, base_name):
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.base_name = base_name

    def __repr__(self):
        return f"VideoDbConfig(host={self.host!r}, port={self.port}, user={self.user!r}, base_name={self.base_name!r})"

    __str__ = __repr__

    def server_label(self):
        return f"{self.host}:{self.port}"


class VideoDbDetection:
    """shared: the library is on a MySQL/MariaDB server. database: the name this Kodi uses there (None when it
    cannot be known). problem: why a shared library cannot be coordinated (None when it can)."""

    def __init__(self, shared, config=None, database=None, problem=None):
        self.shared = shared
        self.config = config
        self.database = database
        self.problem = problem

    @property
    def usable(self):
        return self.shared and self.problem is None

    def __repr__(self):
        return (f"VideoDbDetection(shared={self.shared}, config={self.config!r}, database={self.database!r}, "
                f"problem={self.problem!r})")


NOT_SHARED = VideoDbDetection(False)


def kodi_major(build_version):
    """19, 20, 21… from Kodi's System.BuildVersion label ('20.1 (20.1.0) Git:…'); None when unreadable."""
    match = re.match(r"\s*(\d+)\.", build_version or "")
    return int(match.group(1)) if match else None


def database_name(base_name, major):
    schema = VIDEO_SCHEMA.get(major)
    return f"{base_name}{schema}" if schema else None


def parse(xml_text, major):
    """The detection for the text of the advancedsettings.xml Kodi uses (None or '' when there is none)."""
    if not xml_text or not xml_text.strip():
        return NOT_SHARED
    try:
        root = ElementTree.fromstring(xml_text)
    except ElementTree.ParseError:
        # Kodi ignores a broken file as a whole, so the library is the local one.
        return NOT_SHARED
    section = root.find("videodatabase")
    if section is None or _text(section, "type").lower() != "mysql":
        return NOT_SHARED
    host = _text(section, "host")
    if not host:
        return VideoDbDetection(True, problem="no_host")
    port_text = _text(section, "port")
    if port_text and not (port_text.isdigit() and 0 < int(port_text) < 65536):
        return VideoDbDetection(True, problem="bad_port")
    config = VideoDbConfig(host, int(port_text) if port_text else DEFAULT_PORT, _text(section, "user"),
                           _text(section, "pass", strip=False), _text(section, "name") or DEFAULT_BASE_NAME)
    database = database_name(config.base_name, major)
    if database is None:
        return VideoDbDetection(True, config, problem="unknown_kodi_version")
    return VideoDbDetection(True, config, database)


def first_existing(paths, exists):
    """Kodi reads advancedsettings.xml from the current profile if it has one, else from the master profile."""
    for path in paths:
        if exists(path):
            return path
    return None


def _text(section, tag, strip=True):
    element = section.find(tag)
    text = element.text if element is not None and element.text is not None else ""
    return text.strip() if strip else text
