"""The household tests' MariaDB connections skip the system's CA bundle (the test server speaks no TLS)."""
import os

import pytest


@pytest.fixture(autouse=True)
def _no_ca_bundle_per_connection(monkeypatch):
    """PyMySQL 2 opens every connection TLS-preferred and loads the system's CA bundle for it: ~75 ms of CPU
    on a loaded box, and the household opens a connection per operation. The test server offers no TLS, so
    an empty bundle changes nothing but the cost."""
    monkeypatch.setenv("SSL_CERT_FILE", os.devnull)
    monkeypatch.setenv("SSL_CERT_DIR", os.devnull)
