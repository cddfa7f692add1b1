"""The registry's index: what every name resolves to and the lines ``list``, ``--help`` and TAB
show, kept beside the bytecode so that a command imports only its own function's family. It must
say what the records say, be rebuilt when a source changes or the file is damaged, and never be
needed: where it cannot be written, every run builds it."""

import importlib.util
import json
import marshal
import os
import pathlib
import subprocess
import sys
import zipfile

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


def _without_bytecode_switch():
    return {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX")}


def test_a_package_imported_from_a_zip_archive_builds_the_index_each_run(tmp_path):
    # zipimport: the package is no folder to scan, and nothing can be kept beside its bytecode
    archive = tmp_path / "actplot.zip"
    package = os.path.dirname(actplot.__file__)
    with zipfile.ZipFile(archive, "w") as zipped:
        for folder, _, files in os.walk(package):
            for name in files:
                if name.endswith(".py"):
                    path = os.path.join(folder, name)
                    zipped.write(path, os.path.relpath(path, os.path.dirname(package)))
    env = {**_without_bytecode_switch(), "PYTHONPATH": str(archive)}
    code = "import sys, actplot; assert '.zip' in actplot.__file__; from actplot.cli import main; main(sys.argv[1:])"
    for argv, expected in ((["relu", "--", "-1", "2"], "0\n2\n"), (["LogSoftmax", "0", "0"], None), (["list"], None)):
        result = subprocess.run(
            [sys.executable, "-c", code, *argv], capture_output=True, text=True, env=env, timeout=60, cwd=tmp_path
        )
        assert (result.returncode, result.stderr) == (0, ""), argv
        if expected is not None:
            assert result.stdout == expected
    assert sorted(os.listdir(tmp_path)) == ["actplot.zip"]


def test_an_editors_lock_file_beside_the_sources_is_no_source(tmp_path, monkeypatch, own_index):
    # Emacs keeps '.#relu.py' while relu.py is edited, a link to nowhere: stat() of it fails
    for name in os.listdir(functions._folder()):
        if name.endswith(".py"):
            (tmp_path / name).write_bytes((pathlib.Path(functions._folder()) / name).read_bytes())
    monkeypatch.setattr(functions, "_folder", lambda: str(tmp_path))
    clean = functions._stamp()
    (tmp_path / ".#relu.py").symlink_to("someone@host.1234:1700000000")
    assert functions._stamp() == clean
    assert functions.canonical("hardswish") == "hard_swish"


def test_the_index_is_kept_where_python_keeps_the_bytecode_under_a_prefix(tmp_path):
    # PYTHONPYCACHEPREFIX, often set where the install is read-only: the bytecode goes there, so does the index
    env = {**_without_bytecode_switch(), "PYTHONPYCACHEPREFIX": str(tmp_path)}
    code = "import actplot.functions as f; assert f.get('gelu_new').name == 'gelu'"
    subprocess.run([sys.executable, "-c", code], env=env, timeout=60, check=True)
    bytecode = importlib.util.cache_from_source(functions.__file__)  # Python's own rule, here without the prefix
    mirrored = tmp_path / os.path.dirname(os.path.abspath(functions.__file__)).lstrip(os.sep)
    assert os.path.basename(os.path.dirname(bytecode)) == "__pycache__"
    assert (mirrored / os.path.basename(bytecode)).exists()  # Python wrote the bytecode there ...
    index = mirrored / f"registry.{sys.implementation.cache_tag}.marshal"
    assert marshal.loads(index.read_bytes())["stamp"] == functions._stamp()  # ... and the index beside it


def test_each_family_module_is_an_attribute_of_the_package_as_before_the_index():
    # 'import actplot.functions; actplot.functions.relu' was the module while the package imported
    # every family; with the index it was an AttributeError until something imported it
    code = (
        "import sys, actplot.functions as f; assert 'actplot.functions.gated' not in sys.modules; "
        "m = f.gated; print(m.__name__, m.RECORDS[0].family == m.FAMILY)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert result.stdout == "actplot.functions.gated True\n"
    assert all(
        getattr(functions, name) is module for name, module in zip(FAMILY_MODULES, functions.FAMILIES, strict=True)
    )


@pytest.mark.parametrize("module", FAMILY_MODULES)
def test_a_record_imported_from_its_module_knows_its_family(module):
    # 'from actplot.functions.relu import RECORDS' gave records whose family was '' until the
    # registry loaded the module
    code = (
        f"from actplot.functions.{module} import RECORDS, FAMILY; import actplot.functions as f; "
        "print(all(r.family == FAMILY for r in RECORDS), all(f.get(r.name).family == FAMILY for r in RECORDS))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert result.stdout == "True True\n"
