"""NLTK's Punkt sentence tokenizer, imported without the rest of NLTK.

``import nltk.tokenize.punkt`` first runs ``nltk/__init__.py`` and
``nltk/tokenize/__init__.py``, which import nearly all of NLTK, scipy.stats
and scikit-learn (through ``nltk.classify``): over a second, most of a cold
``factcheck predict``, spent on code the splitter never calls. Punkt itself
needs a handful of small NLTK modules (about 40 ms).

So while Punkt is imported, ``nltk`` and ``nltk.tokenize`` are stood in for
by empty packages with the real search path. Afterwards every NLTK module
this import added is taken out of ``sys.modules`` again: factcheck keeps its
own copy of Punkt, and a later ``import nltk`` anywhere (``train`` records
its version) gets the whole, ordinary package, not one half built from
stand-ins. Where NLTK is already imported there is nothing to save and the
import is the usual one.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
import types


def _import_punkt() -> types.ModuleType:
    name = "nltk.tokenize.punkt"
    if name in sys.modules or "nltk" in sys.modules:
        return importlib.import_module(name)
    spec = importlib.util.find_spec("nltk")
    if spec is None or not spec.submodule_search_locations:
        return importlib.import_module(name)  # raises the usual ModuleNotFoundError
    roots = list(spec.submodule_search_locations)
    stand_ins = {
        "nltk": roots,
        "nltk.tokenize": [os.path.join(root, "tokenize") for root in roots],
    }
    loaded = set(sys.modules)
    for package, path in stand_ins.items():
        module = types.ModuleType(package)
        module.__path__ = path
        sys.modules[package] = module
    try:
        module = importlib.import_module(name)
    except ImportError:  # a later NLTK whose Punkt needs its package code: the usual import
        _forget_nltk(loaded)
        return importlib.import_module(name)
    except BaseException:  # Ctrl-C: leave no stand-in behind
        _forget_nltk(loaded)
        raise
    _forget_nltk(loaded)
    return module


def _forget_nltk(loaded: set[str]) -> None:
    """Take out of ``sys.modules`` every NLTK module imported since ``loaded`` was taken."""
    for added in set(sys.modules) - loaded:
        if added == "nltk" or added.startswith("nltk."):
            del sys.modules[added]


_punkt = _import_punkt()
PunktLanguageVars = _punkt.PunktLanguageVars
PunktParameters = _punkt.PunktParameters
PunktSentenceTokenizer = _punkt.PunktSentenceTokenizer
PunktToken = _punkt.PunktToken
PunktTrainer = _punkt.PunktTrainer
