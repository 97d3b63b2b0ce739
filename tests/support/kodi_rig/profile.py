"""The files a fresh Kodi profile needs before the first start: services on our ports, library sources,
and the add-on's preset settings."""
from pathlib import Path
from xml.sax.saxutils import escape

# Settings that make a headless, offline Kodi quiet and reachable.
GUI_SETTINGS = {
    "services.webserver": "true",
    "services.webserverauthentication": "false",
    "services.esenabled": "true",  # also starts the TCP JSON-RPC server that pushes notifications
    "services.esallinterfaces": "false",
    "services.zeroconf": "false",
    "services.upnp": "false",
    "services.airplay": "false",
    "general.addonupdates": "2",  # never
    "general.addonnotifications": "false",
    "lookandfeel.enablerssfeeds": "false",
    "videolibrary.backgroundupdate": "false",
}

VIDEO_ADVANCED = {
    "ignoresecondsatstart": "0",  # short test videos count as played from the first second
}


def settings_xml(values):
    """Kodi's user settings format (version 2), used by guisettings.xml and add-on settings.xml."""
    lines = ['<settings version="2">']
    for key, value in values.items():
        lines.append(f'    <setting id="{escape(key)}">{escape(str(value))}</setting>')
    lines.append("</settings>")
    return "\n".join(lines) + "\n"


def write_gui_settings(userdata, web_port, event_port, extra=None):
    values = dict(GUI_SETTINGS)
    values.update(extra or {})
    values["services.webserverport"] = str(web_port)
    values["services.esport"] = str(event_port)
    _write(Path(userdata) / "guisettings.xml", settings_xml(values))


def write_advanced_settings(userdata, tcp_port, video=None, debug_log=False, video_database=None):
    """`video_database`: {type, host, port, user, pass, name} for a library on a MySQL/MariaDB server."""
    video_values = dict(VIDEO_ADVANCED)
    video_values.update(video or {})
    video_tags = "".join(f"<{key}>{escape(str(value))}</{key}>" for key, value in video_values.items())
    log_level = "  <loglevel>1</loglevel>\n" if debug_log else ""  # 1: debug lines too
    database = ""
    if video_database:
        tags = "".join(f"<{key}>{escape(str(value))}</{key}>" for key, value in video_database.items())
        database = f"  <videodatabase>{tags}</videodatabase>\n"
    text = ("<advancedsettings version=\"1.0\">\n" + log_level + database +
            f"  <jsonrpc><tcpport>{tcp_port}</tcpport><compactoutput>true</compactoutput></jsonrpc>\n"
            f"  <video>{video_tags}</video>\n"
            "</advancedsettings>\n")
    _write(Path(userdata) / "advancedsettings.xml", text)


def write_sources(userdata, folders):
    """List the library folders as video sources (what the user would add in the file manager)."""
    entries = []
    for name, folder in folders.items():
        path = escape(_with_slash(folder))
        entries.append(f"    <source><name>{escape(name)}</name><path pathversion=\"1\">{path}</path>"
                       "<allowsharing>true</allowsharing></source>")
    text = ("<sources>\n  <programs><default pathversion=\"1\"></default></programs>\n"
            "  <video>\n    <default pathversion=\"1\"></default>\n{}\n  </video>\n</sources>\n"
            ).format("\n".join(entries))
    _write(Path(userdata) / "sources.xml", text)


def write_addon_settings(userdata, addon_id, values):
    _write(Path(userdata) / "addon_data" / addon_id / "settings.xml", settings_xml(values))


def _with_slash(folder):
    text = str(folder)
    return text if text.endswith("/") else text + "/"


def _write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
