"""`evu new`: writes valid entries with their schema line, from options or answers on a
terminal; refuses to overwrite; bad arguments change nothing."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from catalogue.pipeline import read_catalogue
from conftest import REPO, TODAY, evu
from evu.cli import NEW_KINDS
from maintain.new import BUILD, QUESTIONS

TODAY_ARG = ("--today", TODAY.isoformat())


def _new(kind: str, small: Path, *options: str) -> subprocess.CompletedProcess[str]:
    return evu("new", kind, "--catalogue", str(small), *TODAY_ARG, *options)


def _snapshot(root: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _valid(small: Path) -> None:
    result = evu("validate", str(small), *TODAY_ARG)
    assert result.returncode == 0, result.stdout


def test_the_cli_offers_every_kind_evu_new_knows() -> None:
    assert tuple(QUESTIONS) == tuple(BUILD) == NEW_KINDS


def test_new_course_from_options(small: Path) -> None:
    result = _new(
        "course",
        small,
        "--title",
        "Demens i praksis",
        "--kind",
        "kursus",
        "--scope",
        "whole",
        "--professions",
        "sosu-assistent, sygeplejerske",
        "--topics",
        "demens",
        "--providers",
        "kp",
        "--source",
        "https://www.kp.dk/demens",
        "--retrieved",
        "2026-11-20",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    path = small / "demens-i-praksis.yaml"
    assert result.stdout.endswith("demens-i-praksis.yaml\n")
    assert path.read_text(encoding="utf-8") == textwrap.dedent("""\
        # yaml-language-server: $schema=../catalogue/schemas/course.schema.json
        id: demens-i-praksis
        title: Demens i praksis
        kind: kursus
        scope: whole
        professions: [sosu-assistent, sygeplejerske]
        topics: [demens]
        providers: [kp]
        sources:
          - url: https://www.kp.dk/demens
            retrieved: 2026-11-20
        last_verified: 2026-11-22
        """)
    _valid(small)
    assert evu("fmt", "--check", str(path)).returncode == 0


def test_new_offering_is_appended_to_its_course(small: Path) -> None:
    path = small / "kraeft.yaml"
    path.write_text("# kept comment\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    before, _ = read_catalogue(small, TODAY)
    result = _new(
        "offering",
        small,
        "--course",
        "kraeft",
        "--provider",
        "kp",
        "--postnummer",
        "8000",
        "--place",
        "Aarhus C",
        "--start",
        "2027-09-01",
        "--end",
        "2028-12-20",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    text = path.read_text(encoding="utf-8")
    assert text.startswith(
        "# yaml-language-server: $schema=../catalogue/schemas/course.schema.json\n# kept comment\n"
    )
    assert text.endswith(
        '  - provider: kp\n    place: Aarhus C\n    postnummer: "8000"\n'
        "    start: 2027-09-01\n    end: 2028-12-20\n"
    )
    after, _ = read_catalogue(small, TODAY)
    old, new = before.courses["kraeft"], after.courses["kraeft"]
    assert new.offerings[:-1] == old.offerings and len(new.offerings) == 2
    assert new.offerings[-1].postnummer == "8000"
    _valid(small)


def test_new_online_offering_needs_no_postnummer(small: Path) -> None:
    result = _new(
        "offering", small, "--course", "demens-amu", "--provider", "sosu-oj",
        "--mode", "online", "--start", "2027-01-10",
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    _valid(small)


def test_new_provider_and_profession_are_added_to_their_lists(small: Path) -> None:
    provider = _new(
        "provider", small, "--name", "VIA University College", "--kind", "professionshoejskole",
        "--url", "https://www.via.dk/", "--postnummer", "8200", "--source", "https://www.via.dk/",
    )  # fmt: skip
    assert provider.returncode == 0, provider.stdout + provider.stderr
    assert "added provider 'via-university-college'" in provider.stdout
    profession = _new(
        "profession", small, "--name", "Portør", "--plural", "Portører", "--name-en", "Porter",
        "--disco", "532130",
        "--abbreviations", "", "--source", "https://www.dst.dk/",
    )  # fmt: skip
    assert profession.returncode == 0, profession.stdout + profession.stderr
    catalogue, _ = read_catalogue(small, TODAY)
    assert list(catalogue.providers)[-1] == "via-university-college"
    assert catalogue.providers["via-university-college"].postnummer == "8200"
    assert catalogue.professions["portoer"].name_en == "Porter"
    assert catalogue.professions["portoer"].plural == "Portører"
    assert (
        (small / "lists" / "providers.yaml")
        .read_text(encoding="utf-8")
        .startswith(
            "# yaml-language-server: $schema=../../catalogue/schemas/providers.schema.json\n"
        )
    )
    _valid(small)


def test_new_path_from_options(small: Path) -> None:
    result = _new(
        "path", small, "--title", "Fra sygeplejerske til specialsygeplejerske",
        "--id", "sygeplejerske-til-special", "--from", "sygeplejerske",
        "--to", "specialsygeplejerske", "--goal", "Specialsygeplejerske",
        "--step", "demens-amu:Demens", "--step", "kraeft:Specialuddannelse",
        "--source", "https://www.ug.dk/",
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    catalogue, _ = read_catalogue(small, TODAY)
    path = catalogue.paths["sygeplejerske-til-special"]
    assert [s.courses for s in path.steps] == [("demens-amu",), ("kraeft",)]
    first = (small / "paths" / "sygeplejerske-til-special.yaml").read_text().splitlines()[0]
    assert (
        first == "# yaml-language-server: $schema=../../catalogue/schemas/career-path.schema.json"
    )


@pytest.mark.parametrize(
    ("kind", "options", "message"),
    [
        ("course", ("--title", "X", "--kind", "kurser"), "--kind: 'kurser' is not one of amu,"),
        ("course", ("--title", "X", "--kind", "kursus", "--scope", "whole", "--source",
                    "https://x.dk/", "--retrieved", "22-11-2026"),
         "--retrieved: not a date YYYY-MM-DD: '22-11-2026'"),
        ("course", ("--id", "Kræft", "--title", "X"), "--id: 'Kræft' is not an id"),
        ("course", ("--title", "X", "--colour", "red"), "unrecognized arguments: --colour red"),
        ("course", ("--title", "X"), "missing --kind, --scope, --source; give them as options"),
        ("path", ("--step", "kraeft"), "--step: 'kraeft' is not a step as"),
        ("offering", ("--course", "findes-ikke", "--provider", "kp", "--postnummer", "8000",
                      "--start", "2027-01-01"), "no course file"),
    ],
)  # fmt: skip
def test_bad_arguments_write_nothing(
    small: Path, kind: str, options: tuple[str, ...], message: str
) -> None:
    before = _snapshot(small)
    result = _new(kind, small, *options)
    assert result.returncode == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert _snapshot(small) == before


def test_a_new_entry_that_would_not_validate_is_not_written(small: Path) -> None:
    before = _snapshot(small)
    result = _new(
        "course", small, "--title", "Y", "--kind", "amu", "--scope", "whole",
        "--providers", "kpp", "--professions", "sygeplejerske", "--source", "https://x.dk/",
    )  # fmt: skip
    assert result.returncode == 1
    assert "the new course would not validate; nothing was written" in result.stderr
    assert "unknown-reference: no provider with id 'kpp' (did you mean 'kp'?)" in result.stdout
    assert _snapshot(small) == before


def test_existing_entries_are_never_overwritten(small: Path) -> None:
    before = _snapshot(small)
    course = _new(
        "course", small, "--id", "kraeft", "--title", "Kræft", "--kind", "kursus",
        "--scope", "whole", "--audience-broad", "true", "--source", "https://x.dk/",
    )  # fmt: skip
    assert course.returncode == 1
    assert "kraeft.yaml already exists; edit it instead" in course.stderr
    provider = _new(
        "provider", small, "--id", "kp", "--name", "KP", "--kind", "professionshoejskole",
        "--source", "https://www.kp.dk/",
    )  # fmt: skip
    assert provider.returncode == 1
    assert "a provider with id 'kp' already exists" in provider.stderr
    assert _snapshot(small) == before


def test_questions_are_asked_on_a_terminal(small: Path) -> None:
    answers = [
        "Palliation for SOSU",  # title
        "",  # id: the default made from the title
        "kurser",  # kind: wrong, asked again
        "kursus",
        "whole",  # scope
        "",  # part_of (optional)
        "",  # providers
        "sosu-assistent",  # professions
        "",  # audience_broad
        "",  # topics
        "https://www.sosuoj.dk/palliation",  # source
        "",  # retrieved: today
        "",  # last_verified: today
    ]
    output = _run_on_terminal(
        ["new", "course", "--catalogue", str(small), *TODAY_ARG], "\n".join(answers) + "\n"
    )
    assert "Kind (amu/kursus/akademi/diplom/master/specialuddannelse/other): " in output
    assert "is not one of" in output
    assert "Id (the file name) [palliation-for-sosu]: " in output
    catalogue, _ = read_catalogue(small, TODAY)
    course = catalogue.courses["palliation-for-sosu"]
    assert (course.title, course.kind.value, course.professions) == (
        "Palliation for SOSU",
        "kursus",
        ("sosu-assistent",),
    )
    assert course.last_verified == course.sources[0].retrieved == TODAY


def test_a_terminal_asks_nothing_when_every_required_option_is_given(small: Path) -> None:
    output = _run_on_terminal(
        ["new", "provider", "--catalogue", str(small), *TODAY_ARG, "--name", "VIA",
         "--kind", "professionshoejskole", "--source", "https://www.via.dk/"],
        "",
    )  # fmt: skip
    assert output.startswith("added provider 'via' to ")  # no question before it


def _run_on_terminal(args: list[str], typed: str) -> str:
    """Run `evu` with a pseudo-terminal as stdin and stdout; type `typed`; return the output."""
    main, secondary = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "evu.cli", *args],
        cwd=REPO,
        stdin=secondary,
        stdout=secondary,
        stderr=secondary,
        close_fds=True,
    )
    os.close(secondary)
    os.write(main, typed.encode("utf-8"))
    output = b""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ready, _, _ = select.select([main], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(main, 4096)
            except OSError:  # the process closed the terminal
                break
            if not chunk:
                break
            output += chunk
        elif process.poll() is not None:
            break
    process.wait(timeout=10)
    os.close(main)
    text = output.decode("utf-8", errors="replace")
    assert process.returncode == 0, text
    return text
