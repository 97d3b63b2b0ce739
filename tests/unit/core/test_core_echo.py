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


def test_an_old_expectation_expiring_leaves_a_newer_one_for_the_same_item():
    clock = Clock()
    echo = EchoFilter(clock=clock, ttl=120)
    echo.expect("movie", 1, 1)
    clock.now += 100
    echo.expect("movie", 1, 0)  # the user's unmark undone by a later sync: a second write to the item
    clock.now += 30  # the first has expired, the second has 90 s left
    assert not echo.is_echo("movie", 1, 1)
    assert echo.is_echo("movie", 1, 0)
    assert echo.pending() == 0


def test_a_first_sync_backlog_expires_oldest_first_and_keeps_the_rest():
    clock = Clock()
    echo = EchoFilter(clock=clock, ttl=120)
    for kodi_id in range(3000):
        echo.expect("episode", kodi_id, 1)
        if kodi_id % 50 == 49:
            clock.now += 1  # a batch of 50 a second; their notifications have not come yet
    assert echo.pending() == 3000
    clock.now += 89  # 60 batches sent, the last a second ago: the first 30 are 120 s old or more now
    assert not echo.is_echo("episode", 0, 1)
    assert echo.pending() == 3000 - 30 * 50
    assert echo.is_echo("episode", 1500, 1) and echo.is_echo("episode", 2999, 1)
    assert echo.pending() == 3000 - 30 * 50 - 2


def test_a_playbacks_echo_is_answered_with_its_label_and_a_syncs_write_with_none():
    echo = EchoFilter(clock=Clock())
    echo.expect("movie", 2, 1, label="the playback's end")
    echo.expect("episode", 7, 1)
    assert echo.echo_of("movie", 2, 1) == "the playback's end"
    assert echo.echo_of("episode", 7, 1) == ""
    assert echo.echo_of("movie", 2, 1) is None  # consumed
