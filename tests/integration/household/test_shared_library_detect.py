"""kodi/shared_library.py against the fake Kodi: which advancedsettings.xml it reads, and what it logs."""
import os

from simklsync.kodi import log, shared_library

MYSQL = ("<advancedsettings><videodatabase><type>mysql</type><host>db.lan</host><user>kodi</user>"
         "<pass>{password}</pass><name>{name}</name></videodatabase></advancedsettings>")


def _write(kodi, special, name, password="pw-never-logged"):
    path = kodi.paths.translate(special)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(MYSQL.format(name=name, password=password))


def test_no_advancedsettings_is_the_local_library(fake_kodi):
    assert shared_library.detect().shared is False


def test_master_profile_file_is_read_when_the_profile_has_none(fake_kodi):
    fake_kodi.paths.profile_folder = "userdata/profiles/kids"
    _write(fake_kodi, "special://masterprofile/advancedsettings.xml", "Master")
    detection = shared_library.detect()
    assert detection.usable and detection.database == "Master121"  # the fake Kodi is 20.1


def test_the_profile_file_wins_over_the_master_one(fake_kodi):
    fake_kodi.paths.profile_folder = "userdata/profiles/kids"
    _write(fake_kodi, "special://masterprofile/advancedsettings.xml", "Master")
    _write(fake_kodi, "special://profile/advancedsettings.xml", "Kids")
    assert shared_library.detect().database == "Kids121"


def test_kodi_21_uses_schema_131(fake_kodi):
    fake_kodi.info_labels["System.BuildVersion"] = "21.1 (21.1.0) Git:x"
    _write(fake_kodi, "special://profile/advancedsettings.xml", "MyVideos")
    assert shared_library.detect().database == "MyVideos131"


def test_the_password_never_reaches_the_log(fake_kodi):
    log.setup(debug=True)
    _write(fake_kodi, "special://profile/advancedsettings.xml", "MyVideos", password="hunter2-secret")
    detection = shared_library.detect()
    assert detection.config.password == "hunter2-secret"
    logged = "\n".join(str(line) for line in fake_kodi.log_lines)
    assert "db.lan" in logged  # it did log the detection…
    assert "hunter2-secret" not in logged  # …without the password


def test_box_label_is_the_device_name_or_the_host_name(fake_kodi):
    fake_kodi.info_labels["System.FriendlyName"] = "Living room"
    assert shared_library.box_label() == "Living room"
    fake_kodi.info_labels["System.FriendlyName"] = "Kodi"
    assert shared_library.box_label()  # the host name
