"""An API error answer: status plus the Simkl error envelope."""

from typing import Any, Dict, Optional


class ApiError(Exception):
    def __init__(self, status: int, error: str, message: str = "", body: Any = None,
                 headers: Optional[Dict[str, str]] = None) -> None:
        super().__init__(f"{status} {error}")
        self.status = status
        self.error = error
        self.message = message
        self.headers = headers or {}
        self.body = body if body is not None else self._envelope()

    def _envelope(self) -> Dict[str, Any]:
        envelope: Dict[str, Any] = {"error": self.error, "code": self.status}
        if self.message:
            envelope["message"] = self.message
        return envelope


def empty_field(message: str) -> ApiError:
    return ApiError(400, "empty_field", message)


def wrong_parameter(message: str) -> ApiError:
    return ApiError(400, "wrong_parameter", message)
