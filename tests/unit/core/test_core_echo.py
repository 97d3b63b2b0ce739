import threading

from simklsync.core.echo import EchoFilter


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_our_write_is_recognised_once():
    echo = EchoFilter(clock=Clock())
    echo.expect("movie", 5, 1)
    assert echo.is_echo("movie", 5, 1)
    assert not echo.is_echo("movie", 5, 1)


def test_a_user_change_to_another_playcount_or_item_is_not_an_echo():
    echo = EchoFilter(clock=Clock())
    echo.expect("episode", 7, 1)
    assert not echo.is_echo("episode", 7, 0)
    assert not echo.is_echo("movie", 7, 1)
    assert not echo.is_echo("episode", 8, 1)
    assert echo.is_echo("episode", "7", 1)


def test_expectations_expire_after_the_ttl():
    clock = Clock()
    echo = EchoFilter(clock=clock, ttl=120)
    echo.expect("movie", 1, 1)
    clock.now += 121
    assert not echo.is_echo("movie", 1, 1)
    assert echo.pending() == 0


def test_a_notification_without_playcount_matches_a_resume_only_write():
    echo = EchoFilter(clock=Clock())
    echo.expect("movie", 3, 2)
    assert echo.is_echo("movie", 3, None)


def test_two_writes_to_one_item_expect_two_notifications():
    echo = EchoFilter(clock=Clock())
    echo.expect("movie", 3, 1)
    echo.expect("movie", 3, 0)
    assert echo.is_echo("movie", 3, 0)
    assert echo.is_echo("movie", 3, 1)
    assert not echo.is_echo("movie", 3, 1)


def test_concurrent_expect_and_consume_lose_nothing():
    echo = EchoFilter(clock=Clock())
    consumed = []

    def writer(start):
        for kodi_id in range(start, start + 500):
            echo.expect("episode", kodi_id, 1)

    def reader(start):
        for kodi_id in range(start, start + 500):
            while not echo.is_echo("episode", kodi_id, 1):
                pass
            consumed.append(kodi_id)

    threads = [threading.Thread(target=writer, args=(n * 500,)) for n in range(4)]
    threads += [threading.Thread(target=reader, args=(n * 500,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert sorted(consumed) == list(range(2000))
    assert echo.pending() == 0
