"""How household/mysql.py names a driver failure: rights, login, or an absent server (never with a password)."""
from simklsync.household.mysql import _db_error


class FakeMySQLError(Exception):
    """pymysql's errors carry (code, message) as args."""


def test_missing_rights_are_denied_not_a_refused_login():
    error = _db_error(FakeMySQLError(1142, "CREATE command denied to user 'kodi'@'10.0.0.2' for table 'x'"))
    assert error.denied and not error.login_refused
    assert "1142" in str(error)


def test_a_wrong_password_is_a_refused_login():
    error = _db_error(FakeMySQLError(1045, "Access denied for user 'kodi'@'10.0.0.2' (using password: YES)"))
    assert error.login_refused


def test_mysql8_auth_without_cryptography_is_a_refused_login():
    error = _db_error(RuntimeError("'cryptography' package is required for sha256_password or "
                                   "caching_sha2_password auth methods"))
    assert error.login_refused and not error.denied


def test_an_absent_server_is_neither():
    error = _db_error(ConnectionRefusedError(111, "Connection refused"))
    assert not error.denied and not error.login_refused and str(error) == "ConnectionRefusedError"
    error = _db_error(OSError("no route"))
    assert str(error) == "OSError"
