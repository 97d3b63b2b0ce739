"""changelog.txt is the one source of the release notes: addon.xml's <news> is its newest section, and its
newest version is addon.xml's, a semantic version (tools/changelog.py, `make news`, `make release`)."""
from pathlib import Path

import pytest

from tools import changelog

REPO = Path(__file__).resolve().parents[3]
ADDON_XML = ('<?xml version="1.0"?>\n<addon id="script.simkl.sync" name="S" version="{version}">\n'
             '  <extension point="xbmc.addon.metadata"><news>{news}</news></extension>\n</addon>\n')
CHANGELOG = "v1.2.0\n- Ratings & lists\n\nv1.1.0\n- Anime\n"


def addon_xml(version="1.2.0", news="v1.2.0\n- Ratings &amp; lists"):
    return ADDON_XML.format(version=version, news=news)


def test_the_repository_s_news_is_the_newest_changelog_section_of_addon_xml_s_version():
    text = (REPO / "changelog.txt").read_text(encoding="utf-8")
    xml = (REPO / "addon.xml").read_text(encoding="utf-8")

    assert changelog.problems(text, xml) == []


def test_agreeing_files_have_no_problem():
    assert changelog.problems(CHANGELOG, addon_xml()) == []


def test_news_that_is_not_the_newest_section_is_reported_with_the_fix():
    found = changelog.problems(CHANGELOG, addon_xml(news="v1.2.0\n- something else"))

    assert found == ["addon.xml's <news> is not changelog.txt's newest section (run `make news`)"]


def test_a_version_the_changelog_does_not_open_with_is_reported():
    found = changelog.problems(CHANGELOG, addon_xml(version="1.3.0"))

    assert "changelog.txt's newest section is v1.2.0, addon.xml says 1.3.0" in found


@pytest.mark.parametrize("version", ["1.2", "1.2.0-beta", "01.2.0", "v1.2.0"])
def test_a_version_that_is_not_major_minor_patch_is_reported(version):
    found = changelog.problems(CHANGELOG, addon_xml(version=version))

    assert f"addon.xml's version {version!r} is not major.minor.patch" in found


def test_sections_out_of_order_are_reported():
    found = changelog.problems("v1.1.0\n- Anime\n\nv1.2.0\n- Ratings\n", addon_xml(version="1.1.0",
                                                                                  news="v1.1.0\n- Anime"))

    assert found == ["changelog.txt's sections are not newest first, each version once: 1.1.0, 1.2.0"]


def test_news_longer_than_the_official_repository_takes_is_reported():
    long_section = "v1.2.0\n" + "- x\n" * 400

    assert any("at most 1500" in problem for problem in changelog.problems(long_section, addon_xml()))


def test_writing_the_news_replaces_only_the_news_and_escapes_it():
    written = changelog.with_news(addon_xml(news="old"), "v1.2.0\n- Ratings & <lists>")

    assert written == addon_xml(news="v1.2.0\n- Ratings &amp; &lt;lists&gt;")
    assert changelog.news_of(written) == "v1.2.0\n- Ratings & <lists>"


def test_write_then_check_agree(tmp_path):
    (tmp_path / "changelog.txt").write_text(CHANGELOG, encoding="utf-8")
    (tmp_path / "addon.xml").write_text(addon_xml(news="stale"), encoding="utf-8")

    assert changelog.main(["--check"], repo_root=tmp_path) == 1
    assert changelog.main(["--write"], repo_root=tmp_path) == 0
    assert changelog.main(["--check"], repo_root=tmp_path) == 0
    assert changelog.news_of((tmp_path / "addon.xml").read_text(encoding="utf-8")) == "v1.2.0\n- Ratings & lists"
