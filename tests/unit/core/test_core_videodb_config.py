"""advancedsettings.xml → where Kodi's video library is, and the database name Kodi uses there."""
import pytest
from simklsync.core import videodb_config
from simklsync.core.videodb_config import first_existing, kodi_major, parse

MYSQL = """<advancedsettings>
  <videodatabase>
    <type>mysql</type>
    <host>192.168.1.10</host>
    <port>3307</port>
    <user>kodi</user>
    <pass>s3cret-pass</pass>
  </videodatabase>
  <musicdatabase><type>mysql</type><host>192.168.1.10</host></musicdatabase>
</advancedsettings>"""


def test_mysql_videodatabase_is_a_shared_library_named_by_schema_version():
    detection = parse(MYSQL, 20)
    assert detection.shared and detection.usable
    assert detection.database == "MyVideos121"
    config = detection.config
    assert (config.host, config.port, config.user, config.password) == ("192.168.1.10", 3307, "kodi", "s3cret-pass")
    assert parse(MYSQL, 21).database == "MyVideos131"


def test_the_password_is_in_no_repr():
    detection = parse(MYSQL, 21)
    assert "s3cret-pass" not in repr(detection)
    assert "s3cret-pass" not in str(detection.config)


def test_a_custom_name_gets_the_schema_version_too_and_port_defaults_to_3306():
    text = MYSQL.replace("<port>3307</port>", "").replace("<user>", "<name>Household</name><user>")
    detection = parse(text, 21)
    assert detection.database == "Household131"
    assert detection.config.port == 3306


@pytest.mark.parametrize("text", [
    None, "", "   ", "<advancedsettings/>", "<advancedsettings><videodatabase><type>sqlite3</type>"
    "</videodatabase></advancedsettings>", "<advancedsettings><videodatabase>", "not xml at all",
    MYSQL.replace("<videodatabase>", "<musicdb>").replace("</videodatabase>", "</musicdb>"),
])
def test_no_mysql_section_means_the_local_library(text):
    assert parse(text, 20).shared is False


def test_type_is_case_insensitive():
    assert parse(MYSQL.replace(">mysql<", "> MySQL <", 1), 20).usable


@pytest.mark.parametrize("edit, problem", [
    (("<host>192.168.1.10</host>", "<host> </host>"), "no_host"),
    (("<port>3307</port>", "<port>port</port>"), "bad_port"),
    (("<port>3307</port>", "<port>70000</port>"), "bad_port"),
])
def test_unusable_mysql_settings_are_shared_with_a_problem(edit, problem):
    detection = parse(MYSQL.replace(*edit), 20)
    assert detection.shared and not detection.usable
    assert detection.problem == problem


def test_an_unknown_kodi_version_cannot_name_its_database():
    detection = parse(MYSQL, 99)
    assert detection.shared and detection.database is None and detection.problem == "unknown_kodi_version"
    assert parse(MYSQL, None).problem == "unknown_kodi_version"


@pytest.mark.parametrize("label, major", [
    ("20.1 (20.1.0) Git:20230311-fakekodi", 20), ("21.2 (21.2.0) Git:2025", 21), ("", None), ("Kodi", None),
])
def test_kodi_major(label, major):
    assert kodi_major(label) == major


def test_profile_first_then_master_profile():
    present = {"special://masterprofile/advancedsettings.xml"}
    paths = ("special://profile/advancedsettings.xml", "special://masterprofile/advancedsettings.xml")
    assert first_existing(paths, present.__contains__) == paths[1]
    present.add(paths[0])
    assert first_existing(paths, present.__contains__) == paths[0]
    assert first_existing(paths, set().__contains__) is None


def test_schema_table_covers_kodi_20_and_21():
    assert videodb_config.VIDEO_SCHEMA[20] == 121 and videodb_config.VIDEO_SCHEMA[21] == 131
