"""The JSON-RPC types the fake Kodi enforces (tests/fakes/fakekodi/rpc_schema.py) are the types the
real Kodi declares, on every Kodi version the rig runs (JSONRPC.Introspect of the running Kodi)."""
import pytest
from fakekodi import rpc_schema

pytestmark = pytest.mark.e2e


class KodiSchema:
    def __init__(self, kodi):
        self.kodi = kodi
        self.types = {}

    def method_params(self, method):
        answer = self.kodi.rpc("JSONRPC.Introspect", {"getdescriptions": False, "filter": {
            "id": method, "type": "method", "getreferences": False}})
        return {param["name"]: param for param in answer["methods"][method]["params"]}

    def type_named(self, name):
        if name not in self.types:
            answer = self.kodi.rpc("JSONRPC.Introspect", {"getdescriptions": False, "filter": {
                "id": name, "type": "type", "getreferences": False}})
            self.types[name] = answer["types"][name]
        return self.types[name]

    def resolved(self, spec):
        """The spec with $ref and extends followed (Kodi's schema is JSON Schema draft 03 with named
        types; a field list such as Video.Fields.Movie only extends Item.Fields.Base)."""
        while "$ref" in spec or ("type" not in spec and spec.get("extends")):
            if "$ref" in spec:
                named, rest = spec["$ref"], {k: v for k, v in spec.items() if k != "$ref"}
            else:
                extends = spec["extends"]
                named = extends[0] if isinstance(extends, list) else extends
                rest = {k: v for k, v in spec.items() if k != "extends"}
            base = self.type_named(named) if isinstance(named, str) else named
            spec = dict(base, **rest)
        return spec

    def json_types(self, spec):
        spec = self.resolved(spec)
        kinds = spec.get("type", "any")
        found = set()
        for kind in kinds if isinstance(kinds, list) else [kinds]:
            found |= self.json_types(kind) if isinstance(kind, dict) else {kind}
        return found


@pytest.fixture(scope="module")
def schema(kodi):
    return KodiSchema(kodi)


@pytest.mark.parametrize("method", sorted(rpc_schema.SCHEMA))
def test_each_declared_parameter_has_the_json_types_kodi_declares(schema, method):
    kodi_params = schema.method_params(method)

    for name, kind in rpc_schema.SCHEMA[method].items():
        assert name in kodi_params, f"{method} has no parameter {name} in this Kodi"
        assert schema.json_types(kodi_params[name]) == rpc_schema.JSON_TYPES[kind], f"{method} {name}"


def test_library_ids_start_at_one(schema):
    assert schema.type_named("Library.Id")["minimum"] == 1


def test_a_resume_point_is_two_numbers_and_nothing_else(schema):
    resume = schema.type_named("Video.Resume")

    assert resume["additionalProperties"] is False
    assert {name: spec["type"] for name, spec in resume["properties"].items()} == {
        "position": "number", "total": "number"}
