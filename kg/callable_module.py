"""Make a stage module callable as its main function.

`kg.build`, `kg.query` and `kg.validate` are both module names and the public functions
users call (`kg.build(...)`). Once `import kg.build` has run, the attribute `kg.build` is
the module, so the module itself forwards calls to its function.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Callable
from typing import Any


def make_module_callable(module_name: str, function: Callable[..., Any]) -> None:
    """Let `module(...)` call `function(...)` for the module named `module_name`."""

    class _CallableModule(types.ModuleType):
        __doc__ = f"Calling this module calls {function.__name__}()."

        def __call__(self, *args: Any, **kwargs: Any) -> Any:
            return function(*args, **kwargs)

    sys.modules[module_name].__class__ = _CallableModule
