"""A widget listing starts a fresh Python interpreter in Kodi each time, so every module the plugin imports is paid
on every listing: the plugin's routes load neither the item actions (only a title's dialog needs them), nor the
modules that build the widget files (the sync's), nor the list-tag rules. Measured in a real Kodi 20 (CPU time of
plugin.py's imports): 59 ms with them, 49 ms without the actions and tag rules, about 44 ms without the builders
too. The XML parser settings.py now imports lazily is not checked here: the fake Kodi reads XML itself."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOT_FOR_A_LISTING = ("simklsync.core.item_actions", "simklsync.core.ratings", "simklsync.core.list_tags",
                     "simklsync.kodi.gui", "simklsync.core.widgets.widget_file", "simklsync.core.widgets.up_next",
                     "simklsync.core.state.mirror", "simklsync.core.match")


def test_the_plugins_routes_import_nothing_a_listing_does_not_use():
    code = ("import sys; import resources.lib.simklsync.plugin.routes; "
            "print('\\n'.join(sorted(sys.modules)))")
    loaded = subprocess.run([sys.executable, "-c", code], cwd=str(ROOT), check=True, stdout=subprocess.PIPE,
                            text=True, env={"PYTHONPATH": str(ROOT / "tests" / "fakes")}).stdout.split()
    assert "resources.lib.simklsync.plugin.routes" in loaded
    assert [name for name in loaded if any(part in name for part in NOT_FOR_A_LISTING)] == []
