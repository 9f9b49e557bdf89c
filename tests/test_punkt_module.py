import subprocess
import sys

from tests.conftest import REPO


def _run(code: str) -> str:
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_punkt_loads_without_the_rest_of_nltk_and_nltk_still_imports_whole_afterwards():
    out = _run(
        "import sys\n"
        "from factcheck.punkt_module import PunktSentenceTokenizer\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('nltk', 'sklearn', 'scipy')))\n"
        "import nltk\n"
        "from nltk.tokenize import sent_tokenize\n"
        "print(nltk.__version__ > '3', nltk.tokenize.punkt.PunktSentenceTokenizer.__name__)\n"
        "print(len(PunktSentenceTokenizer().sentences_from_text('One here. Two there.')))\n"
    )
    assert out.splitlines() == ["[]", "True PunktSentenceTokenizer", "2"]


def test_with_nltk_already_imported_punkt_is_nltks_own():
    out = _run(
        "import nltk.tokenize.punkt as p\n"
        "from factcheck.punkt_module import PunktParameters\n"
        "print(PunktParameters is p.PunktParameters)\n"
    )
    assert out == "True"


def test_a_punkt_that_needs_its_package_falls_back_to_the_whole_import():
    out = _run(
        "import importlib, sys\n"
        "real = importlib.import_module\n"
        "calls = []\n"
        "def picky(name, *a):\n"
        "    calls.append(name)\n"
        "    if name == 'nltk.tokenize.punkt' and len(calls) == 1:\n"
        "        raise ImportError('needs the package')\n"
        "    return real(name, *a)\n"
        "importlib.import_module = picky\n"
        "import factcheck.punkt_module as m\n"
        "print(m.PunktParameters.__module__, 'nltk' in sys.modules)\n"
    )
    assert out == "nltk.tokenize.punkt True"
