"""The fakes define only what Kodi's API (Kodistubs 21) has, with the same parameter names and defaults."""
import importlib.util
import inspect
import os
import types
from importlib.metadata import distribution

import pytest
import xbmc
import xbmcaddon
import xbmcgui
import xbmcplugin
import xbmcvfs

FAKES = [xbmc, xbmcaddon, xbmcgui, xbmcplugin, xbmcvfs]


def _load_stub(module_name):
    """Kodistubs' file loaded under another name, so it cannot shadow the fake of the same name."""
    path = str(distribution("Kodistubs").locate_file(module_name + ".py"))
    spec = importlib.util.spec_from_file_location("kodistubs_" + module_name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _public_names(fake):
    for name, value in vars(fake).items():
        if name.startswith("_") or isinstance(value, types.ModuleType):
            continue
        if inspect.isclass(value) or inspect.isfunction(value):
            if value.__module__ != fake.__name__:
                continue
        yield name, value


def _public_methods(fake_class):
    for name, value in vars(fake_class).items():
        if inspect.isfunction(value) and (not name.startswith("_") or name == "__init__"):
            yield name, value


def _parameters(function):
    params = list(inspect.signature(function).parameters.values())
    if params and params[0].name == "self":
        params = params[1:]
    return [(p.name, p.kind, p.default) for p in params]


def _signature_problems(where, fake_function, stub_function):
    fake_params, stub_params = _parameters(fake_function), _parameters(stub_function)
    if fake_params != stub_params:
        return [f"{where}: fake {fake_params} != Kodistubs {stub_params}"]
    return []


def _problems(fake, stub):
    problems = []
    for name, value in _public_names(fake):
        where = f"{fake.__name__}.{name}"
        if not hasattr(stub, name):
            problems.append(f"{where} is not in Kodistubs")
            continue
        stub_value = getattr(stub, name)
        if inspect.isclass(value):
            problems.extend(_class_problems(where, value, stub_value))
        elif inspect.isfunction(value):
            problems.extend(_signature_problems(where, value, stub_value))
        elif value != stub_value:
            problems.append(f"{where} = {value!r}, Kodistubs says {stub_value!r}")
    return problems


def _class_problems(where, fake_class, stub_class):
    if not inspect.isclass(stub_class):
        return [f"{where} is a class, Kodistubs has {stub_class!r}"]
    problems = []
    for name, method in _public_methods(fake_class):
        stub_method = vars(stub_class).get(name)
        if stub_method is None:
            problems.append(f"{where}.{name} is not in Kodistubs")
        else:
            problems.extend(_signature_problems(f"{where}.{name}", method, stub_method))
    return problems


def test_the_fakes_are_the_modules_tests_import():
    fakes_dir = os.path.join("tests", "fakes")
    assert all(fakes_dir in module.__file__ for module in FAKES)


@pytest.mark.parametrize("fake", FAKES, ids=[module.__name__ for module in FAKES])
def test_fake_module_matches_kodistubs(fake):
    stub = _load_stub(fake.__name__)
    assert _problems(fake, stub) == []


@pytest.mark.parametrize("fake", FAKES, ids=[module.__name__ for module in FAKES])
def test_fake_module_covers_the_api_the_addon_needs(fake):
    """A guard against the check passing vacuously: each fake defines a real share of Kodi's API."""
    checked = sum(len(list(_public_methods(value))) if inspect.isclass(value) else 1
                  for _, value in _public_names(fake))
    assert checked >= 10


def test_a_drifted_fake_is_reported():
    stub = _load_stub("xbmcgui")
    drifted = types.ModuleType("xbmcgui")

    class Dialog:
        def ok(self, heading, text):
            return True

        def shout(self):
            pass

    Dialog.__module__ = "xbmcgui"
    drifted.Dialog = Dialog
    drifted.NOTIFICATION_INFO = "information"
    problems = _problems(drifted, stub)
    assert any("Dialog.ok" in problem for problem in problems)
    assert any("Dialog.shout is not in Kodistubs" in problem for problem in problems)
    assert any("NOTIFICATION_INFO" in problem for problem in problems)
