"""Scale-out: one combine contract for every aggregate, on any engine.

Re-exports only; the rules and examples are in ``docs/scale-out.md``. The
Dask integration is :mod:`carekit.scale.dask` (``carekit[dask]``), the
approximate quantiles :mod:`carekit.scale.sketch` (``carekit[sketch]``);
both import their engine only when used.
"""

from carekit.scale.combine import Accumulator as Accumulator
from carekit.scale.combine import BatchCombiner as BatchCombiner
from carekit.scale.combine import Combiner as Combiner
from carekit.scale.combine import JointCombiner as JointCombiner
from carekit.scale.combine import MethodCombiner as MethodCombiner
from carekit.scale.combine import ResponseCombiner as ResponseCombiner
from carekit.scale.combine import compute as compute
from carekit.scale.combine import fold as fold
from carekit.scale.combine import merge_all as merge_all
from carekit.scale.sketch import DEFAULT_ACCURACY as DEFAULT_ACCURACY
from carekit.scale.sketch import QuantileSketch as QuantileSketch
from carekit.scale.sketch import SketchedAccumulator as SketchedAccumulator
from carekit.scale.sketch import (
    SketchedResponseCombiner as SketchedResponseCombiner,
)
from carekit.scale.sketch import SketchedStats as SketchedStats

__all__ = [
    "DEFAULT_ACCURACY",
    "Accumulator",
    "BatchCombiner",
    "Combiner",
    "JointCombiner",
    "MethodCombiner",
    "QuantileSketch",
    "ResponseCombiner",
    "SketchedAccumulator",
    "SketchedResponseCombiner",
    "SketchedStats",
    "compute",
    "fold",
    "merge_all",
]
