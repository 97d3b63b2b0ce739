"""The test MariaDB server itself: reachable over loopback TCP by a user with a password, its clock real."""
import datetime

import pytest

pymysql = pytest.importorskip("pymysql")


def test_server_answers_over_loopback_with_a_password_user(mariadb_server):
    mariadb_server.create_user("fixture_user", "fixture-pw")
    connection = pymysql.connect(host=mariadb_server.host, port=mariadb_server.port, user="fixture_user",
                                 password="fixture-pw", autocommit=True, connect_timeout=5)
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT NOW(), VERSION()")
            now, version = cursor.fetchone()
    finally:
        connection.close()
    assert "MariaDB" in version
    assert abs((now - datetime.datetime.now()).total_seconds()) < 120


def test_a_wrong_password_is_refused(mariadb_server):
    mariadb_server.create_user("fixture_user2", "right")
    with pytest.raises(pymysql.err.OperationalError):
        pymysql.connect(host=mariadb_server.host, port=mariadb_server.port, user="fixture_user2",
                        password="wrong", connect_timeout=5)
