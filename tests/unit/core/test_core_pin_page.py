"""The PIN page address the login's QR code encodes (core/login/pin_page.py)."""
from simklsync.core.login.pin_page import pin_page

DEFAULT = "https://simkl.com/pin"


def test_the_code_goes_after_the_verification_address_with_or_without_its_slash():
    assert pin_page("https://simkl.com/pin", "5G6JAH", DEFAULT) == "https://simkl.com/pin/5G6JAH"
    assert pin_page("https://simkl.com/pin/", "ABCDE", DEFAULT) == "https://simkl.com/pin/ABCDE"


def test_an_address_that_already_names_the_code_is_kept():
    assert pin_page("https://simkl.com/pin/AB12C", "AB12C", DEFAULT) == "https://simkl.com/pin/AB12C"


def test_a_missing_or_odd_address_falls_back_to_simkls_pin_page():
    for url in (None, "", "simkl.com/pin", "javascript:alert(1)", "https://a b/pin", 42):
        assert pin_page(url, "5G6JAH", DEFAULT) == "https://simkl.com/pin/5G6JAH"


def test_a_code_that_is_not_a_plain_code_gives_nothing_to_encode():
    for code in (None, "", "AB CD", "../x", "A" * 33, 12345):
        assert pin_page(DEFAULT, code, DEFAULT) is None
