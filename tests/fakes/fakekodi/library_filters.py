"""Kodi's List.Filter rules ({field, operator, value} combined with and/or) evaluated on one item."""

_NUMERIC = {"playcount", "year", "season", "episode", "userrating", "runtime"}
_TEXT = {"title": "title", "filename": "filename", "path": "path", "tvshow": "showtitle",
         "lastplayed": "lastplayed", "dateadded": "dateadded"}
_BOOLEAN = {"inprogress": lambda item: (item.get("resume") or {}).get("position", 0) > 0}


def matches(rule, item):
    """True when item passes rule; ValueError on a rule Kodi would reject."""
    if not isinstance(rule, dict):
        raise ValueError("a filter must be an object")
    if "and" in rule:
        return all(matches(part, item) for part in _parts(rule["and"]))
    if "or" in rule:
        return any(matches(part, item) for part in _parts(rule["or"]))
    field, operator = rule.get("field"), rule.get("operator")
    if field in _BOOLEAN:
        return _boolean(operator, _BOOLEAN[field](item))
    values = _values(rule.get("value"))
    if field in _NUMERIC:
        return _compare(operator, _number(item.get(field, 0)), [_number(v) for v in values])
    if field in _TEXT:
        return _compare(operator, str(item.get(_TEXT[field], "")).lower(), [v.lower() for v in values])
    raise ValueError(f"unsupported filter field {field!r}")


def _parts(parts):
    if not isinstance(parts, list) or not parts:
        raise ValueError("and/or need a non-empty list of rules")
    return parts


def _values(value):
    values = value if isinstance(value, list) else [value]
    if not all(isinstance(v, str) for v in values):
        raise ValueError("filter values are strings, like Kodi's")
    return values


def _number(text):
    try:
        return float(text or 0)
    except ValueError:
        raise ValueError(f"not a number: {text!r}") from None


def _boolean(operator, actual):
    if operator not in ("true", "false"):
        raise ValueError(f"operator {operator!r} needs true/false")
    return actual == (operator == "true")


_OPERATORS = {
    "is": lambda actual, values: any(actual == v for v in values),
    "isnot": lambda actual, values: all(actual != v for v in values),
    "greaterthan": lambda actual, values: actual > values[0],
    "lessthan": lambda actual, values: actual < values[0],
    "between": lambda actual, values: values[0] <= actual <= values[-1],
    "contains": lambda actual, values: any(v in actual for v in values),
    "doesnotcontain": lambda actual, values: all(v not in actual for v in values),
    "startswith": lambda actual, values: any(actual.startswith(v) for v in values),
    "endswith": lambda actual, values: any(actual.endswith(v) for v in values),
}
_TEXT_ONLY = {"contains", "doesnotcontain", "startswith", "endswith"}


def _compare(operator, actual, values):
    if operator not in _OPERATORS:
        raise ValueError(f"unsupported operator {operator!r}")
    if operator in _TEXT_ONLY and not isinstance(actual, str):
        raise ValueError(f"operator {operator!r} works on text fields")
    return _OPERATORS[operator](actual, values)
