from __future__ import annotations

from kg.segment import Segmenter, segmenter, user_dictionaries


def test_owned_tokenizer_not_global() -> None:
    import jieba

    assert segmenter().tokenizer is not jieba.dt
    assert segmenter() is segmenter()


def test_offsets_and_user_dictionary() -> None:
    text = "全市产业集聚区建设加快推进"
    tokens = segmenter().tag(text, offset=100)
    assert "".join(t.text for t in tokens) == text
    assert tokens[0].start == 100 and tokens[-1].end == 100 + len(text)
    assert "产业集聚区" in [t.text for t in tokens]  # from kg/data/dict/base.txt
    assert all(t.pos for t in tokens)


def test_words_have_no_tags() -> None:
    tokens = segmenter().words("召开会议")
    assert [t.pos for t in tokens] == [""] * len(tokens)


def test_custom_dictionary(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "d.txt"
    path.write_text("召开会议 100000 v\n", "utf-8")
    assert [t.text for t in Segmenter([path]).words("召开会议")] == ["召开会议"]
    assert user_dictionaries()
