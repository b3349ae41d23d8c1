"""Packaging: the wheel and sdist as an index would get them (built with hatchling into a temporary folder,
about a second), the version written once, compatible dependency ranges with the test pins apart, and the
README's links made absolute for an index when the project has a public address."""

from __future__ import annotations

import email
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

import pytest

from questionnaire import __version__

from conftest import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    pytest.importorskip("hatchling", reason="the `test` extra installs hatchling to build the package")
    out = tmp_path_factory.mktemp("dist")
    result = subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-d", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    (wheel,), (sdist,) = out.glob("*.whl"), out.glob("*.tar.gz")
    return {"wheel": wheel, "sdist": sdist}


def _metadata(dist: dict[str, Path]) -> email.message.Message:
    with zipfile.ZipFile(dist["wheel"]) as wheel:
        return email.message_from_bytes(wheel.read(f"openness-{__version__}.dist-info/METADATA"))


def test_the_wheel_holds_the_licence_the_package_and_its_data(dist: dict[str, Path]) -> None:
    assert dist["wheel"].name == f"openness-{__version__}-py3-none-any.whl"
    with zipfile.ZipFile(dist["wheel"]) as wheel:
        names = set(wheel.namelist())
    licence = f"openness-{__version__}.dist-info/licenses/LICENSE"
    assert licence in names
    with zipfile.ZipFile(dist["wheel"]) as wheel:
        assert wheel.read(licence) == (ROOT / "LICENSE").read_bytes()
    for name in (
        "questionnaire/cli.py",
        "questionnaire/data/ai_licenses.toml",
        "questionnaire/data/mot_license_names.json",
        "questionnaire/_questions/00-identity.toml",
        "questionnaire/examples/olmo-2-7b.toml",
        "questionnaire/app/__init__.py",
    ):
        assert name in names, name
    assert not any(name.startswith(("tests/", "scripts/")) for name in names)


def test_the_sdist_holds_the_licence_readme_bank_package_and_tests(dist: dict[str, Path]) -> None:
    prefix = f"openness-{__version__}/"
    with tarfile.open(dist["sdist"]) as sdist:
        names = {name.removeprefix(prefix) for name in sdist.getnames()}
    for name in (
        "LICENSE",
        "README.md",
        "pyproject.toml",
        "hatch_build.py",
        "PKG-INFO",
        "questions/00-identity.toml",
        "questionnaire/cli.py",
        "questionnaire/data/mot_license_names.json",
        "tests/conftest.py",
        "tests/test_packaging.py",
        "action.yml",
        ".pre-commit-hooks.yaml",
        "docs/workshop.md",
        "scripts/make_mot_license_names.py",
    ):
        assert name in names, name


def test_metadata_has_the_licence_classifiers_and_the_one_version(dist: dict[str, Path]) -> None:
    metadata = _metadata(dist)
    assert metadata["Version"] == __version__
    assert metadata["License-Expression"] == "MIT"
    assert "License :: OSI Approved :: MIT License" not in metadata.get_all("Classifier")  # the expression says it
    assert "Programming Language :: Python :: 3.11" in metadata.get_all("Classifier")
    assert "open weights" in metadata["Keywords"]
    assert "version" not in PYPROJECT["project"] and "version" in PYPROJECT["project"]["dynamic"]
    assert PYPROJECT["tool"]["hatch"]["version"]["path"] == "questionnaire/__init__.py"


def test_runtime_dependencies_are_ranges_and_the_test_extra_pins_the_snapshots(dist: dict[str, Path]) -> None:
    requires = _metadata(dist).get_all("Requires-Dist")
    runtime = [r for r in requires if "extra ==" not in r]
    test = [r.split(";")[0].strip() for r in requires if "extra == 'test'" in r]
    assert runtime and not any("==" in r for r in runtime)
    assert all("<" in r for r in runtime), runtime  # an upper bound at the next major version
    assert "textual<9,>=8.2" in runtime and "textual-serve<2,>=1.1" in runtime and "shtab<2,>=1.7" in runtime
    assert {"textual==8.2.8", "pytest-textual-snapshot==1.1.0"} <= set(test)
    assert any(r.startswith("jsonschema") for r in test)


def test_readme_commands_install_the_test_extra() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    test_command = readme.split("<!-- test-command -->", 1)[1].split("<!-- /test-command -->", 1)[0]
    assert "pip install '.[test]' && python -m pytest" in test_command
    app_command = readme.split("<!-- app-command -->", 1)[1].split("<!-- /app-command -->", 1)[0]
    assert "pip install . && openness" in app_command


# ------------------------------------------------------------------ README links for an index


def test_packaged_readme_is_the_readme_while_the_project_has_no_public_address(dist: dict[str, Path]) -> None:
    assert "urls" not in PYPROJECT["project"]
    with zipfile.ZipFile(dist["wheel"]) as wheel:
        raw = wheel.read(f"openness-{__version__}.dist-info/METADATA").decode("utf-8")
    body = raw.split("\n\n", 1)[1]  # the description follows the headers
    assert body.strip() == (ROOT / "README.md").read_text(encoding="utf-8").strip()


def test_relative_images_and_links_become_absolute_under_the_source_address() -> None:
    sys.path.insert(0, str(ROOT))
    try:
        from hatch_build import absolute_links
    finally:
        sys.path.remove(str(ROOT))
    readme = (
        "![The welcome screen](screenshots/welcome.svg)\n"
        "[docs/workshop.md](docs/workshop.md) and [the ruleset](#the-ruleset)\n"
        "[OSAID](https://opensource.org/ai/open-source-ai-definition) ![x](/abs.svg)\n"
    )
    source = "https://github.com/OWNER/openness/"  # a placeholder: the project has no public address yet
    assert absolute_links(readme, source) == (
        "![The welcome screen](https://github.com/OWNER/openness/raw/HEAD/screenshots/welcome.svg)\n"
        "[docs/workshop.md](https://github.com/OWNER/openness/blob/HEAD/docs/workshop.md) and "
        "[the ruleset](#the-ruleset)\n"
        "[OSAID](https://opensource.org/ai/open-source-ai-definition) ![x](/abs.svg)\n"
    )
    assert absolute_links(readme, "") == readme
    real = (ROOT / "README.md").read_text(encoding="utf-8")
    rewritten = absolute_links(real, source)
    assert "](screenshots/" not in rewritten and "](docs/" not in rewritten
