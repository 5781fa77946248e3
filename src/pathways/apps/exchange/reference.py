"""Load public reference data (SOC, O*NET, CIP, OEWS, projections) into the catalog.

An import job like a CTDL import, so it lives in exchange (the catalog never imports
exchange; ADR 0003). One action, ``load_reference``: every file is read and checked before
anything is written, then all datasets are written in one transaction with one audit entry
and one exchange job.
A dataset whose files have the checksum recorded in ``ReferenceRelease`` is skipped.

Tables that pathways and programs point at (occupations, SOC groups, CIP codes) are upserted,
so a reload never breaks those links; rows a new release drops are deleted unless something
still points at them. The other tables (ratings, links, wages, projections) are replaced
per dataset. Writes use ``bulk_create`` in batches: no query per row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import models, transaction
from django.utils import timezone

import pathways
from pathways.apps.accounts.access import ConsoleUser, action
from pathways.apps.accounts.audit import record
from pathways.apps.catalog import generation
from pathways.apps.catalog.models import (
    CipCode,
    CipSocLink,
    Occupation,
    OccupationAltTitle,
    OccupationSkill,
    Projection,
    ReferenceRelease,
    RelatedOccupation,
    SocGroup,
    Wage,
)
from pathways.apps.catalog.queries import CatalogAccess, catalog_access
from pathways.apps.exchange.models import ExchangeJob
from pathways.standards import (
    CIP,
    OEWS,
    ONET,
    PROJECTIONS,
    SOC,
    Dataset,
    DatasetFiles,
    Problems,
    find_datasets,
    read_dataset,
)

BUNDLED_PATH = Path(pathways.__file__).parent / "data" / "reference"
BUNDLED_SOURCE = "bundled subset"
BATCH = 2000
# A dataset reloads when one it links to reloads (crosswalk links need the SOC groups).
DEPENDS_ON = {CIP: SOC}

Progress = Callable[[str, int, int], None]  # (what is happening, steps done, steps in all)
WRITE_STEPS = {SOC: 1, ONET: 4, CIP: 2, OEWS: 1, PROJECTIONS: 1}


@dataclass
class DatasetOutcome:
    dataset: str
    version: str = ""
    rows: int = 0
    skipped: str = ""  # why nothing was written, if nothing was
    notes: list[str] = field(default_factory=list)


@dataclass
class LoadReport:
    source: str
    outcomes: list[DatasetOutcome]
    job: ExchangeJob | None = None

    @property
    def loaded(self) -> list[DatasetOutcome]:
        return [o for o in self.outcomes if not o.skipped]

    @property
    def skipped(self) -> list[DatasetOutcome]:
        return [o for o in self.outcomes if o.skipped]


def load_bundled_reference(force: bool = False, progress: Progress | None = None) -> LoadReport:
    """Load the subset that ships with Pathways (52 pathway occupations), as the console."""
    return load_reference(catalog_access(ConsoleUser("pathways reference load")), None,
                          force=force, progress=progress)


@action("reference.load", CatalogAccess, "reference.load", atomic=False)
def load_reference(access: CatalogAccess, path: str | Path | None = None, *,
                   force: bool = False, progress: Progress | None = None) -> LoadReport:
    """Load every dataset found under ``path`` (the bundled subset when None).

    Raises ``InputError`` listing every problem found, and then writes nothing. Without
    ``force``, datasets whose files are unchanged are skipped, and the bundled subset never
    replaces a dataset loaded from elsewhere (``make run`` must not undo a full load).
    """
    bundled = path is None
    source = BUNDLED_SOURCE if bundled else str(path)
    found = find_datasets(BUNDLED_PATH if bundled else path)
    steps, total = 0, sum(2 + WRITE_STEPS[name] for name in found) + 1

    def step(label: str) -> None:
        nonlocal steps
        steps += 1
        if progress:
            progress(label, steps, max(total, steps))

    releases = {r.dataset: r for r in ReferenceRelease.objects.filter(dataset__in=found)}
    outcomes: dict[str, DatasetOutcome] = {}
    todo: dict[str, DatasetFiles] = {}
    for name, files in found.items():
        outcomes[name] = DatasetOutcome(name)
        release = releases.get(name)
        reason, unchanged = ("", False) if force else _skip_reason(release, files, bundled)
        if unchanged and DEPENDS_ON.get(name) in todo:
            reason = ""
        if reason:
            outcomes[name].skipped = reason
            outcomes[name].version = release.version
            total -= 1 + WRITE_STEPS[name]
        else:
            todo[name] = files
        step(f"checked {name}")

    problems = Problems()
    parsed: dict[str, Dataset] = {}
    for name, files in todo.items():
        parsed[name] = read_dataset(files, problems)
        step(f"read {name}")
    problems.raise_if_any()  # nothing has been written yet

    if not parsed:
        return LoadReport(source, list(outcomes.values()))
    with transaction.atomic():
        for name, dataset in parsed.items():
            outcome = outcomes[name]
            outcome.version, outcome.rows = dataset.version, dataset.rows
            _WRITERS[name](dataset, outcome, step)
            ReferenceRelease.objects.update_or_create(dataset=name, defaults={
                "version": dataset.version[:64], "checksum": dataset.checksum,
                "rows": dataset.rows, "source": source[:300]})
        if SOC in parsed and ONET not in parsed:
            _link_occupations_to_soc()
        report = {o.dataset: {"version": o.version, "rows": o.rows, "skipped": o.skipped,
                              "notes": o.notes} for o in outcomes.values()}
        actor = access.actor
        user = actor if getattr(actor, "pk", None) else None
        job = ExchangeJob.objects.create(
            kind=ExchangeJob.Kind.REFERENCE_LOAD, status=ExchangeJob.Status.SUCCEEDED,
            source=source[:500], finished_at=timezone.now(), started_by=user, report=report)
        summary = "Loaded reference data: " + ", ".join(
            f"{o.dataset} {o.version} ({o.rows} rows)" for o in outcomes.values()
            if not o.skipped)
        record(actor, "reference.load", job, summary, changes=report)
        generation.changed()  # bulk writes send no signals: public pages must be redrawn
    step("saved")
    return LoadReport(source, list(outcomes.values()), job)


@action("reference.queue_load", CatalogAccess, "reference.load", atomic=False)
def queue_reference_load(access: CatalogAccess, path: str | Path | None = None, *,
                         force: bool = False) -> Any:
    """Queue ``load_reference`` for a worker (``exchange.tasks.load_reference_job``): a full
    O*NET load takes minutes. The folder is read by the worker, on its machine. Returns the
    job; the command line follows it with ``pathways jobs show --follow``."""
    from pathways.apps.exchange.tasks import load_reference_job
    from pathways.apps.jobs.queueing import queue_job

    source = BUNDLED_SOURCE if path is None else str(Path(path).resolve())
    actor = access.actor
    job = queue_job(load_reference_job, kind="reference.load",
                    title=f"Reference data from {source}", actor=actor,
                    params={"path": None if path is None else source, "force": force,
                            # A job queued from the command line acts for the console again.
                            "console": None if getattr(actor, "pk", None) else str(actor)})
    record(actor, "reference.queue_load", job, summary=f"Queued a reference load from {source}",
           changes={"job": job.pk, "source": source[:200], "force": force})
    return job


def _skip_reason(release: ReferenceRelease | None, files: DatasetFiles,
                 bundled: bool) -> tuple[str, bool]:
    """Why a dataset need not be written ('' if it must), and whether it is unchanged."""
    if release is None:
        return "", False
    if release.checksum == files.checksum():
        return f"unchanged since {release.loaded_at:%Y-%m-%d %H:%M}", True
    if bundled and release.source != BUNDLED_SOURCE:
        return f"loaded from {release.source}; the bundled subset does not replace it", False
    return "", False


def reference_status() -> list[ReferenceRelease]:
    """What is loaded, dataset by dataset."""
    return list(ReferenceRelease.objects.order_by("dataset"))


# -- writing ---------------------------------------------------------------------------------

def _chunks(items: list, size: int = 500) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _upsert(model: type[models.Model], objects: list[models.Model], fields: list[str]) -> None:
    model.objects.bulk_create(objects, batch_size=BATCH, update_conflicts=True,
                              unique_fields=[model._meta.pk.name],
                              update_fields=fields)


def _remove_stale(model: type[models.Model], keep: set[str], outcome: DatasetOutcome) -> None:
    """Delete rows the new release no longer has, except rows something protects."""
    stale = set(model.objects.values_list("pk", flat=True)) - keep
    if not stale:
        return
    protected: set[str] = set()
    for relation in model._meta.related_objects:
        if relation.on_delete is models.PROTECT:
            for chunk in _chunks(sorted(stale)):
                protected |= set(relation.related_model.objects.filter(
                    **{f"{relation.field.name}__in": chunk}).values_list(
                    relation.field.attname, flat=True))
    for chunk in _chunks(sorted(stale - protected)):
        model.objects.filter(pk__in=chunk).delete()
    name = model._meta.verbose_name_plural
    outcome.notes.append(f"removed {len(stale - protected)} {name} no longer published")
    if protected:
        outcome.notes.append(f"kept {len(protected)} {name} no longer published because "
                             f"pathways or programs use them: {', '.join(sorted(protected)[:5])}")


def _replace(model: type[models.Model], objects: list[models.Model]) -> None:
    model.objects.all().delete()
    model.objects.bulk_create(objects, batch_size=BATCH)


def _write_soc(dataset: Dataset, outcome: DatasetOutcome, step: Callable[[str], None]) -> None:
    groups = [SocGroup(code=g.code, title=g.title[:200], level=g.level, parent_id=g.parent,
                       definition=g.definition) for g in dataset.soc_groups]
    _upsert(SocGroup, groups, ["title", "level", "parent", "definition"])
    _remove_stale(SocGroup, {g.code for g in groups}, outcome)
    step("wrote SOC groups")


def _link_occupations_to_soc() -> None:
    socs = set(SocGroup.objects.values_list("code", flat=True))
    changed = []
    for occupation in Occupation.objects.only("code", "soc_id"):
        soc = occupation.code[:7] if occupation.code[:7] in socs else None
        if occupation.soc_id != soc:
            occupation.soc_id = soc
            changed.append(occupation)
    Occupation.objects.bulk_update(changed, ["soc"], batch_size=BATCH)


def _write_onet(dataset: Dataset, outcome: DatasetOutcome, step: Callable[[str], None]) -> None:
    release = dataset.onet
    socs = set(SocGroup.objects.values_list("code", flat=True))
    occupations = [
        Occupation(code=o.code, soc_id=o.code[:7] if o.code[:7] in socs else None,
                   title=o.title[:200], description=o.description, job_zone=o.job_zone,
                   typical_education=o.typical_education[:120],
                   education_distribution=[{"category": e.category, "label": e.label,
                                            "percent": e.percent} for e in o.education],
                   interests=o.interests)
        for o in release.occupations
    ]
    _upsert(Occupation, occupations, ["soc", "title", "description", "job_zone",
                                      "typical_education", "education_distribution",
                                      "interests"])
    _remove_stale(Occupation, {o.code for o in occupations}, outcome)
    step("wrote occupations")
    _replace(OccupationSkill, [
        OccupationSkill(occupation_id=s.occupation, element_id=s.element_id, name=s.name[:120],
                        importance=s.importance, level=s.level) for s in release.skills])
    step("wrote skills")
    _replace(RelatedOccupation, [
        RelatedOccupation(occupation_id=r.occupation, related_code=r.related_code,
                          tier=r.tier[:24], index=r.index) for r in release.related])
    unresolved = len({r.related_code for r in release.related}
                     - {o.code for o in release.occupations})
    if unresolved:
        outcome.notes.append(f"{unresolved} related occupations are outside the loaded set "
                             "(kept as codes)")
    step("wrote related occupations")
    _replace(OccupationAltTitle, [
        OccupationAltTitle(occupation_id=t.occupation, title=t.title, short_title=t.short_title)
        for t in release.alternate_titles])
    step("wrote alternate titles")


def _write_cip(dataset: Dataset, outcome: DatasetOutcome, step: Callable[[str], None]) -> None:
    codes = [CipCode(code=c.code, title=c.title[:250], definition=c.definition, level=c.level)
             for c in dataset.cip_codes]
    _upsert(CipCode, codes, ["title", "definition", "level"])
    _remove_stale(CipCode, {c.code for c in codes}, outcome)
    step("wrote CIP codes")
    cips = {c.code for c in codes}
    socs = set(SocGroup.objects.values_list("code", flat=True))
    links = [CipSocLink(cip_id=link.cip, soc_id=link.soc) for link in dataset.cip_soc
             if link.cip in cips and link.soc in socs]
    _replace(CipSocLink, links)
    if len(links) < len(dataset.cip_soc):
        outcome.notes.append(f"{len(dataset.cip_soc) - len(links)} crosswalk rows name a CIP "
                             "code no longer in use or a SOC code not loaded; left out")
    step("wrote CIP-SOC crosswalk")


def _write_oews(dataset: Dataset, outcome: DatasetOutcome, step: Callable[[str], None]) -> None:
    _replace(Wage, [
        Wage(vintage=dataset.version[:16], area=w.area, area_title=w.area_title[:100],
             occ_code=w.occ_code, occ_title=w.occ_title[:200], employment=w.employment,
             hourly_median=w.hourly_median, annual_mean=w.annual_mean, annual_p10=w.annual_p10,
             annual_p25=w.annual_p25, annual_median=w.annual_median, annual_p75=w.annual_p75,
             annual_p90=w.annual_p90, top_coded=list(w.top_coded), hourly_only=w.hourly_only,
             annual_only=w.annual_only)
        for w in dataset.wages])
    step("wrote wages")


def _write_projections(dataset: Dataset, outcome: DatasetOutcome,
                       step: Callable[[str], None]) -> None:
    _replace(Projection, [
        Projection(soc_code=p.soc_code, title=p.title[:200], period=p.period[:9],
                   employment_base=p.employment_base, employment_target=p.employment_target,
                   change_percent=p.change_percent, annual_openings=p.annual_openings,
                   typical_entry_education=p.typical_entry_education[:120],
                   work_experience=p.work_experience[:120],
                   on_the_job_training=p.on_the_job_training[:120])
        for p in dataset.projections])
    step("wrote projections")


_WRITERS = {SOC: _write_soc, ONET: _write_onet, CIP: _write_cip, OEWS: _write_oews,
            PROJECTIONS: _write_projections}
