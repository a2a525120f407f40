"""The bundled catalogue in courses/: valid, sourced, and broad enough to exercise every feature."""

from __future__ import annotations

import pytest

from catalogue.codelists import regions
from catalogue.derive import course_regions
from catalogue.model import Catalogue, Kind, ProviderKind
from catalogue.pipeline import check, read_catalogue
from catalogue.stats import stats
from conftest import BUNDLED, TODAY


@pytest.fixture(scope="module")
def bundled() -> Catalogue:
    catalogue, _ = read_catalogue(BUNDLED, TODAY)
    return catalogue


def test_bundled_catalogue_has_no_errors_or_warnings() -> None:
    _, diagnostics = check(BUNDLED, TODAY)
    assert diagnostics == []


def test_every_kind_and_provider_kind_is_represented(bundled: Catalogue) -> None:
    figures = stats(bundled)
    assert figures["courses"] >= 80
    assert all(figures["courses_by_kind"][k.value] > 0 for k in Kind)
    assert figures["providers"] >= 20
    assert all(figures["providers_by_kind"][k.value] > 0 for k in ProviderKind)
    assert figures["professions"] >= 12
    assert figures["career_paths"] >= 8


def test_courses_are_found_in_every_region(bundled: Catalogue) -> None:
    found = {r for c in bundled.courses.values() for r in course_regions(c)}
    assert found == set(regions().values())


def test_every_bundled_offering_has_a_sourced_start_date(bundled: Catalogue) -> None:
    # Policy for the bundled data: a class whose dates no source states is left out, not guessed.
    undated = [c.id for c in bundled.courses.values() for o in c.offerings if o.start is None]
    assert undated == []


def test_required_career_paths_exist(bundled: Catalogue) -> None:
    def routes(start: str) -> set[str | None]:
        return {p.to or p.goal for p in bundled.paths.values() if p.from_ == start}

    assert "sygeplejerske" in routes("sosu-hjaelper")
    assert any(
        len(p.steps) >= 2
        for p in bundled.paths.values()
        if p.from_ == "sosu-hjaelper" and p.to == "sygeplejerske"
    )
    assert "specialsygeplejerske" in routes("sygeplejerske")
    resource = " ".join(str(r) for r in routes("sosu-assistent")).casefold()
    assert "velfærdsteknologi" in resource and "demens" in resource
    assert any("koordin" in str(r).casefold() for r in routes("fysioterapeut"))


def test_professions_carry_real_disco_codes(bundled: Catalogue) -> None:
    assert bundled.professions["sosu-assistent"].disco == "532120"
    assert bundled.professions["sosu-hjaelper"].disco == "532110"
    assert bundled.professions["sygeplejerske"].disco.startswith("2221")
