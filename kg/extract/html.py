"""The main text of an HTML page, and its title, publication date and canonical URL.

`html_document(markup)` returns an `HtmlContent`: the article's text as paragraphs joined by
blank lines (menus, cookie banners, subscription notices, share widgets, scripts and
styles dropped), plus what the page's head says about it. What counts as page furniture is
data (data/html_boilerplate.yaml), loaded and checked by `load_boilerplate`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from kg.extract.dateline import parse_full_date
from kg.files import read_yaml
from kg.paths import data_path

# Elements whose end closes a paragraph of text.
_BLOCKS = (
    "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li",
    "ul", "ol", "blockquote", "pre", "figcaption", "figure", "table", "tr", "td", "th",
    "dd", "dt", "dl", "header", "footer", "address", "hr",
)  # fmt: skip
_PUBLISHED_META = (
    "article:published_time", "og:published_time", "datepublished", "date", "pubdate",
    "publishdate", "dc.date.issued", "dc.date", "dcterms.issued", "sailthru.date",
)  # fmt: skip


class BoilerplateError(ValueError):
    """data/html_boilerplate.yaml does not follow its format; the message says where."""


@dataclass(frozen=True)
class Boilerplate:
    tags: frozenset[str]
    tags_outside_main: frozenset[str]
    attribute_words: frozenset[str]
    text_patterns: tuple[re.Pattern[str], ...]
    max_furniture_chars: int


@dataclass(frozen=True)
class HtmlContent:
    text: str
    title: str | None = None
    published: str | None = None
    url: str | None = None


def load_boilerplate(path: str | Path | None = None) -> Boilerplate:
    return _load_boilerplate(str(Path(path) if path else data_path("html_boilerplate.yaml")))


@lru_cache(maxsize=4)
def _load_boilerplate(path: str) -> Boilerplate:
    data = read_yaml(path, BoilerplateError)
    if not isinstance(data, dict):
        raise BoilerplateError(f"{path}: expected a mapping")
    words: dict[str, list[str]] = {}
    for key in ("tags", "tags_outside_main", "attribute_words", "text_patterns"):
        value = data.get(key)
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise BoilerplateError(f"{path}: '{key}' must be a list of non-empty strings")
        words[key] = value
    limit = data.get("max_furniture_chars")
    if not isinstance(limit, int) or limit <= 0:
        raise BoilerplateError(f"{path}: 'max_furniture_chars' must be a positive integer")
    patterns = []
    for pattern in words["text_patterns"]:
        try:
            patterns.append(re.compile(pattern, re.IGNORECASE))
        except re.error as error:
            raise BoilerplateError(f"{path}: bad text pattern {pattern!r}: {error}") from error
    return Boilerplate(
        tags=frozenset(t.lower() for t in words["tags"]),
        tags_outside_main=frozenset(t.lower() for t in words["tags_outside_main"]),
        attribute_words=frozenset(w.lower() for w in words["attribute_words"]),
        text_patterns=tuple(patterns),
        max_furniture_chars=limit,
    )


def html_document(markup: str, boilerplate: Boilerplate | None = None) -> HtmlContent:
    """Main text and metadata of one HTML page (tolerant of broken markup)."""
    from bs4 import BeautifulSoup

    rules = boilerplate or load_boilerplate()
    soup = BeautifulSoup(markup, "html.parser")
    title = _title(soup)
    published = _published(soup)
    url = _canonical_url(soup)
    for element in soup.find_all(list(rules.tags)):
        element.decompose()
    main = _main_element(soup)
    _drop_furniture(main, rules)
    paragraphs = _paragraphs(main, rules)
    has_heading = main.find("h1") is not None
    if title and not has_heading and (not paragraphs or paragraphs[0] != title):
        paragraphs.insert(0, title)
    return HtmlContent("\n\n".join(paragraphs), title, published, url)


def _meta(soup: Any, *names: str) -> str | None:
    wanted = {n.lower() for n in names}
    for tag in soup.find_all("meta"):
        key = (tag.get("property") or tag.get("name") or tag.get("itemprop") or "").lower()
        content = (tag.get("content") or "").strip()
        if key in wanted and content:
            return content
    return None


def _title(soup: Any) -> str | None:
    found = _meta(soup, "og:title", "twitter:title")
    if not found and soup.title and soup.title.string:
        found = soup.title.string
    if not found:
        heading = soup.find("h1")
        found = heading.get_text(" ", strip=True) if heading else None
    return " ".join(found.split()) if found and found.strip() else None


def _published(soup: Any) -> str | None:
    candidates = [_meta(soup, name) for name in _PUBLISHED_META]
    candidates += [t.get("datetime") for t in soup.find_all("time", attrs={"datetime": True})]
    candidates += _json_ld_dates(soup)
    for candidate in candidates:
        if candidate:
            found = parse_full_date(str(candidate))
            if found:
                return found
    return None


def _json_ld_dates(soup: Any) -> list[str]:
    dates: list[str] = []
    for script in soup.find_all("script", attrs={"type": "application/ld+json"}):
        try:
            data = json.loads(script.string or "")
        except ValueError:
            continue
        items = data if isinstance(data, list) else [data]
        for item in items:
            if isinstance(item, dict) and isinstance(item.get("datePublished"), str):
                dates.append(item["datePublished"])
    return dates


def _canonical_url(soup: Any) -> str | None:
    for link in soup.find_all("link", href=True):
        rel = link.get("rel") or []
        rels = rel if isinstance(rel, list) else str(rel).split()
        if "canonical" in (r.lower() for r in rels):
            return str(link["href"]).strip() or None
    return _meta(soup, "og:url")


def _text_length(element: Any) -> int:
    return len(element.get_text(" ", strip=True))


def _main_element(soup: Any) -> Any:
    candidates = soup.find_all("article") + soup.find_all("main")
    candidates += soup.find_all(attrs={"role": "main"})
    candidates += soup.find_all(attrs={"itemprop": "articleBody"})
    if candidates:
        return max(candidates, key=_text_length)
    return soup.body or soup


def _class_words(element: Any) -> set[str]:
    values: list[str] = []
    for attribute in ("class", "id", "role", "aria-label"):
        value = element.get(attribute)
        if isinstance(value, list):
            values.extend(value)
        elif value:
            values.append(str(value))
    return {part for value in values for part in re.split(r"[\s\-_:]+", value.lower()) if part}


def _drop_furniture(main: Any, rules: Boilerplate) -> None:
    # Headers and footers of the page (outside the article) go whole.
    root = main
    while root.parent is not None:
        root = root.parent
    holders = set(map(id, main.parents))
    for element in root.find_all(list(rules.tags_outside_main)):
        if element.decomposed or id(element) in holders or element is main:
            continue
        if not any(parent is main for parent in element.parents):
            element.decompose()
    total = max(_text_length(main), 1)
    for element in main.find_all(True):
        if element.parent is None or element.decomposed:
            continue
        # Never drop a wrapper holding most of the article ("content has-sidebar").
        if _class_words(element) & rules.attribute_words and _text_length(element) < 0.5 * total:
            element.decompose()


def _paragraphs(main: Any, rules: Boilerplate) -> list[str]:
    for br in main.find_all("br"):
        br.replace_with("\n")
    for block in main.find_all(list(_BLOCKS)):
        block.insert_after("\n\n")
        block.insert_before("\n\n")
    raw = main.get_text()
    out: list[str] = []
    for chunk in re.split(r"\n\s*\n", raw):
        lines = [" ".join(line.split()) for line in chunk.splitlines()]
        paragraph = "\n".join(line for line in lines if line)
        if paragraph and not _is_furniture(paragraph, rules):
            out.append(paragraph)
    return out


def _is_furniture(paragraph: str, rules: Boilerplate) -> bool:
    if len(paragraph) > rules.max_furniture_chars:
        return False
    return any(pattern.search(paragraph) for pattern in rules.text_patterns)
