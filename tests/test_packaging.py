"""One distribution, two typed import packages, installable in a fresh virtualenv."""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import tomllib
import venv
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest

import ultracart_conversations
from codegen.generate import endpoint_modules, spec_operation_ids
from codegen.paths import ROOT
from ultracart_conversations import ConversationApi
from ultracart_conversations._version import __version__
from ultracart_conversations.testing import FakeUltraCart


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    return out


def test_wheel_holds_both_typed_packages_and_the_runtime_requirements(dist: Path) -> None:
    (wheel,) = dist.glob("*.whl")
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        (metadata,) = (n for n in names if n.endswith(".dist-info/METADATA"))
        meta = zf.read(metadata).decode()
    assert "ultracart_conversations/py.typed" in names
    assert "ultracart_conversations_api/py.typed" in names
    for endpoint in endpoint_modules(spec_operation_ids()).values():
        assert f"ultracart_conversations_api/api/conversation/{endpoint}.py" in names
    assert not [n for n in names if n.startswith(("tests/", "codegen/", "generated/"))]
    assert "Requires-Python: >=3.11" in meta
    assert "Requires-Dist: httpx<0.29,>=0.28.0" in meta
    assert "Requires-Dist: attrs>=22.2.0" in meta
    assert "Requires-Dist: python-dateutil>=2.9.0.post0" in meta
    assert "Requires-Dist: msgspec>=0.19.0" in meta


def wheel_metadata(dist: Path) -> tuple[set[str], dict[str, list[str]]]:
    (wheel,) = dist.glob("*.whl")
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        (metadata,) = (n for n in names if n.endswith(".dist-info/METADATA"))
        message = Parser().parsestr(zf.read(metadata).decode())
    fields: dict[str, list[str]] = {}
    for key, value in message.items():
        fields.setdefault(key, []).append(value)
    return names, fields


def test_the_wheel_carries_the_license_and_the_one_version(dist: Path) -> None:
    names, fields = wheel_metadata(dist)
    assert fields["License-Expression"] == ["MIT"]
    assert fields["License-File"] == ["LICENSE"]
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert fields["Version"] == [__version__]
    for minor in (11, 12, 13):
        assert f"Programming Language :: Python :: 3.{minor}" in fields["Classifier"]
    # The pytest plugin is a top-level module, so that loading it imports nothing else.
    assert "ultracart_conversations_pytest.py" in names


def test_twine_check_strict_passes_on_the_wheel_and_the_sdist(dist: Path) -> None:
    files = sorted(str(f) for f in dist.iterdir())
    assert len(files) == 2
    result = subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", *files],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_sdist_carries_the_spec_and_the_pipeline(dist: Path) -> None:
    (sdist,) = dist.glob("*.tar.gz")
    with tarfile.open(sdist) as tf:
        names = {name.split("/", 1)[1] for name in tf.getnames() if "/" in name}
    needed_files = ("openapi.yaml", "pyproject.toml", "Makefile", "codegen/config.yaml")
    for needed in (*needed_files, "LICENSE", "CHANGELOG.md"):
        assert needed in names
    assert "generated/ultracart_conversations_api/py.typed" in names
    assert "overrides/ultracart_conversations/py.typed" in names
    assert not [n for n in names if n.startswith(".venv/") or "__pycache__" in n]


def test_sdist_installs_into_a_fresh_virtualenv(dist: Path, tmp_path: Path) -> None:
    (sdist,) = dist.glob("*.tar.gz")
    env = tmp_path / "venv"
    venv.create(env, with_pip=True)
    python = env / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(sdist)],
        check=True,
        capture_output=True,
    )
    probe = (
        "import importlib.resources as r\n"
        "import ultracart_conversations as p, ultracart_conversations_api as g\n"
        "print(r.files(p).joinpath('py.typed').is_file(),"
        " r.files(g).joinpath('py.typed').is_file(),"
        " p.ConversationStartRequest is g.models.ConversationStartRequest)"
    )
    out = subprocess.run([str(python), "-c", probe], check=True, capture_output=True, text=True)
    assert out.stdout.split() == ["True", "True", "True"]


def test_the_version_is_written_once(ultracart_fake: FakeUltraCart) -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in pyproject["project"]
    assert pyproject["project"]["dynamic"] == ["version"]
    assert ultracart_conversations.__version__ == __version__
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    # Every release has its entry; between releases, main's dev version is "Unreleased".
    entry = "## [Unreleased]" if ".dev" in __version__ else f"## [{__version__}] - "
    assert entry in changelog
    shown = subprocess.run(
        [sys.executable, "-m", "ultracart_conversations", "--version"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert shown.stdout == f"ultracart-conversations {__version__}\n"
    with ConversationApi(
        simple_key=ultracart_fake.simple_key, base_url=ultracart_fake.base_url
    ) as api:
        api.get_conversations(limit=1)
    (request,) = ultracart_fake.requests
    assert request.headers["user-agent"] == f"ultracart-conversations/{__version__}"


# The README's examples are written to run in order, in one Python session.
RUN_THE_README = r"""
import re, sys
import ultracart_conversations
assert ultracart_conversations.__file__.startswith(sys.prefix), ultracart_conversations.__file__
readme = open(sys.argv[1], encoding="utf-8").read()
examples = re.findall(r"```python\n(.*?)```", readme, flags=re.DOTALL)
session = {"__name__": "__main__"}
for number, example in enumerate(examples, 1):
    exec(compile(example, f"README.md, python example {number}", "exec"), session)
print("ran", len(examples), "examples")
"""


def test_the_readme_examples_run_as_is_against_the_installed_wheel(
    dist: Path, tmp_path: Path
) -> None:
    (wheel,) = dist.glob("*.whl")
    env = tmp_path / "venv"
    venv.create(env, with_pip=True)
    python = env / "bin" / "python"
    # A bare venv: the wheel and what its metadata asks for (from the package index).
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(wheel)],
        check=True,
        capture_output=True,
    )
    script = tmp_path / "run_the_readme.py"
    script.write_text(RUN_THE_README, encoding="utf-8")
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("ULTRACART_", "PYTHON"))}
    result = subprocess.run(
        [str(python), str(script), str(ROOT / "README.md")],
        cwd=tmp_path,
        env=clean,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    ran = int(result.stdout.strip().splitlines()[-1].split()[1])
    assert ran == (ROOT / "README.md").read_text(encoding="utf-8").count("```python\n") >= 3
