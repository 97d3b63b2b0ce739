"""The Simkl app id ("client id") this build talks to Simkl with.

The repository holds none: `make zip` (tools/build_zip.py) writes the maintainer's SIMKL_CLIENT_ID into
`_build_app.py` inside the zip only. A user's own id in Advanced settings wins over it. Run from the source
tree (tests, development) the SIMKL_CLIENT_ID environment variable stands in for the build's id. Without any,
the client refuses to call Simkl and the add-on says how to enter one (errors.NoClientId)."""
import importlib
import os

from .constants import BUILD_APP_MODULE, CLIENT_ID_ENV


def built_in():
    """The id `make zip` wrote into this build, "" when it was built without one."""
    try:
        module = importlib.import_module(f"{__package__}.{BUILD_APP_MODULE}")
    except ImportError:
        return ""
    return _clean(getattr(module, "CLIENT_ID", ""))


def client_id(override=""):
    return _clean(override) or built_in() or _clean(os.environ.get(CLIENT_ID_ENV, ""))


def _clean(value):
    return value.strip() if isinstance(value, str) else ""
