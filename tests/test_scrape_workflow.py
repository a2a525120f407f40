"""The nightly scrape workflow runs `evu scrape` as the README documents it."""

from __future__ import annotations

import re
from typing import Any

import yaml

from conftest import REPO
from evu.cli import parser
from scrapers.adapters import ADAPTERS

WORKFLOW = REPO / ".github" / "workflows" / "scrape.yml"


def workflow() -> dict[Any, Any]:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def steps() -> list[dict[str, Any]]:
    return workflow()["jobs"]["scrape"]["steps"]


def test_workflow_runs_nightly_and_on_demand() -> None:
    triggers = workflow()[True]  # YAML 1.1 reads the key `on` as true
    assert re.fullmatch(r"\d+ \d+ \* \* \*", triggers["schedule"][0]["cron"])
    assert "workflow_dispatch" in triggers


def test_workflow_scrapes_every_source_that_has_default_pages() -> None:
    script = next(s["run"] for s in steps() if s.get("id") == "scrape")
    sources = re.search(r"for source in ([a-z0-9 ]+); do", script)
    assert sources is not None
    assert set(sources.group(1).split()) == set(ADAPTERS) - {"jsonld"}  # jsonld needs --url
    command = re.search(r"evu scrape (.+?) \|\|", script)
    assert command is not None
    args = command.group(1).replace('"$source"', "amu").replace('"', "").split()
    parsed = parser().parse_args(["scrape", *args])  # the options exist as written
    assert parsed.report is not None
    step = next(s for s in steps() if s.get("id") == "scrape")
    assert "github.repository" in step["env"]["EVU_SCRAPER_CONTACT"]  # the User-Agent's contact


def test_workflow_opens_a_pull_request_with_the_report_as_its_body() -> None:
    script = next(s["run"] for s in steps() if s.get("id") == "scrape")
    pr = next(
        s for s in steps() if str(s.get("uses", "")).startswith("peter-evans/create-pull-request@")
    )
    assert pr["with"]["body-path"] == "scrape-report.md"
    assert "> scrape-report.md" in script
    assert pr["with"]["add-paths"] == "courses/"  # the reports themselves are not committed


def test_readme_documents_the_command_the_workflow_runs() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Scrapers", 1)[1].split("\n## ", 1)[0]
    assert "evu scrape SOURCE" in section
    for option in ("--url", "--dry-run", "--limit", "--report"):
        assert option in section
    assert ".github/workflows/scrape.yml" in section
