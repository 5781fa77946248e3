"""`pathways jobs`: background jobs from a terminal (the worker is `pathways manage
db_worker`; ADR 0050). An operator's view: every job, with who started it."""

from __future__ import annotations

import time

import click

from pathways.commands._django import setup_django


def describe(job) -> str:
    """One line: id, status, title, step, rows done, time taken."""
    parts = [f"job {job.pk}", job.status, job.title]
    if job.step:
        parts.append(job.step)
    if job.total:
        parts.append(f"{job.done or 0:,} of {job.total:,} rows")
    if job.elapsed_seconds is not None:
        parts.append(f"{job.elapsed_seconds} s")
    return " | ".join(parts)


@click.group()
def jobs() -> None:
    """Background jobs: list them, follow one."""


@jobs.command("list")
@click.option("--limit", default=20, show_default=True, help="How many, newest first")
def list_jobs(limit: int) -> None:
    """The newest jobs and where each is."""
    setup_django()
    from pathways.apps.jobs.models import Job

    for job in Job.objects.all()[:limit]:
        click.echo(describe(job))


@jobs.command()
@click.argument("job_id", type=int)
@click.option("--follow", is_flag=True, help="Print each new step until the job ends")
@click.option("--every", default=1.0, show_default=True, help="Seconds between looks")
def show(job_id: int, follow: bool, every: float) -> None:
    """Where one job is (with --follow, its progress until it ends)."""
    setup_django()
    from pathways.apps.jobs.models import Job

    job = Job.objects.filter(pk=job_id).first()
    if job is None:
        raise click.ClickException(f"there is no job {job_id}")
    last = describe(job)
    click.echo(last)
    while follow and not job.is_finished:
        time.sleep(every)
        job.refresh_from_db()
        line = describe(job)
        if line.split(" | ")[:4] != last.split(" | ")[:4] or job.is_finished:
            click.echo(line)
        last = line
    if job.status == Job.Status.FAILED:
        click.echo(job.error, err=True)
        for p in job.problems:
            where = ", ".join(str(x) for x in (p["source"], p["line"], p["field"]) if x)
            click.echo(f"  {where}: {p['message']}", err=True)
        raise SystemExit(1)
    if job.result_url:
        click.echo(f"result: {job.result_url}")


@jobs.command()
def recover() -> None:
    """Queue again (or mark failed) running jobs whose worker has died."""
    setup_django()
    from pathways.apps.jobs.heartbeat import recover as recover_jobs

    found = recover_jobs()
    for pk in found.requeued:
        click.echo(f"job {pk}: its worker stopped; queued again")
    for pk in found.failed:
        click.echo(f"job {pk}: its worker stopped; marked failed (no attempts left)")
    if not (found.requeued or found.failed):
        click.echo("no job lost its worker")


@jobs.command(context_settings={"ignore_unknown_options": True})
@click.argument("worker_args", nargs=-1, type=click.UNPROCESSED)
def work(worker_args: tuple[str, ...]) -> None:
    """Recover jobs a dead worker left, then run the worker (`db_worker`; its options, such
    as --interval 2 or --batch, are passed on)."""
    setup_django()
    from django.core.management import call_command

    from pathways.apps.jobs.heartbeat import recover as recover_jobs

    found = recover_jobs()
    if found.requeued or found.failed:
        click.echo(f"recovered jobs a stopped worker left: queued again {found.requeued}, "
                   f"failed {found.failed}")
    call_command("db_worker", *worker_args)
