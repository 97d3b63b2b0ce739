"""The address a phone opens to enter the PIN: the verification page with the code in its path, as Simkl's
PIN page takes it (https://simkl.com/pin/<code>), so scanning the QR code leaves nothing to type."""
import re
from typing import Optional

_CODE = re.compile(r"^[A-Za-z0-9]{1,32}$")
_WEB = re.compile(r"^https?://[^\s/?#]+(/[^\s?#]*)?$")


def pin_page(url: str, code: str, default: str) -> Optional[str]:
    """`url` (the PIN answer's verification_url, else `default`) with `code` appended; None when the code
    is not a plain code (nothing safe to encode)."""
    if not isinstance(code, str) or not _CODE.match(code):
        return None
    base = url if isinstance(url, str) and _WEB.match(url.strip()) else default
    base = base.strip().rstrip("/")
    if base.rsplit("/", 1)[-1].lower() == code.lower():
        return base  # the answer's address already names the code
    return f"{base}/{code}"
