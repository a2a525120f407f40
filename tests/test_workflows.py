"""The CI workflows, the pre-commit hooks and the pull-request template: valid YAML, and every
command they run is one the README documents."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from test_readme import _readme_commands

from conftest import REPO, evu

WORKFLOWS = REPO / ".github" / "workflows"


def _load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), path
    return data


def _triggers(workflow: dict[str, Any]) -> dict[str, Any]:
    # YAML 1.1 (PyYAML) reads the key `on` as true; GitHub reads it as "on".
    return workflow.get("on", workflow.get(True))  # type: ignore[call-overload]


def _runs(workflow: dict[str, Any]) -> list[str]:
    return [
        step["run"] for job in workflow["jobs"].values() for step in job["steps"] if "run" in step
    ]


def _uses(workflow: dict[str, Any]) -> list[str]:
    return [
        step["uses"].split("@")[0]
        for job in workflow["jobs"].values()
        for step in job["steps"]
        if "uses" in step
    ]


def _documented_evu() -> dict[str, list[str]]:
    """`evu <command>` → the usage lines of the README's command table."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    found: dict[str, list[str]] = {}
    for usage in re.findall(r"^\| `(evu [^`]+)` \|", readme, flags=re.MULTILINE):
        found.setdefault(usage.split()[1], []).append(usage)
    return found


def _assert_documented(command: str) -> None:
    setup = _readme_commands()
    if command in setup:
        return
    for part in (p.strip() for p in command.split("&&")):
        if part.startswith("evu "):
            words = part.split()
            usages = _documented_evu().get(words[1])
            assert usages, f"'{part}': no 'evu {words[1]}' in the README's command table"
            for option in (w for w in words if w.startswith("--")):
                assert any(option in u for u in usages), f"'{part}': {option} not in the README"
        else:
            assert any(part in c for c in setup), f"'{part}' is not a README set-up command"


def test_every_workflow_is_valid_yaml_with_jobs() -> None:
    files = sorted(WORKFLOWS.glob("*.yml"))
    assert [f.name for f in files] == ["pages.yml", "pull-request.yml", "scrape.yml"]
    for path in files:
        workflow = _load(path)
        assert workflow["name"] and _triggers(workflow) and workflow["jobs"], path


def test_pull_requests_validate_check_format_test_and_build() -> None:
    workflow = _load(WORKFLOWS / "pull-request.yml")
    assert "pull_request" in _triggers(workflow)
    runs = _runs(workflow)
    assert "evu validate --format github" in runs
    assert any(r.startswith("evu fmt --check") for r in runs)
    assert _readme_commands()[1] in runs  # the tests, exactly as the README runs them
    assert any(r.startswith("evu build") for r in runs)
    order = [next(i for i, r in enumerate(runs) if key in r) for key in ("validate", "pytest")]
    assert order == sorted(order)  # fast feedback first


def test_main_builds_and_deploys_to_github_pages() -> None:
    workflow = _load(WORKFLOWS / "pages.yml")
    assert _triggers(workflow)["push"]["branches"] == ["main"]
    assert {"pages": "write", "id-token": "write"}.items() <= workflow["permissions"].items()
    assert {"actions/upload-pages-artifact", "actions/deploy-pages"} <= set(_uses(workflow))
    build = workflow["jobs"]["build"]["steps"]
    upload = next(s for s in build if s.get("uses", "").startswith("actions/upload-pages"))
    built = next(s["run"] for s in build if s.get("run", "").startswith("evu build"))
    assert f"--out {upload['with']['path']} " in built + " "
    assert workflow["jobs"]["deploy"]["needs"] == "build"


def test_every_command_run_by_ci_or_hooks_is_documented_in_the_readme() -> None:
    # The nightly scrape's shell loop is checked by tests/test_scrape_workflow.py.
    ci = ("pull-request.yml", "pages.yml")
    commands = [r for name in ci for r in _runs(_load(WORKFLOWS / name))]
    hooks = _load(REPO / ".pre-commit-config.yaml")["repos"][0]["hooks"]
    commands += [hook["entry"] for hook in hooks]
    assert len(commands) >= 8
    for command in commands:
        _assert_documented(command)


def test_pre_commit_runs_validate_and_the_format_check() -> None:
    config = _load(REPO / ".pre-commit-config.yaml")
    assert config["repos"][0]["repo"] == "local"
    entries = [hook["entry"] for hook in config["repos"][0]["hooks"]]
    assert entries[0] == "evu validate" and entries[1].startswith("evu fmt --check")
    assert all(h["language"] == "system" and h["pass_filenames"] is False
               for h in config["repos"][0]["hooks"])  # fmt: skip


def test_pull_request_template_has_a_checklist() -> None:
    template = (REPO / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    items = re.findall(r"^- \[ \] .+$", template, flags=re.MULTILINE)
    assert len(items) >= 5
    assert any("sources" in item for item in items)
    assert any("evu validate" in item and "evu fmt --check" in item for item in items)


def test_the_documented_commands_exist() -> None:
    usage = evu("--help").stdout
    known = set(re.search(r"\{([a-z,]+)\}", usage)[1].split(","))  # type: ignore[index]
    assert set(_documented_evu()) <= known
