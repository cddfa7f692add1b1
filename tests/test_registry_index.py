"""The registry's index: what every name resolves to and the lines ``list``, ``--help`` and TAB
show, kept beside the bytecode so that a command imports only its own function's family. It must
say what the records say, be rebuilt when a source changes or the file is damaged, and never be
needed: where it cannot be written, every run builds it."""

import json
import marshal
import os
import subprocess
import sys

import pytest

import actplot
from actplot import functions
from actplot.functions import FAMILY_MODULES, NAME_COLUMNS


def test_each_card_says_what_its_record_says():
    for name in functions.names():
        record = functions.get(name)
        assert functions.card(name) == (record.family, record.summary, record.range_text, record.use, record.aliases)
    assert list(functions.families().values()) == [module.FAMILY for module in functions.FAMILIES]
    assert functions.names() == [r.name for module in functions.FAMILIES for r in module.RECORDS]


def test_every_name_resolves_as_the_records_name_it():
    # written from the records, not from the index: each alias, framework name and preset
    for record in functions.records():
        spelled = [*record.aliases, *(n for column in NAME_COLUMNS for n in record.names_in(column))]
        for name in [record.name, *spelled, *record.presets]:
            got = functions.get(name)
            assert got.name == record.name, name
            assert dict(got.fixed) == dict(record.presets.get(name, {})), name


def test_a_public_name_gives_the_function_and_other_names_give_nothing():
    assert functions.public_function("relu") is functions.get("relu").function
    assert functions.public_function("gelu_new") is not None
    assert functions.public_function("inputs") is None  # a submodule of actplot, not a function
    assert functions.public_function("Relu") is None  # actplot.<name> is spelt as the key
    with pytest.raises(AttributeError, match="no attribute 'inputs_x'"):
        actplot.inputs_x  # noqa: B018


@pytest.fixture
def own_index(tmp_path, monkeypatch):
    """The index kept at a path of the test's own, read afresh, and written (whatever the
    environment's PYTHONDONTWRITEBYTECODE)."""
    path = tmp_path / "registry.marshal"
    monkeypatch.setattr(functions, "_index_path", lambda: str(path))
    monkeypatch.setattr(functions, "_INDEX", None)
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    return path


def test_the_index_is_written_and_then_read(own_index):
    assert functions.names()[0] == "identity"
    written = marshal.loads(own_index.read_bytes())
    assert written["stamp"] == functions._stamp()
    # read, not built: a doctored summary with the right stamp is what the next process would show
    written["cards"]["relu"] = (written["cards"]["relu"][0], "doctored", *written["cards"]["relu"][2:])
    own_index.write_bytes(marshal.dumps(written))
    functions._INDEX = None
    assert functions.card("relu")[1] == "doctored"


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"not marshal at all",
        marshal.dumps([1, 2, 3]),
        marshal.dumps({"stamp": (0,), "cards": {}, "aliases": {}, "families": {}}),  # stale: built from other sources
    ],
    ids=["empty", "garbage", "a list", "stale"],
)
def test_a_damaged_or_stale_index_is_built_again(own_index, damage):
    own_index.write_bytes(damage)
    assert "relu" in functions.names() and functions.canonical("hardswish") == "hard_swish"
    assert marshal.loads(own_index.read_bytes())["stamp"] == functions._stamp()


def test_where_the_index_cannot_be_written_it_is_built_each_time(tmp_path, monkeypatch, own_index):
    blocked = tmp_path / "a file" / "registry.marshal"  # its folder is a file
    (tmp_path / "a file").write_text("")
    monkeypatch.setattr(functions, "_index_path", lambda: str(blocked))
    assert functions.canonical("LogSoftmax") == "log_softmax"
    assert sorted(os.listdir(tmp_path)) == ["a file"]


def test_nothing_is_written_where_bytecode_is_not(own_index, monkeypatch):
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    assert functions.canonical("SiLU") == "silu"
    assert not own_index.exists()


PROBE = """
import io, json, sys
sys.stdout = io.TextIOWrapper(io.BytesIO())
from actplot.cli import run
run({argv!r})
sys.__stdout__.write(json.dumps(sorted(sys.modules)))
"""


@pytest.mark.parametrize(
    ("argv", "families"),
    [(["relu", "1"], {"relu"}), (["identity", "1", "2"], {"linear"}), (["list"], set()), (["--help"], set())],
)
def test_a_command_imports_no_family_but_its_functions_own(argv, families):
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    code = [sys.executable, "-c", PROBE.format(argv=argv)]
    subprocess.run(code, capture_output=True, env=env, timeout=60, check=True)  # keeps the index if it must
    result = subprocess.run(code, capture_output=True, text=True, env=env, timeout=60, check=True)
    loaded = {name.rpartition(".")[2] for name in json.loads(result.stdout) if name.startswith("actplot.functions.")}
    assert loaded & set(FAMILY_MODULES) == families
