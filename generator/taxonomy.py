"""The curated taxonomy: regions, companies, organizations, people and themes in content/.

Each kind lives in its own YAML file, a list of records with `id`, `name`, `aliases` and the
fields of its kind. Curators own these files; the generator only appends suggested entities.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.curation import ParsedYaml, dump_yaml
from generator.errors import CurationError
from generator.model import ENTITY_KINDS
from generator.text import name_key, slugify
from generator.writer import Writer

# Statuses an entry can have; a missing status means a curator accepted it.
STATUSES = ("accepted", "suggested", "rejected", "merged")
# The fields each kind may carry besides id, name, aliases, status, merged_into and note.
KIND_FIELDS: Mapping[str, tuple[str, ...]] = {
    "regions": ("kind", "parent", "spans", "country", "coordinates", "context"),
    "companies": ("country", "sector", "themes", "context"),
    "organizations": ("country", "type", "context"),
    "people": ("role", "organization", "context"),
    "themes": ("description", "terms"),
}
COMMON_FIELDS = ("id", "name", "aliases", "status", "merged_into", "note")
# One word for an entity of each kind, for messages and page headings.
SINGULAR = {
    "regions": "region",
    "companies": "company",
    "organizations": "organization",
    "people": "person",
    "themes": "theme",
}


@dataclass(frozen=True)
class Entity:
    """One entry of the taxonomy."""

    id: str
    kind: str  # one of ENTITY_KINDS
    name: str
    aliases: tuple[str, ...] = ()
    status: str = "accepted"  # one of STATUSES
    merged_into: str | None = None  # for status "merged": the id it is now an alias of
    fields: Mapping[str, Any] = field(default_factory=dict)  # the kind's own fields

    @property
    def forms(self) -> tuple[str, ...]:
        """Every way the texts may write it: the name, then its aliases."""
        return (self.name, *self.aliases)

    @property
    def active(self) -> bool:
        """Accepted and suggested entities tag articles and get pages."""
        return self.status in ("accepted", "suggested")


@dataclass
class Taxonomy:
    """All entities by kind, with lookups the matcher and the pages need."""

    entities: dict[str, dict[str, Entity]] = field(
        default_factory=lambda: {kind: {} for kind in ENTITY_KINDS}
    )
    # Kinds whose file could not be read: nothing may be added to them until a person fixes it.
    unreadable: set[str] = field(default_factory=set)
    # Kinds whose file could not be read, taken from its last readable copy instead: their
    # entities tag and have pages as before, and nothing is added to the file either.
    stand_ins: set[str] = field(default_factory=set)

    @property
    def broken(self) -> bool:
        """Whether some file could not be read: what it knows now cannot be told."""
        return bool(self.unreadable or self.stand_ins)

    def get(self, kind: str, entity_id: str) -> Entity | None:
        """Find an entity, following a merge to the entity it now belongs to."""
        entity = self.entities[kind].get(entity_id)
        seen = set()
        while entity and entity.status == "merged" and entity.merged_into not in seen:
            seen.add(entity.id)
            entity = self.entities[kind].get(entity.merged_into or "")
        return entity

    def active(self, kind: str) -> list[Entity]:
        """Entities of a kind that tag articles, sorted by id."""
        return [e for _, e in sorted(self.entities[kind].items()) if e.active]

    def merged_by_survivor(self, kind: str) -> dict[str, list[Entity]]:
        """The entities of a kind merged into another, by the id of the one each now belongs
        to (merges followed to their end), in id order: one pass, where asking per entity
        made naming every entity quadratic in their number."""
        merged: dict[str, list[Entity]] = {}
        for entity_id, entity in sorted(self.entities[kind].items()):
            if entity.status == "merged":
                survivor = self.get(kind, entity_id)
                if survivor is not None:
                    merged.setdefault(survivor.id, []).append(entity)
        return merged

    def countries(self) -> dict[str, Entity]:
        """The active country regions by their ISO code (the `country` field entities give)."""
        return {
            str(region.fields["country"]): region
            for region in self.active("regions")
            if region.fields.get("kind") == "country" and region.fields.get("country")
        }

    def known_names(self, kind: str) -> set[str]:
        """Every name and alias of a kind, any status, by name_key: what discovery must skip."""
        return {name_key(form) for entity in self.entities[kind].values() for form in entity.forms}

    def add(self, entity: Entity) -> None:
        """Add an entity; its id must be free."""
        self.entities[entity.kind][entity.id] = entity

    def free_id(self, kind: str, name: str, suffix: str | None = None) -> str:
        """Make an id for a new entity from its name, unique within its kind."""
        base = slugify(name, 60)
        candidate, number = base, 1
        if candidate in self.entities[kind] and suffix:
            candidate = base = f"{base}-{slugify(suffix, 20)}"
        while candidate in self.entities[kind]:
            number += 1
            candidate = f"{base}-{number}"
        return candidate


def entity_names(entity: Entity, merged: Sequence[Entity]) -> list[str]:
    """Every name an entity goes by: its own, its aliases, then those of the entities merged
    into it (from Taxonomy.merged_by_survivor)."""
    names = list(entity.forms)
    for other in merged:
        names += other.forms
    return list(dict.fromkeys(name.strip() for name in names if name.strip()))


def breadcrumbs_of(region_id: str, taxonomy: Taxonomy) -> list[str]:
    """List a region's ancestors, outermost first, stopping at a loop."""
    chain: list[str] = []
    entity = taxonomy.get("regions", region_id)
    while entity is not None and entity.fields.get("parent"):
        parent = taxonomy.get("regions", entity.fields["parent"])
        if parent is None or parent.id in chain or parent.id == region_id:
            break
        chain.insert(0, parent.id)
        entity = parent
    return chain


def taxonomy_path(content: Path, kind: str) -> Path:
    """Name the YAML file of one kind of entity."""
    return content / f"{kind}.yaml"


def load_taxonomy(
    content: Path, parsed_yaml: ParsedYaml | None = None, copies: Path | None = None
) -> tuple[Taxonomy, list[CurationError]]:
    """Load every taxonomy file; report all problems of all files, skip only the bad entries.

    parsed_yaml, when given, reads a file parsed before from its cache.
    copies: a folder of each file's last readable copy (see keep_readable_copies); a file
    that cannot be read is taken from its copy there, so a merge conflict left in it keeps
    its entities' tags and pages until it is mended.
    """
    parsed_yaml = parsed_yaml or ParsedYaml()
    taxonomy = Taxonomy()
    errors: list[CurationError] = []
    for kind in ENTITY_KINDS:
        path = taxonomy_path(content, kind)
        if not path.is_file():
            continue
        label = f"{content.name}/{path.name}"
        try:
            records, lines = parsed_yaml.read_file(path, label)
        except CurationError as error:
            records = _last_readable(copies, path.name, parsed_yaml)
            if records is None:
                errors.append(error)
                taxonomy.unreadable.add(kind)
                continue
            errors.append(_standing_in(error, kind))
            taxonomy.stand_ins.add(kind)
            lines = {}
        entities, problems = read_entities(kind, records, lines, label)
        if kind not in taxonomy.stand_ins:  # the copy's were reported when it was the file
            errors.extend(problems)
        for entity in entities:
            taxonomy.add(entity)
    errors.extend(check_references(taxonomy, content.name))
    return taxonomy, errors


def keep_readable_copies(content: Path, taxonomy: Taxonomy, copies: Path, writer: Writer) -> None:
    """Copy each taxonomy file this run read into the copies folder, as it now is (with any
    suggestions appended), for a later run that cannot read it to stand in with."""
    for kind in ENTITY_KINDS:
        path = taxonomy_path(content, kind)
        if kind in taxonomy.unreadable or kind in taxonomy.stand_ins or not path.is_file():
            continue
        writer.write(copies / path.name, path.read_bytes(), update=True, durable=False)


def _last_readable(copies: Path | None, name: str, parsed_yaml: ParsedYaml) -> Any:
    """The records of a file's last readable copy; None when there is none or it is damaged."""
    if copies is None or not (copies / name).is_file():
        return None
    try:
        return parsed_yaml.read_file(copies / name, name)[0]
    except CurationError:
        return None


def _standing_in(error: CurationError, kind: str) -> CurationError:
    """The file's error, saying the site goes on with the kind as last read."""
    return CurationError(
        error.path,
        error.message,
        line=error.line,
        key=error.key,
        hint=f"fix it there; until then the {kind} are read as the last run that could read "
        "the file left them, and no suggestion is added",
    )


def read_entities(
    kind: str, records: Any, lines: Mapping[tuple[int, ...], int], label: str
) -> tuple[list[Entity], list[CurationError]]:
    """Turn the records of one file into entities, with an error per bad record or field.

    Args:
        kind: the kind of entity the file holds.
        records: the loaded YAML, expected to be a list of mappings.
        lines: line numbers by path of list indexes, from load_yaml_with_lines.
        label: the file's name for messages.
    """
    if records is None:
        return [], []
    if not isinstance(records, list):
        return [], [
            CurationError(
                label,
                "expected a list of entries",
                line=1,
                hint="each entry starts with '- id: ...'",
            )
        ]
    entities, errors, seen = [], [], set()
    allowed = set(COMMON_FIELDS) | set(KIND_FIELDS[kind])
    for index, record in enumerate(records):
        # Lines are looked up only for a message: finding them means parsing the YAML, which
        # a file read from the parse cache is spared.
        if not isinstance(record, dict):
            errors.append(
                CurationError(
                    label,
                    "entry is not a mapping",
                    line=lines.get((index,)),
                    hint="write it as 'id: ...' and 'name: ...' lines",
                )
            )
            continue
        problem = _record_problem(record, seen)
        if problem:
            line = lines.get((index, problem[0]), lines.get((index,)))
            errors.append(
                CurationError(label, problem[1], line=line, key=problem[0], hint=problem[2])
            )
            continue
        for key in sorted(set(record) - allowed):
            errors.append(
                CurationError(
                    label,
                    "unknown field (ignored)",
                    line=lines.get((index, key), lines.get((index,))),
                    key=key,
                    hint=f"fields of {kind}: " + ", ".join(sorted(allowed)),
                )
            )
        seen.add(record["id"])
        entities.append(_entity(kind, record))
    return entities, errors


def _record_problem(record: dict[str, Any], seen: set[str]) -> tuple[str, str, str] | None:
    entity_id, name = record.get("id"), record.get("name")
    if not isinstance(entity_id, str) or not entity_id or slugify(entity_id, 80) != entity_id:
        return (
            "id",
            f"{entity_id!r} is not a valid id",
            "use lowercase letters, digits and hyphens",
        )
    if entity_id in seen:
        return ("id", f"'{entity_id}' is used twice", "give one of them another id")
    if not isinstance(name, str) or not name.strip():
        return ("name", "missing or not text", "give the entity a name")
    aliases = record.get("aliases", [])
    if aliases is not None and (
        not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases)
    ):
        return ("aliases", "must be a list of names", "write aliases: [Name One, Name Two]")
    status = record.get("status", "accepted")
    if status not in STATUSES:
        return ("status", f"{status!r} is not a status", "use one of " + ", ".join(STATUSES))
    if status == "merged" and not isinstance(record.get("merged_into"), str):
        return (
            "merged_into",
            "a merged entity needs the id it was merged into",
            "add merged_into: <id>",
        )
    return None


def _entity(kind: str, record: dict[str, Any]) -> Entity:
    own = {key: record[key] for key in KIND_FIELDS[kind] if record.get(key) is not None}
    return Entity(
        id=record["id"],
        kind=kind,
        name=record["name"].strip(),
        aliases=tuple(a.strip() for a in record.get("aliases") or () if a.strip()),
        status=record.get("status", "accepted"),
        merged_into=record.get("merged_into"),
        fields=own,
    )


def check_references(taxonomy: Taxonomy, content_name: str) -> list[CurationError]:
    """Check that parents, merges and company themes name entities that exist."""
    errors = []
    checks = (
        ("regions", "parent", "regions"),
        ("regions", "spans", "regions"),
        ("companies", "themes", "themes"),
    )
    for kind, key, target in checks:
        for entity in taxonomy.entities[kind].values():
            values = entity.fields.get(key)
            for value in values if isinstance(values, list) else [values] if values else []:
                if value not in taxonomy.entities[target]:
                    errors.append(
                        CurationError(
                            f"{content_name}/{kind}.yaml",
                            f"'{entity.id}' refers to unknown {target} '{value}'",
                            key=key,
                            hint=f"add it to {target}.yaml or fix the id",
                        )
                    )
    for kind in ENTITY_KINDS:
        for entity in taxonomy.entities[kind].values():
            if entity.status == "merged" and entity.merged_into not in taxonomy.entities[kind]:
                errors.append(
                    CurationError(
                        f"{content_name}/{kind}.yaml",
                        f"'{entity.id}' is merged into unknown '{entity.merged_into}'",
                        key="merged_into",
                        hint="name an existing id of the same kind",
                    )
                )
    return errors


def entity_record(entity: Entity) -> dict[str, Any]:
    """Lay out an entity's record in its fixed field order."""
    record: dict[str, Any] = {"id": entity.id, "name": entity.name}
    for key in KIND_FIELDS[entity.kind]:
        if key in entity.fields:
            record[key] = entity.fields[key]
    record["aliases"] = list(entity.aliases)
    if entity.status != "accepted":
        record["status"] = entity.status
    if entity.merged_into:
        record["merged_into"] = entity.merged_into
    return record


def render_appended_entities(existing_text: str, entities: Iterable[Entity]) -> str:
    """Append new entries to a taxonomy file's text, leaving every existing byte as it was.

    Curators' comments and formatting survive because the file is never re-dumped.
    """
    records = [entity_record(entity) for entity in entities]
    if not records:
        return existing_text
    text = "" if existing_text.strip() in ("", "[]") else existing_text
    if text and not text.endswith("\n"):
        text += "\n"
    return text + dump_yaml(records)
