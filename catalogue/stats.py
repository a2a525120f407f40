"""Headline figures of a catalogue, for `evu stats` and the site."""

from __future__ import annotations

from collections import Counter
from typing import Any

from catalogue.codelists import regions
from catalogue.derive import audience, course_regions, offering_place
from catalogue.model import Catalogue, Kind, Offering, ProviderKind, Venue
from catalogue.quality import UNPUBLISHED, gaps, share

UNPLACED = "uden region (online)"


def stats(catalogue: Catalogue) -> dict[str, Any]:
    """Counts and shares; keys and orders are stable so the JSON can be diffed."""
    courses = list(catalogue.courses.values())
    offerings = [o for c in courses for o in c.offerings]
    venues = [v for c in courses for v in c.venues]

    def by_region(items: list[Offering] | list[Venue], online: bool) -> dict[str, int]:
        counts = Counter(p.region if (p := offering_place(i)) else UNPLACED for i in items)
        names = [*regions().values(), UNPLACED] if online else list(regions().values())
        return {name: counts[name] for name in names}

    n = len(courses)
    unpublished = gaps(courses)
    per_region = Counter(name for c in courses for name in course_regions(c))
    return {
        "courses": n,
        "courses_by_kind": {k.value: sum(c.kind is k for c in courses) for k in Kind},
        "courses_by_audience": dict(sorted(Counter(audience(c).value for c in courses).items())),
        "offerings": len(offerings),
        "offerings_by_region": by_region(offerings, online=True),
        "venues": len(venues),
        "venues_by_region": by_region(venues, online=False),
        "courses_by_region": {name: per_region[name] for name in regions().values()},
        "professions": len(catalogue.professions),
        "career_paths": len(catalogue.paths),
        "topics": len(catalogue.topics),
        "providers": len(catalogue.providers),
        "providers_by_kind": {
            k.value: sum(p.kind is k for p in catalogue.providers.values()) for k in ProviderKind
        },
        "share_unknown": {
            fact: round(share(unpublished.count(fact), n), 3) for fact in UNPUBLISHED
        },
    }


def stats_text(figures: dict[str, Any]) -> str:
    """The same figures as plain lines for a terminal."""
    lines: list[str] = []
    for key, value in figures.items():
        if isinstance(value, dict):
            lines.append(f"{key}:")
            lines.extend(f"  {name}: {count}" for name, count in value.items())
        else:
            lines.append(f"{key}: {value}")
    return "\n".join(lines)
