"""The actor gazetteer: canonical names, aliases, types and affiliations (data/actors.yaml).

`load_gazetteer()` validates every entry and fails loudly on a bad one. `Gazetteer.resolve`
maps a listed spelling to the canonical actor (case, accents, apostrophes and punctuation
aside); `Gazetteer.match` also finds the actor behind spellings the file does not list
(kg.names: a stronger key, then a guarded fuzzy match). Actors missing from the gazetteer
keep their own name and get a slug minted from its normalised form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.files import read_yaml
from kg.names import NameConflict, NameIndex, normalize_name
from kg.paths import data_path

ACTOR_TYPES = ("person", "militia", "state", "organization", "media", "other")
_SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


class GazetteerError(ValueError):
    """A gazetteer entry that does not follow the format; the message names it."""


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    affiliation: str | None = None
    umbrella: bool = False
    wikidata: str | None = None
    source: str | None = None


def slugify(text: str) -> str:
    """A stable IRI-safe slug from a name ("Kata'ib Hezbollah" -> "kataib-hezbollah")."""
    slug = "-".join(normalize_name(text).split())
    slug = re.sub(r"[^a-z0-9-]", "", slug.encode("ascii", "ignore").decode())
    return re.sub(r"-+", "-", slug).strip("-") or "unnamed"


class Gazetteer:
    def __init__(self, actors: list[Actor]) -> None:
        self.actors = tuple(actors)
        self._by_key: dict[str, Actor] = {}
        for actor in actors:
            for form in (actor.name, *actor.aliases):
                key = normalize_name(form)
                other = self._by_key.get(key)
                if other is not None and other.id != actor.id:
                    raise GazetteerError(
                        f"alias {form!r} names both {other.name!r} and {actor.name!r}"
                    )
                self._by_key[key] = actor
        self._by_id = {actor.id: actor for actor in actors}
        try:
            self.names = NameIndex(
                (form, actor) for actor in actors for form in (actor.name, *actor.aliases)
            )
        except NameConflict as conflict:
            raise GazetteerError(str(conflict)) from conflict

    def resolve(self, name: str) -> Actor | None:
        """The actor a name refers to, or None when the gazetteer does not know it."""
        return self._by_key.get(normalize_name(name))

    def match(self, name: str) -> Actor | None:
        """The actor a name refers to however it is spelt: the exact key, then the
        stronger matching key ("Harakat al Nujabaa", "the Houthi's"), then a guarded fuzzy
        match ("Kataib Hizbollah", "Yahya Sarie"); None when unknown or unsure (see
        kg.names for the guards)."""
        return self.resolve(name) or self.names.match(name)

    def by_id(self, actor_id: str) -> Actor | None:
        return self._by_id.get(actor_id)

    def canonical(self, name: str) -> str:
        """The canonical name for a spelling; unknown names are returned as written."""
        actor = self.resolve(name)
        return actor.name if actor else name.strip()

    def actor_id(self, name: str) -> str:
        """Stable id: the gazetteer's for known actors, a slug of the name otherwise."""
        actor = self.resolve(name)
        return actor.id if actor else slugify(name)

    def surface_forms(self) -> dict[str, Actor]:
        """Every name and alias as written, for building matchers over text."""
        return {form: actor for actor in self.actors for form in (actor.name, *actor.aliases)}


def load_gazetteer(path: str | Path | None = None) -> Gazetteer:
    path = Path(path) if path else data_path("actors.yaml")
    return _load_cached(str(path.resolve()))


@lru_cache(maxsize=8)
def _load_cached(path: str) -> Gazetteer:
    entries = read_yaml(path, GazetteerError, "gazetteer")
    if not isinstance(entries, list):
        raise GazetteerError(f"{path}: expected a list of actor entries")
    actors = [_actor(path, number, entry) for number, entry in enumerate(entries, 1)]
    ids = [actor.id for actor in actors]
    duplicates = {i for i in ids if ids.count(i) > 1}
    if duplicates:
        raise GazetteerError(f"{path}: duplicate ids: {', '.join(sorted(duplicates))}")
    try:
        gazetteer = Gazetteer(actors)
    except GazetteerError as problem:
        raise GazetteerError(f"{path}: {problem}") from problem
    for actor in actors:
        if actor.affiliation and gazetteer.resolve(actor.affiliation) is None:
            raise GazetteerError(
                f"{path}: {actor.id}: affiliation {actor.affiliation!r} is not in the gazetteer"
            )
    return gazetteer


_KNOWN_KEYS = {"id", "name", "type", "aliases", "affiliation", "umbrella", "wikidata", "source"}


def _actor(path: str, number: int, entry: object) -> Actor:
    where = f"{path}: entry {number}"
    if not isinstance(entry, dict):
        raise GazetteerError(f"{where}: expected a mapping")
    unknown = set(entry) - _KNOWN_KEYS
    if unknown:
        raise GazetteerError(f"{where}: unknown fields {', '.join(sorted(unknown))}")
    actor_id, name, kind = entry.get("id"), entry.get("name"), entry.get("type")
    if not isinstance(actor_id, str) or not _SLUG_RE.match(actor_id):
        raise GazetteerError(f"{where}: 'id' must be a lowercase slug, got {actor_id!r}")
    if not isinstance(name, str) or not name.strip():
        raise GazetteerError(f"{where} ({actor_id}): 'name' is required")
    if kind not in ACTOR_TYPES:
        raise GazetteerError(f"{where} ({actor_id}): 'type' must be one of {ACTOR_TYPES}")
    aliases = entry.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise GazetteerError(f"{where} ({actor_id}): 'aliases' must be a list of strings")
    wikidata = entry.get("wikidata")
    if wikidata is not None and not re.fullmatch(r"Q\d+", str(wikidata)):
        raise GazetteerError(f"{where} ({actor_id}): 'wikidata' must look like Q123")
    return Actor(
        id=actor_id,
        name=name.strip(),
        type=kind,
        aliases=tuple(a.strip() for a in aliases if a.strip()),
        affiliation=entry.get("affiliation"),
        umbrella=bool(entry.get("umbrella", False)),
        wikidata=wikidata,
        source=entry.get("source"),
    )
