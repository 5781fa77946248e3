"""Shared performance measures: the six WIOA primary indicators and pathway progress.

Plain Python over tables; never imports Django. Measure definitions are YAML
(``definitions/``) compiled to ibis expressions that run on DuckDB, PostgreSQL or Spark.
"""

from pathways.metrics.compute import TIDY_COLUMNS
from pathways.metrics.definitions import Measure, load_measures, parse_measure
from pathways.metrics.dimensions import DIMENSIONS
from pathways.metrics.engines import ENGINES, Engine, connect
from pathways.metrics.facts import Window
from pathways.metrics.memory import steady_memory
from pathways.metrics.periods import combine_periods
from pathways.metrics.pirl import read_pirl
from pathways.metrics.run import RunResult, run_measures
from pathways.metrics.sources import Inputs, ParticipantSource, PirlFiles, RecordSource
from pathways.metrics.suppression import DEFAULT_THRESHOLD, suppress
from pathways.metrics.wages import read_wages

# Before any array of a run is made (any module of the engine imports this package).
steady_memory()

__all__ = [
    "DEFAULT_THRESHOLD",
    "DIMENSIONS",
    "ENGINES",
    "TIDY_COLUMNS",
    "Engine",
    "Inputs",
    "Measure",
    "ParticipantSource",
    "PirlFiles",
    "RecordSource",
    "RunResult",
    "Window",
    "combine_periods",
    "connect",
    "load_measures",
    "parse_measure",
    "read_pirl",
    "read_wages",
    "run_measures",
    "suppress",
]
