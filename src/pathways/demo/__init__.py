"""One deterministic demo region: the Bluegrass River Region (sample data).

Tests, docs and ``make run`` share it. Its content is in data files (``demo/data/*.yaml``,
read and checked by ``loader``); ``region`` builds it, ``cases``, ``quality`` and
``measures`` add the caseload, the self-assessment and a measures run. Organisations,
people, programs and costs are invented and marked ``is_sample``; occupations, codes and
wages are the real reference data (load it first with ``pathways reference load``).
"""

from __future__ import annotations

from pathways.demo.region import (
    DEMO_PASSWORD,
    REGION,
    DemoSummary,
    MissingReferenceData,
    build_demo_region,
    ctid,
    demo_exists,
    remove_demo_region,
)

__all__ = ["DEMO_PASSWORD", "REGION", "DemoSummary", "MissingReferenceData",
           "build_demo_region", "ctid", "demo_exists", "remove_demo_region"]
