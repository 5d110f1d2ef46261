"""arqam.corpus: loading a folder of articles with its catalog, and the mention table."""

import csv
import hashlib
import math
import warnings

import pandas as pd
import pytest

from arqam import find_numbers
from arqam.corpus import MENTION_COLUMNS, load_corpus, mentions_frame

ARTICLES = {
    "a_absher": "سجلت منصة أبشر أكثر من 41 مليون عملية خلال عام 2024، بنمو 15%.",
    "b_jordan": "قدمت الوزارة 250 خدمة إلكترونية.\nواستفاد منها نحو ثلاثة ملايين مستخدم.",
}


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _write_corpus(folder, articles=ARTICLES, catalog=True, overrides=None):
    folder.mkdir(parents=True, exist_ok=True)
    for doc_id, text in articles.items():
        (folder / f"{doc_id}.txt").write_bytes(text.encode("utf-8"))
    if catalog:
        with (folder / "catalog.csv").open("w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(["doc_id", "country_iso3", "publisher", "published", "period_covered",
                        "period_note", "language", "topic", "sha256"])
            for doc_id, text in articles.items():
                row = {"country_iso3": "SAU", "publisher": "", "published": "2025-01-02",
                       "period_covered": "2024", "period_note": "", "language": "ar",
                       "topic": "e-services", "sha256": _sha(text.encode("utf-8"))}
                row.update((overrides or {}).get(doc_id, {}))
                w.writerow([doc_id] + list(row.values()))
    return folder


def test_load_corpus_reads_files_sorted_with_catalog(tmp_path):
    folder = _write_corpus(tmp_path / "corpus")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a consistent corpus raises no warning
        docs = load_corpus(folder)
    assert list(docs["doc_id"]) == ["a_absher", "b_jordan"]
    assert list(docs.columns[:5]) == ["doc_id", "path", "text", "n_chars", "sha256"]
    for col in ("country_iso3", "publisher", "published", "period_covered", "period_note", "language", "topic"):
        assert col in docs.columns
    row = docs.set_index("doc_id").loc["b_jordan"]
    assert row["text"] == ARTICLES["b_jordan"]
    assert row["n_chars"] == len(ARTICLES["b_jordan"])
    assert row["sha256"] == _sha(ARTICLES["b_jordan"].encode("utf-8"))
    assert row["country_iso3"] == "SAU"
    assert pd.isna(row["publisher"])  # an empty catalog field is null, not ""
    assert row["path"] == str((folder / "b_jordan.txt").resolve())


def test_relative_path_resolves_against_current_directory(tmp_path, monkeypatch):
    _write_corpus(tmp_path / "corpus")
    monkeypatch.chdir(tmp_path)
    docs = load_corpus("corpus")
    assert len(docs) == 2
    assert docs["path"].iloc[0] == str(tmp_path.resolve() / "corpus" / "a_absher.txt")


def test_missing_folder_is_named_in_the_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="no_such_folder"):
        load_corpus(tmp_path / "no_such_folder")


def test_missing_explicit_catalog_is_an_error(tmp_path):
    folder = _write_corpus(tmp_path / "corpus", catalog=False)
    with pytest.raises(FileNotFoundError, match="other.csv"):
        load_corpus(folder, catalog=tmp_path / "other.csv")


def test_explicit_catalog_elsewhere_is_used(tmp_path):
    _write_corpus(tmp_path / "with_catalog")
    folder = _write_corpus(tmp_path / "bare", catalog=False)
    docs = load_corpus(folder, catalog=tmp_path / "with_catalog" / "catalog.csv")
    assert list(docs["country_iso3"]) == ["SAU", "SAU"]


def test_sha256_mismatch_warns_naming_the_file_and_keeps_the_row(tmp_path):
    folder = _write_corpus(tmp_path / "corpus", overrides={"b_jordan": {"sha256": "0" * 64}})
    with pytest.warns(UserWarning, match=r"b_jordan\.txt.*differs") as rec:
        docs = load_corpus(folder)
    assert len(rec) == 1
    assert len(docs) == 2
    assert docs.set_index("doc_id").loc["b_jordan", "sha256"] == _sha(ARTICLES["b_jordan"].encode("utf-8"))


def test_file_without_catalog_row_is_kept_and_warned_about(tmp_path):
    folder = _write_corpus(tmp_path / "corpus")
    (folder / "c_new.txt").write_text("أطلقت الوزارة 12 خدمة جديدة.", encoding="utf-8")
    with pytest.warns(UserWarning, match=r"c_new\.txt has no row"):
        docs = load_corpus(folder)
    assert list(docs["doc_id"]) == ["a_absher", "b_jordan", "c_new"]
    row = docs.set_index("doc_id").loc["c_new"]
    assert pd.isna(row["country_iso3"]) and pd.isna(row["topic"])


def test_catalog_row_without_file_is_warned_about(tmp_path):
    folder = _write_corpus(tmp_path / "corpus")
    (folder / "b_jordan.txt").unlink()
    with pytest.warns(UserWarning, match="b_jordan"):
        docs = load_corpus(folder)
    assert list(docs["doc_id"]) == ["a_absher"]


def test_no_catalog_gives_null_catalog_columns(tmp_path):
    folder = _write_corpus(tmp_path / "corpus", catalog=False)
    docs = load_corpus(folder)
    assert len(docs) == 2
    assert docs["country_iso3"].isna().all()


def test_numeric_looking_doc_ids_keep_leading_zeros(tmp_path):
    folder = _write_corpus(tmp_path / "corpus", articles={"007": ARTICLES["a_absher"]})
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "007" read as 7 would not match and would warn
        docs = load_corpus(folder)
    assert docs["doc_id"].tolist() == ["007"]
    assert docs["country_iso3"].tolist() == ["SAU"]


def test_text_is_the_file_content_without_newline_translation(tmp_path):
    text = "أكثر من 41 مليون عملية\r\nو250 خدمة"
    folder = _write_corpus(tmp_path / "corpus", articles={"crlf": text})
    docs = load_corpus(folder)
    assert docs["text"].iloc[0] == text
    m = mentions_frame(docs)
    assert [text[s:e] for s, e in zip(m["char_start"], m["char_end"])] == m["text_ar"].tolist()
    assert "250" in m["text_ar"].tolist()


def test_mentions_frame_rows_offsets_and_order(tmp_path):
    docs = load_corpus(_write_corpus(tmp_path / "corpus"))
    m = mentions_frame(docs)
    assert tuple(m.columns) == MENTION_COLUMNS
    assert len(m) == sum(len(find_numbers(t)) for t in ARTICLES.values())
    texts = dict(zip(docs["doc_id"], docs["text"]))
    for row in m.itertuples():
        assert texts[row.doc_id][row.char_start:row.char_end] == row.text_ar
        assert row.mention_id == f"{row.doc_id}:{row.char_start}"
    assert m[["doc_id", "char_start"]].equals(m[["doc_id", "char_start"]].sort_values(["doc_id", "char_start"]))
    assert m["value"].dtype == "float64"

    absher = m[m["doc_id"] == "a_absher"].set_index("text_ar")
    assert absher.loc["41 مليون", "value"] == 41_000_000
    assert absher.loc["41 مليون", "qualifier"] == "more_than"
    assert math.isinf(absher.loc["41 مليون", "value_high"])
    assert absher.loc["2024", "kind"] == "year"
    assert absher.loc["15%", "kind"] == "percent"
    assert m["unit"].isna().all()


def test_mentions_frame_of_no_documents_keeps_the_schema():
    empty = pd.DataFrame({"doc_id": pd.Series(dtype="str"), "text": pd.Series(dtype="str")})
    m = mentions_frame(empty)
    assert m.empty and tuple(m.columns) == MENTION_COLUMNS


def test_progress_bar_only_above_twenty_documents(capsys):
    few = pd.DataFrame({"doc_id": [f"d{i:02d}" for i in range(20)], "text": ["بلغ 5 آلاف"] * 20})
    mentions_frame(few)
    assert "documents" not in capsys.readouterr().err
    many = pd.DataFrame({"doc_id": [f"d{i:02d}" for i in range(21)], "text": ["بلغ 5 آلاف"] * 21})
    m = mentions_frame(many)
    assert "documents" in capsys.readouterr().err
    assert len(m) == 21


def test_catalog_with_other_column_names_and_other_files(tmp_path):
    """A catalog written as id, country, published … (no sha256) beside other files is read as it is."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for doc_id, text in ARTICLES.items():
        (folder / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    (folder / "catalog.csv").write_text(
        "id,url,country,publisher,published,topic\n"
        "a_absher,https://example.org/a,SAU,وكالة,2025-01-02,absher\n"
        "b_jordan,https://example.org/b,JOR,,,services\n",
        encoding="utf-8",
    )
    (folder / "gold.jsonl").write_text('{"doc": "a_absher"}\n', encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no sha256 column: nothing to check, nothing to warn about
        docs = load_corpus(folder)
    assert docs["doc_id"].tolist() == ["a_absher", "b_jordan"]
    assert docs["country_iso3"].tolist() == ["SAU", "JOR"]
    assert docs["published"].iloc[0] == "2025-01-02" and pd.isna(docs["published"].iloc[1])
    assert docs["url"].iloc[1] == "https://example.org/b"  # extra columns kept
    assert "id" not in docs.columns and "country" not in docs.columns
