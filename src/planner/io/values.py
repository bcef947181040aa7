"""What an export writes for a worker, an area or a tag, resolved to the team's ids.

Workers by id or name, areas by id or label, tags by the norm set's spelling, all compared
as name keys (case, spaces and invisible characters ignored), and the team's own value maps
(`[teams.X.values.worker]`, `.area`, `.tags`) first. Each distinct value is resolved once.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping

from planner.core.models import NormSet, Worker
from planner.io.schema import TeamConfig
from planner.io.tables import name_key


class Unknown(str):
    """A value that names nothing of the team's; the str is the best guess ('' if none)."""


def _guess(value: str, spellings: Mapping[str, str]) -> Unknown:
    close = difflib.get_close_matches(name_key(value), list(spellings), n=1, cutoff=0.6)
    return Unknown(spellings[close[0]] if close else "")


def norm_tags(norms: NormSet) -> set[str]:
    """Every tag the norm set gives a meaning: tag weights and variant tags."""
    tags = set(norms.tag_weights)
    for area in norms.areas.values():
        tags.update(v.tag for v in area.variants if v.tag)
    return tags


class ValueResolver:
    def __init__(
        self,
        config: TeamConfig,
        workers: Mapping[str, Worker | None],
        norms: NormSet | None,
    ) -> None:
        # key -> worker id: names first so that an id wins where a name is another's id.
        self._workers: dict[str, str] = {}
        self._worker_spellings: dict[str, str] = {}  # key -> as written in teams.toml
        for worker_id, worker in workers.items():
            if worker is not None:
                self._workers[name_key(worker.name)] = worker_id
                self._worker_spellings[name_key(worker.name)] = worker.name
        for worker_id in workers:
            self._workers[name_key(worker_id)] = worker_id
            self._worker_spellings[name_key(worker_id)] = worker_id
        self._worker_codes = {name_key(k): v for k, v in config.values.worker.items()}

        self.norms = norms
        self._areas: dict[str, str] = {}
        self._area_spellings: dict[str, str] = {}
        if norms is not None:
            for area_id, area in norms.areas.items():
                self._areas[name_key(area.label)] = area_id
                self._area_spellings[name_key(area_id)] = area_id
            for area_id, area in norms.areas.items():
                self._areas[name_key(area_id)] = area_id
                # A guess shows the label, as the board does.
                self._area_spellings[name_key(area.label)] = area.label
        self._area_codes = {name_key(k): v for k, v in config.values.area.items()}

        self._tags = {name_key(tag): tag for tag in (norm_tags(norms) if norms else ())}
        self._tag_codes = {name_key(k): v for k, v in config.values.tags.items()}

        self._worker_cache: dict[str, str | None] = {}
        self._area_cache: dict[str, str | None] = {}
        self._tag_cache: dict[str, str] = {}

    # -- workers --------------------------------------------------------------------------

    def worker_target(self, value: str) -> str | None:
        """The worker id `value` names by id or name, else None."""
        return self._workers.get(name_key(value))

    def worker(self, value: str) -> str | None:
        """The worker id for an export's value; None for empty (unassigned); Unknown else."""
        if value in self._worker_cache:
            return self._worker_cache[value]
        key = name_key(value)
        result: str | None
        if not key:
            result = None
        elif key in self._worker_codes:
            code = self._worker_codes[key]
            result = self.worker_target(code) or Unknown("")
        else:
            result = self._workers.get(key) or _guess(value, self._worker_spellings)
        self._worker_cache[value] = result
        return result

    # -- areas ----------------------------------------------------------------------------

    def area_target(self, value: str) -> str | None:
        """The area id `value` names by id or label, else None."""
        return self._areas.get(name_key(value))

    def area(self, value: str) -> str | None:
        """The area id for an export's value; None for empty; Unknown else. Without a norm
        set (it has problems of its own) the value is kept as written."""
        if value in self._area_cache:
            return self._area_cache[value]
        key = name_key(value)
        result: str | None
        if not key:
            result = None
        elif self.norms is None:
            result = value.strip()
        elif key in self._area_codes:
            result = self.area_target(self._area_codes[key]) or Unknown("")
        else:
            result = self._areas.get(key) or _guess(value, self._area_spellings)
        self._area_cache[value] = result
        return result

    # -- tags -----------------------------------------------------------------------------

    def tag(self, value: str) -> str:
        """The tag as the norm set spells it (or as mapped; '' = dropped), else as written."""
        cached = self._tag_cache.get(value)
        if cached is not None:
            return cached
        key = name_key(value)
        if key in self._tag_codes:
            mapped = self._tag_codes[key].strip()
            result = self._tags.get(name_key(mapped), mapped)
        else:
            result = self._tags.get(key, value.strip())
        self._tag_cache[value] = result
        return result

    def tags(self, values: Iterable[str]) -> tuple[str, ...]:
        out: list[str] = []
        for value in values:
            tag = self.tag(value)
            if tag and tag not in out:
                out.append(tag)
        return tuple(out)
