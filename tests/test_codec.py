import io
import json
import zipfile

import numpy as np
import pytest

from factcheck import codec
from factcheck.features import BlockTfidf, HashedCounts

TRUSTED = {codec.type_name(HashedCounts), codec.type_name(BlockTfidf)}


def _round_trip(obj, trusted=TRUSTED):
    structure, arrays = codec.read(codec.dumps(obj, trusted))
    return codec.build(structure, arrays, trusted)


def test_plain_data_round_trips_exactly():
    obj = {
        "none": None,
        "flags": [True, False],
        "pair": (1, 2.5),
        "text": "caf\u00e9 \U0001f600",
        "ints": np.arange(5, dtype=np.int8),
        "floats": np.array([[0.1, -2e-300], [np.inf, 1 / 3]]),
        "labels": np.array(["factual", "opinion"]),
        "objects": np.array(["a", "bc"], dtype=object),
        "scalar": np.float64(0.1 + 0.2),
    }
    back = _round_trip(obj)
    assert back.keys() == obj.keys()
    assert back["pair"] == (1, 2.5) and isinstance(back["pair"], tuple)
    assert back["flags"] == [True, False] and back["text"] == obj["text"]
    for key in ("ints", "floats", "labels"):
        assert back[key].dtype == obj[key].dtype and np.array_equal(back[key], obj[key])
    assert back["objects"].dtype == object and back["objects"].tolist() == ["a", "bc"]
    assert type(back["scalar"]) is np.float64 and back["scalar"] == obj["scalar"]


def test_a_trusted_object_comes_back_with_its_state():
    fitted = BlockTfidf().fit(HashedCounts(n_features=64).transform(["one two", "two three"]))
    back = _round_trip({"step": fitted})["step"]
    assert type(back) is BlockTfidf
    assert np.array_equal(back.columns_, fitted.columns_) and np.array_equal(back.idf_, fitted.idf_)


def test_saving_an_untrusted_object_names_its_class():
    with pytest.raises(codec.UntrustedType, match=r"^collections\.OrderedDict$"):
        from collections import OrderedDict

        codec.dumps([OrderedDict()], TRUSTED)


def test_a_description_naming_an_untrusted_class_is_refused_before_any_import(monkeypatch):
    structure = {"list": [{"object": "os.system", "new": True}]}

    def no_import(name, *args):
        raise AssertionError(f"imported {name}")

    monkeypatch.setattr("importlib.import_module", no_import)
    with pytest.raises(codec.UntrustedType, match=r"os\.system"):
        codec.build(structure, {}, TRUSTED)


@pytest.mark.parametrize("data", [b"", b"not a zip", b"PK\x03\x04 broken"])
def test_bytes_that_are_not_an_archive_are_corrupt(data: bytes):
    with pytest.raises(codec.Corrupt):
        codec.read(data)


def test_an_archive_holding_a_pickled_array_is_corrupt_not_unpickled():
    buffer = io.BytesIO()
    np.savez(buffer, structure=np.frombuffer(b"null", np.uint8), a0=np.array([object()], dtype=object))
    with pytest.raises(codec.Corrupt, match="plain arrays"):
        codec.read(buffer.getvalue())


def test_an_archive_without_a_description_is_corrupt():
    buffer = io.BytesIO()
    np.savez(buffer, a0=np.zeros(3))
    with pytest.raises(codec.Corrupt, match="no model description"):
        codec.read(buffer.getvalue())


def test_a_node_pointing_at_a_missing_array_is_corrupt():
    structure, _ = codec.read(codec.dumps({"x": np.zeros(2)}, TRUSTED))
    with pytest.raises(codec.Corrupt, match="missing"):
        codec.build(structure, {}, TRUSTED)


def test_plain_refuses_objects():
    structure, arrays = codec.read(codec.dumps([HashedCounts()], TRUSTED))
    with pytest.raises(codec.Corrupt):
        codec.plain(structure, arrays)


def test_the_description_is_stored_inside_the_archive():
    data = codec.dumps({"k": 1}, TRUSTED)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert sorted(archive.namelist()) == ["structure.npy"]
        assert all(info.compress_type == zipfile.ZIP_STORED for info in archive.infolist())
    structure, _ = codec.read(data)
    assert json.loads(json.dumps(structure)) == {"dict": {"k": 1}}
