"""The one HTTP layer every source adapter fetches through.

Polite by construction: it names the project and a contact address in its User-Agent, obeys
robots.txt (also on every redirect hop, and its Crawl-delay), waits between requests to the
same host, gives up
after a timeout, retries 429 and 5xx answers with exponential backoff (honouring
`Retry-After`), and asks again with `If-None-Match` / `If-Modified-Since` so an unchanged page
is served from the on-disk cache.
"""

from __future__ import annotations

import email.utils
import hashlib
import json
import logging
import time
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import requests

from scrapers.decode import decode

log = logging.getLogger(__name__)

# Where a site owner can reach the project; the nightly workflow sets EVU_SCRAPER_CONTACT to the
# repository's address.
CONTACT_URL = "https://github.com/evu-kataloget/evu-kataloget"


def user_agent(contact: str = CONTACT_URL) -> str:
    return f"EVU-kataloget-scraper/0.1 (+{contact})"


USER_AGENT = user_agent()
ROBOTS_AGENT = "EVU-kataloget-scraper"  # the token robots.txt rules are matched against
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
MAX_REDIRECTS = 5


class FetchError(Exception):
    """A page could not be fetched; the message says why, in words for the change report."""

    def __init__(self, url: str, reason: str) -> None:
        self.url = url
        self.reason = reason
        super().__init__(f"{url}: {reason}")


@dataclass(frozen=True)
class Page:
    """A fetched page: where it was asked for, where it ended up, and its decoded text."""

    url: str
    final_url: str
    text: str
    encoding: str
    content_type: str
    from_cache: bool = False


@dataclass(frozen=True)
class Politeness:
    """How gently to fetch. Defaults suit real sites; tests shorten the waits."""

    delay: float = 1.0  # seconds between two requests to the same host
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    retries: int = 4  # further attempts after the first, for 429, 5xx and timeouts
    backoff: float = 2.0  # first wait before a retry; doubled each time
    max_wait: float = 120.0  # the longest single wait, also for a Retry-After


class Cache:
    """Bodies and validators (ETag, Last-Modified) of fetched pages, one pair of files per URL."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _paths(self, url: str) -> tuple[Path, Path]:
        key = hashlib.sha256(url.encode("utf-8")).hexdigest()
        return self.folder / f"{key}.json", self.folder / f"{key}.body"

    def get(self, url: str) -> tuple[dict[str, str], bytes] | None:
        meta_path, body_path = self._paths(url)
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            return meta, body_path.read_bytes()
        except (OSError, ValueError):
            return None

    def put(self, url: str, meta: dict[str, str], body: bytes) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        meta_path, body_path = self._paths(url)
        for path, data in ((body_path, body), (meta_path, json.dumps(meta).encode("utf-8"))):
            tmp = path.with_suffix(path.suffix + ".tmp")
            tmp.write_bytes(data)
            tmp.replace(path)


def retry_after(value: str | None, now: float) -> float | None:
    """Seconds to wait from a Retry-After header: a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, when.timestamp() - now)


class Fetcher:
    """Fetches pages politely; one instance per run, so rate limits and robots.txt are shared."""

    def __init__(
        self,
        politeness: Politeness | None = None,
        cache_dir: Path | None = None,
        *,
        user_agent: str = USER_AGENT,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.politeness = politeness or Politeness()
        self.cache = Cache(cache_dir) if cache_dir else None
        self.user_agent = user_agent
        self.session = requests.Session()
        self.session.headers["User-Agent"] = user_agent
        self._sleep = sleep
        self._clock = clock
        self._last: dict[str, float] = {}  # host -> clock time of its last request
        self._crawl_delay: dict[str, float] = {}  # host -> Crawl-delay its robots.txt asks for
        self._robots: dict[str, urllib.robotparser.RobotFileParser] = {}
        self._robots_unreadable: dict[str, str] = {}  # origin -> why its robots.txt was not read

    # -- public -----------------------------------------------------------------------------

    def get(self, url: str) -> Page:
        """Fetch `url`, following redirects; raises `FetchError` with the reason."""
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            parts = urlsplit(current)
            if parts.scheme not in ("http", "https") or not parts.netloc:
                raise FetchError(url, f"not an http(s) address: '{current}'")
            self._check_robots(current)
            cached = self.cache.get(current) if self.cache else None
            headers = {}
            if cached:
                if etag := cached[0].get("etag"):
                    headers["If-None-Match"] = etag
                if modified := cached[0].get("last_modified"):
                    headers["If-Modified-Since"] = modified
            response = self._request(current, headers)
            if response.is_redirect:
                location = response.headers.get("Location")
                if not location:
                    raise FetchError(url, f"HTTP {response.status_code} without a Location")
                current = urljoin(current, location)
                continue
            if response.status_code == 304 and cached:
                meta, body = cached
                text, encoding = decode(body, meta.get("content_type"))
                return Page(url, current, text, encoding, meta.get("content_type", ""), True)
            if response.status_code != 200:
                raise FetchError(url, f"HTTP {response.status_code}")
            content_type = response.headers.get("Content-Type", "")
            body = response.content
            if self.cache and (
                response.headers.get("ETag") or response.headers.get("Last-Modified")
            ):
                meta = {
                    "etag": response.headers.get("ETag", ""),
                    "last_modified": response.headers.get("Last-Modified", ""),
                    "content_type": content_type,
                }
                self.cache.put(current, meta, body)
            text, encoding = decode(body, content_type)
            return Page(url, current, text, encoding, content_type)
        raise FetchError(url, f"more than {MAX_REDIRECTS} redirects")

    # -- internals --------------------------------------------------------------------------

    def _wait_for_turn(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            delay = max(self.politeness.delay, self._crawl_delay.get(host, 0.0))
            remaining = last + delay - self._clock()
            if remaining > 0:
                self._sleep(remaining)
        self._last[host] = self._clock()

    def _request(self, url: str, headers: dict[str, str]) -> requests.Response:
        """One GET with rate limit, timeouts and retries; redirects are returned, not followed."""
        p = self.politeness
        host = urlsplit(url).netloc
        for attempt in range(p.retries + 1):
            self._wait_for_turn(host)
            try:
                response = self.session.get(
                    url,
                    headers=headers,
                    timeout=(p.connect_timeout, p.read_timeout),
                    allow_redirects=False,
                )
            except requests.Timeout:
                problem, asked = f"timed out after {p.read_timeout:g} s", None
            except requests.ConnectionError as exc:
                problem, asked = f"connection failed ({type(exc).__name__})", None
            except requests.RequestException as exc:
                raise FetchError(url, f"request failed: {exc}") from None
            else:
                if response.status_code not in RETRY_STATUSES:
                    return response
                problem = f"HTTP {response.status_code}"
                asked = retry_after(response.headers.get("Retry-After"), time.time())
            if attempt == p.retries:
                tries = "try" if p.retries == 0 else "tries"
                raise FetchError(url, f"{problem} ({p.retries + 1} {tries})")
            if asked is not None and asked > p.max_wait:
                # Asking again sooner than the site wants is not polite: give up for this run.
                raise FetchError(
                    url, f"{problem}: asked to wait {asked:g} s (more than {p.max_wait:g} s)"
                )
            wait = min(max(p.backoff * 2**attempt, asked or 0.0), p.max_wait)
            log.info("%s: %s; retrying in %.1f s", url, problem, wait)
            self._sleep(wait)
            # The wait already spaced the requests; do not add the per-host delay on top.
            self._last[host] = self._clock() - p.delay
        raise AssertionError("unreachable")

    def _check_robots(self, url: str) -> None:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        parser = self._robots.get(origin)
        if parser is None:
            parser = self._read_robots(origin)
            self._robots[origin] = parser
            asked = parser.crawl_delay(ROBOTS_AGENT)
            if asked:
                self._crawl_delay[parts.netloc] = min(float(asked), self.politeness.max_wait)
        if origin in self._robots_unreadable:
            reason = self._robots_unreadable[origin]
            raise FetchError(url, f"robots.txt could not be read ({reason}); nothing fetched")
        if not parser.can_fetch(ROBOTS_AGENT, url):
            raise FetchError(url, "disallowed by robots.txt")

    def _read_robots(self, origin: str) -> urllib.robotparser.RobotFileParser:
        parser = urllib.robotparser.RobotFileParser(origin + "/robots.txt")
        try:
            response = self._request(origin + "/robots.txt", {})
        except FetchError as exc:
            # Unreachable robots.txt (5xx, timeouts): assume everything is disallowed.
            self._robots_unreadable[origin] = exc.reason
            parser.disallow_all = True
            return parser
        if response.status_code in (401, 403):
            parser.disallow_all = True
        elif response.status_code >= 400:
            parser.allow_all = True  # no robots.txt: no rules
        else:
            text, _ = decode(response.content, response.headers.get("Content-Type"))
            parser.parse(text.splitlines())
        parser.modified()
        return parser
