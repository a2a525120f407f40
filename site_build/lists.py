"""Long lists as pages: split into pages of a fixed size, and course lists in three orders
(title, next start, price), each order pre-rendered at an address of its own so sorting works
without JavaScript and can be linked to."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from catalogue.collation import sort_key
from site_build.cards import Card

Crumbs = tuple[tuple[str, str], ...]
CARDS_PER_PAGE = 24  # about six phone screens
SORTABLE = 6  # lists longer than this can be sorted


@dataclass(frozen=True)
class Sort:
    """One order of a course list: its address segment ('' for the default) and its name."""

    segment: str
    label: str
    key: Callable[[Card], Any]


def by_title(card: Card) -> Any:
    return (sort_key(card.course.title), card.id)


def by_start(card: Card) -> Any:
    """Soonest upcoming class first; then courses without one, by title; past one-off events
    (a conference held in 2023) last."""
    start = card.next_start
    return (
        start is None,
        card.past is not None,
        start.toordinal() if start else 0,
        *by_title(card),
    )


def by_price(card: Card) -> Any:
    """Cheapest first (free first); courses without a published price last, by title."""
    return (card.price is None, card.price or 0, *by_title(card))


SORTS = (
    Sort("", "Titel", by_title),
    Sort("efter-start/", "Næste start", by_start),
    Sort("efter-pris/", "Pris", by_price),
)


@dataclass(frozen=True)
class Pager:
    number: int
    count: int
    addresses: tuple[str, ...]
    total: int


def paged(address: str, items: Sequence[Any], size: int) -> list[tuple[str, Pager, Sequence[Any]]]:
    """`items` split into pages of `size`: (address, pager, chunk) for `address`, then
    `address`side/2/, …; always at least one page, however few the items."""
    count = max(1, -(-len(items) // size))
    addresses = tuple(address if n == 1 else f"{address}side/{n}/" for n in range(1, count + 1))
    return [
        (here, Pager(n, count, addresses, len(items)), items[(n - 1) * size : n * size])
        for n, here in enumerate(addresses, start=1)
    ]


@dataclass(frozen=True)
class Order:
    """The sort choices a list page shows: each order's name and address, and which is shown."""

    choices: tuple[tuple[str, str], ...]  # (label, address)
    current: str  # label of the order shown


def sorted_pages(
    address: str, cards: Sequence[Card], first: Callable[[Card], Any] = by_title
) -> list[tuple[str, Order | None, Pager, Sequence[Card]]]:
    """A course list's pages: (address, order, pager, cards) for each order and page. A short
    list is one page in the order `first`, with no sort choices."""
    if len(cards) <= SORTABLE:
        only = sorted(cards, key=first)
        return [(here, None, pager, chunk) for here, pager, chunk in paged(address, only, 1 << 30)]
    choices = tuple((sort.label, address + sort.segment) for sort in SORTS)
    pages = []
    for sort in SORTS:
        order = Order(choices, sort.label)
        ordered = sorted(cards, key=sort.key)
        for here, pager, chunk in paged(address + sort.segment, ordered, CARDS_PER_PAGE):
            pages.append((here, order, pager, chunk))
    return pages
