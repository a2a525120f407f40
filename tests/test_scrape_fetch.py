"""The scrapers' HTTP layer against a real HTTP server on 127.0.0.1 (pytest-httpserver)."""

from __future__ import annotations

import email.utils
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from scrapers.decode import decode
from scrapers.fetch import USER_AGENT, Fetcher, FetchError, Politeness

FAST = Politeness(delay=0.0, connect_timeout=2, read_timeout=2, retries=2, backoff=0.01)
TEXT = "Sygeplejerske på Ærø – kursus i sårpleje"


class Sleeps:
    """Records the waits the fetcher asks for instead of sleeping (the tests stay fast)."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


@pytest.fixture
def site(httpserver: HTTPServer) -> HTTPServer:
    """A server whose robots.txt allows everything but /privat/."""
    httpserver.expect_request("/robots.txt").respond_with_data(
        "User-agent: *\nDisallow: /privat/\n", content_type="text/plain"
    )
    return httpserver


def paths(server: HTTPServer) -> list[str]:
    return [request.path for request, _ in server.log]


def test_user_agent_names_the_project_and_a_contact_url(site: HTTPServer) -> None:
    site.expect_request("/side").respond_with_data("<p>ok</p>", content_type="text/html")
    Fetcher(FAST).get(site.url_for("/side"))
    agents = {request.headers["User-Agent"] for request, _ in site.log}
    assert agents == {USER_AGENT}
    assert "EVU-kataloget" in USER_AGENT and "https://" in USER_AGENT


def test_robots_txt_disallow_is_obeyed_without_requesting_the_page(site: HTTPServer) -> None:
    with pytest.raises(FetchError, match=r"disallowed by robots\.txt"):
        Fetcher(FAST).get(site.url_for("/privat/kursus"))
    assert paths(site) == ["/robots.txt"]


def test_robots_txt_is_read_once_per_host(site: HTTPServer) -> None:
    site.expect_request("/a").respond_with_data("a")
    site.expect_request("/b").respond_with_data("b")
    fetcher = Fetcher(FAST)
    fetcher.get(site.url_for("/a"))
    fetcher.get(site.url_for("/b"))
    assert paths(site) == ["/robots.txt", "/a", "/b"]


def test_missing_robots_txt_allows_everything(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/privat/side").respond_with_data("ok")
    assert Fetcher(FAST).get(httpserver.url_for("/privat/side")).text == "ok"


def test_unreachable_robots_txt_means_nothing_is_fetched(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data("", status=503)
    with pytest.raises(FetchError, match=r"robots\.txt could not be read \(HTTP 503 \(3 tries\)\)"):
        Fetcher(FAST, sleep=Sleeps()).get(httpserver.url_for("/side"))
    assert "/side" not in paths(httpserver)


def test_429_waits_as_long_as_retry_after_says(site: HTTPServer) -> None:
    site.expect_oneshot_request("/side").respond_with_data(
        "slow down", status=429, headers={"Retry-After": "7"}
    )
    site.expect_request("/side").respond_with_data("ok")
    sleeps = Sleeps()
    page = Fetcher(FAST, sleep=sleeps).get(site.url_for("/side"))
    assert page.text == "ok"
    assert sleeps.waits == [7.0]  # Retry-After, not the 0.01 s backoff
    assert paths(site) == ["/robots.txt", "/side", "/side"]


def test_retry_after_as_an_http_date(site: HTTPServer) -> None:
    when = email.utils.format_datetime(datetime.now(UTC) + timedelta(seconds=30), usegmt=True)
    site.expect_oneshot_request("/side").respond_with_data(
        "", status=503, headers={"Retry-After": when}
    )
    site.expect_request("/side").respond_with_data("ok")
    sleeps = Sleeps()
    assert Fetcher(FAST, sleep=sleeps).get(site.url_for("/side")).text == "ok"
    assert len(sleeps.waits) == 1 and 25 < sleeps.waits[0] <= 30


def test_retry_after_longer_than_the_longest_wait_gives_up(site: HTTPServer) -> None:
    site.expect_request("/side").respond_with_data("", status=429, headers={"Retry-After": "3600"})
    sleeps = Sleeps()
    with pytest.raises(FetchError, match=r"HTTP 429: asked to wait 3600 s \(more than 120 s\)"):
        Fetcher(Politeness(delay=0, retries=3), sleep=sleeps).get(site.url_for("/side"))
    assert sleeps.waits == [] and paths(site).count("/side") == 1


def test_500_then_success_backs_off_exponentially(site: HTTPServer) -> None:
    site.expect_oneshot_request("/side").respond_with_data("oops", status=500)
    site.expect_oneshot_request("/side").respond_with_data("oops", status=502)
    site.expect_request("/side").respond_with_data("ok")
    sleeps = Sleeps()
    page = Fetcher(Politeness(delay=0, retries=3, backoff=0.5), sleep=sleeps).get(
        site.url_for("/side")
    )
    assert page.text == "ok"
    assert sleeps.waits == [0.5, 1.0]


def test_persistent_500_fails_with_the_status_after_the_retries(site: HTTPServer) -> None:
    site.expect_request("/side").respond_with_data("oops", status=500)
    with pytest.raises(FetchError, match=r"HTTP 500 \(3 tries\)"):
        Fetcher(FAST, sleep=Sleeps()).get(site.url_for("/side"))
    assert paths(site).count("/side") == 3


def test_an_address_that_is_not_http_is_refused() -> None:
    with pytest.raises(FetchError, match="not an http"):
        Fetcher(FAST).get("kurser/demens.html")


def test_404_is_not_retried(site: HTTPServer) -> None:
    site.expect_request("/væk").respond_with_data("", status=404)
    with pytest.raises(FetchError, match="HTTP 404"):
        Fetcher(FAST).get(site.url_for("/væk"))
    assert len(paths(site)) == 2


def test_a_page_that_does_not_answer_times_out(site: HTTPServer) -> None:
    def slow(request: Request) -> Response:
        time.sleep(1.0)
        return Response("too late")

    site.expect_request("/langsom").respond_with_handler(slow)
    fetcher = Fetcher(Politeness(delay=0, read_timeout=0.2, retries=1, backoff=0.01))
    with pytest.raises(FetchError, match=r"timed out after 0.2 s \(2 tries\)"):
        fetcher.get(site.url_for("/langsom"))


def test_redirect_is_followed_and_its_target_checked_against_robots(site: HTTPServer) -> None:
    site.expect_request("/gammel").respond_with_data("", status=301, headers={"Location": "/ny"})
    site.expect_request("/ny").respond_with_data("ny side")
    site.expect_request("/til-privat").respond_with_data(
        "", status=302, headers={"Location": "/privat/x"}
    )
    fetcher = Fetcher(FAST)
    page = fetcher.get(site.url_for("/gammel"))
    assert (page.text, page.final_url) == ("ny side", site.url_for("/ny"))
    with pytest.raises(FetchError, match=r"disallowed by robots\.txt"):
        fetcher.get(site.url_for("/til-privat"))
    assert "/privat/x" not in paths(site)


def test_same_host_requests_are_spaced_by_the_delay(site: HTTPServer) -> None:
    site.expect_request("/a").respond_with_data("a")
    sleeps = Sleeps()
    fetcher = Fetcher(Politeness(delay=1.0), sleep=sleeps)
    fetcher.get(site.url_for("/a"))  # robots.txt, then /a: one wait between them
    fetcher.get(site.url_for("/a"))
    assert len(sleeps.waits) == 2
    assert all(0.5 < wait <= 1.0 for wait in sleeps.waits)


def test_crawl_delay_in_robots_txt_lengthens_the_wait(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data(
        "User-agent: *\nCrawl-delay: 5\n", content_type="text/plain"
    )
    httpserver.expect_request("/a").respond_with_data("a")
    sleeps = Sleeps()
    fetcher = Fetcher(Politeness(delay=1.0), sleep=sleeps)
    fetcher.get(httpserver.url_for("/a"))
    fetcher.get(httpserver.url_for("/a"))
    assert len(sleeps.waits) == 2 and all(4.5 < wait <= 5.0 for wait in sleeps.waits)


def test_conditional_request_serves_an_unchanged_page_from_the_cache(
    site: HTTPServer, tmp_path: Path
) -> None:
    seen: list[dict[str, str | None]] = []

    def page(request: Request) -> Response:
        seen.append(
            {
                "etag": request.headers.get("If-None-Match"),
                "since": request.headers.get("If-Modified-Since"),
            }
        )
        if request.headers.get("If-None-Match") == '"v1"':
            return Response(status=304)
        return Response(
            TEXT.encode("utf-8"),
            content_type="text/html; charset=utf-8",
            headers={"ETag": '"v1"', "Last-Modified": "Mon, 30 Nov 2026 08:00:00 GMT"},
        )

    site.expect_request("/side").respond_with_handler(page)
    first = Fetcher(FAST, tmp_path / "cache").get(site.url_for("/side"))
    second = Fetcher(FAST, tmp_path / "cache").get(site.url_for("/side"))  # a later run
    assert (first.text, first.from_cache) == (TEXT, False)
    assert (second.text, second.from_cache) == (TEXT, True)
    assert seen == [
        {"etag": None, "since": None},
        {"etag": '"v1"', "since": "Mon, 30 Nov 2026 08:00:00 GMT"},
    ]


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (TEXT.encode("utf-8"), "text/html; charset=utf-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "text/html"),  # BOM, no charset
        (TEXT.encode("cp1252"), "text/html; charset=windows-1252"),
        (TEXT.replace("–", "-").encode("iso-8859-1"), "text/html; charset=iso-8859-1"),
        # wrong charsets: the header says Latin-1 for UTF-8 bytes, and UTF-8 for Windows-1252
        (TEXT.encode("utf-8"), "text/html; charset=iso-8859-1"),
        (TEXT.encode("cp1252"), "text/html; charset=utf-8"),
        # no charset anywhere
        (TEXT.encode("cp1252"), "text/html"),
        # only a <meta> names it
        (b'<meta charset="windows-1252">' + TEXT.encode("cp1252"), "text/html"),
    ],
)
def test_pages_in_any_danish_encoding_decode_to_the_same_text(
    site: HTTPServer, body: bytes, content_type: str
) -> None:
    site.expect_request("/side").respond_with_data(body, content_type=content_type)
    text = Fetcher(FAST).get(site.url_for("/side")).text
    assert text.removeprefix('<meta charset="windows-1252">') in (TEXT, TEXT.replace("–", "-"))


def test_undefined_windows_1252_bytes_do_not_break_decoding() -> None:
    text, encoding = decode(b"Pris: 100 kr.\x81 \xe6\xf8\xe5", "text/html")
    assert (text, encoding) == ("Pris: 100 kr.\x81 æøå", "windows-1252")
