"""Checks that an answer has the shape the API documents; a wrong one raises errors.BadResponse naming it."""
from . import errors


def list_of_objects(value, what):
    """The list of objects (None reads as an empty list)."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise errors.BadResponse(f"{what}: expected a list, got {kind(value)}")
    for item in value:
        if not isinstance(item, dict):
            raise errors.BadResponse(f"{what}: expected objects in the list, found {kind(item)}")
    return value


def object_or_empty(value, what):
    """The object (None reads as an empty one)."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise errors.BadResponse(f"{what}: expected an object, got {kind(value)}")
    return value


def nonempty_str(value):
    return isinstance(value, str) and bool(value.strip())


def kind(value):
    """What a JSON value is, for an error text (never the value itself)."""
    if value is None:
        return "null"
    if isinstance(value, list):
        return "a list" if value else "an empty list"
    if isinstance(value, dict):
        return "an object" if value else "an empty object"
    return type(value).__name__
