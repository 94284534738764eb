"""The extra risk labels: the shipped TSV's format, and the loader on a fixture of our own."""

from __future__ import annotations

import gzip
import json
import re

import pytest

from tests.shared_data import shared_path
from yuqing.analysis.evaluation import risk_data
from yuqing.analysis.evaluation.risk_data import Labelled
from yuqing.analysis.evaluation.risk_extra import (
    CED_COMMENTS, CED_LABELS, CED_ROOTS, HEADER, LABELS, SOURCES, StaleLabelError, ced_labelled, extra_labelled, read_labels,
    text_sha1)
from yuqing.analysis.risk import sentiment_scores
from yuqing.analysis.sentiment_features import match_form
from yuqing.errors import InputError

SMP = [{"id": "smp-1", "text": "今天下午城南一处仓库起火，消防正在扑救", "label": "fear"},
       {"id": "smp-2", "text": "周末和朋友去爬山，风景真好看啊", "label": "happy"}]
VIRUS = [{"id": 7, "content": "本市新增两例确诊病例，均已隔离治疗", "label": "fear"}]


@pytest.mark.parametrize("path", [LABELS, CED_LABELS, CED_COMMENTS, CED_ROOTS], ids=["non-CED", "CED", "CED comments", "CED roots"])
def test_the_shipped_labels_are_well_formed(path):
    comments = [line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("#")]
    assert any("AI helper" in line for line in comments) and any("GUIDE.md" in line for line in comments)
    assert any("Calibration" in line for line in comments)
    labels = read_labels(path)
    assert len(labels) >= 100 and sum(label.risk for label in labels) >= 20
    assert len({(label.source, label.id) for label in labels}) == len(labels)
    assert all(re.fullmatch(r"[0-9a-f]{10}", label.text_sha1) for label in labels)
    assert {label.source for label in labels} <= set(SOURCES)
    assert all((label.type == "none") == (label.risk == 0) for label in labels)


def write_fixture(root, rows_smp=SMP, rows_virus=VIRUS):
    (root / "sentiment" / "extra").mkdir(parents=True)
    (root / "sentiment" / "smp2020_weibo").mkdir(parents=True)
    with gzip.open(root / SOURCES["smp2020_usual_train.jsonl.gz"], "wt", encoding="utf-8") as out:
        out.write("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows_smp))
    (root / SOURCES["virus_train.jsonl"]).write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows_virus), encoding="utf-8")


def write_stream(root, rows):
    (root / "stream").mkdir()
    with gzip.open(root / SOURCES["ced_weibo_dev.jsonl.gz"], "wt", encoding="utf-8") as out:
        out.write("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))


def write_labels(path, rows):
    path.write_text("# a comment\n" + HEADER + "\n" + "".join("\t".join(row) + "\n" for row in rows), encoding="utf-8")


def fixture_labels():
    return [("smp2020_usual_train.jsonl.gz", "smp-1", "1", "事故灾难", text_sha1(SMP[0]["text"])),
            ("virus_train.jsonl", "7", "1", "公共卫生", text_sha1(VIRUS[0]["content"])),
            ("smp2020_usual_train.jsonl.gz", "smp-2", "0", "none", text_sha1(SMP[1]["text"]))]


def test_the_loader_joins_labels_with_their_texts(tmp_path):
    write_fixture(tmp_path)
    write_labels(tmp_path / "labels.tsv", fixture_labels())
    posts = extra_labelled(tmp_path, tmp_path / "labels.tsv")
    texts = [match_form(SMP[0]["text"]), match_form(VIRUS[0]["content"]), match_form(SMP[1]["text"])]
    assert [(p.id, p.text, p.risk, p.type) for p in posts] == [
        ("extra:smp2020_usual_train.jsonl.gz:smp-1", texts[0], 1, "事故灾难"),
        ("extra:virus_train.jsonl:7", texts[1], 1, "公共卫生"),
        ("extra:smp2020_usual_train.jsonl.gz:smp-2", texts[2], 0, "none")]
    assert all(p.cascade == p.id and p.teaches_type for p in posts)  # each its own group: trains every fold, never scored
    assert [p.sentiment for p in posts] == sentiment_scores([("", text) for text in texts])


def test_a_changed_or_missing_text_is_named(tmp_path):
    write_fixture(tmp_path, rows_smp=[SMP[0], {**SMP[1], "text": "周末和朋友去爬山，风景一般般"}])
    write_labels(tmp_path / "labels.tsv", fixture_labels())
    with pytest.raises(StaleLabelError, match="smp-2 no longer matches"):
        extra_labelled(tmp_path, tmp_path / "labels.tsv")
    write_labels(tmp_path / "gone.tsv", [("virus_train.jsonl", "8", "0", "none", "0123456789")])
    with pytest.raises(StaleLabelError, match="id 8 is missing"):
        extra_labelled(tmp_path, tmp_path / "gone.tsv")


@pytest.mark.parametrize("row", [("virus_train.jsonl", "7", "1", "火灾", "0123456789"),
                                 ("virus_train.jsonl", "7", "0", "其他", "0123456789"),
                                 ("other.jsonl", "7", "0", "none", "0123456789")])
def test_a_bad_row_is_refused(tmp_path, row):
    write_labels(tmp_path / "bad.tsv", [row])
    with pytest.raises(InputError, match="row 2"):
        read_labels(tmp_path / "bad.tsv")


def test_a_missing_header_is_refused(tmp_path):
    (tmp_path / "bad.tsv").write_text("virus_train.jsonl\t7\t0\tnone\t0123456789\n", encoding="utf-8")
    with pytest.raises(InputError, match="header"):
        read_labels(tmp_path / "bad.tsv")


def test_every_shipped_label_still_finds_its_text():
    from tests.shared_data import shared_path

    root = shared_path("sentiment/extra").parent.parent
    posts = extra_labelled(root)
    assert len(posts) == len(read_labels()) and all(post.text for post in posts)


def test_the_ced_labels_name_stream_posts_only_once():
    posts, comments, roots = read_labels(CED_LABELS), read_labels(CED_COMMENTS), read_labels(CED_ROOTS)
    assert {label.source for label in posts + comments + roots} == {"ced_weibo_dev.jsonl.gz"}
    assert (len(posts), sum(label.risk for label in posts)) == (1188, 236)
    assert (len(comments), sum(label.risk for label in comments)) == (1140, 80)
    assert (len(roots), sum(label.risk for label in roots)) == (227, 61)
    ids = [label.id for label in posts + comments + roots]
    assert len(set(ids)) == len(ids)


def test_a_root_trains_only_the_folds_that_score_none_of_its_cascade(tmp_path):
    rows = [{"id": "c1", "cascade": "c1", "kind": "original", "text": "城东化工厂爆炸起火，消防正在救援"},
            {"id": "c2", "cascade": "c2", "kind": "original", "text": "今天天气不错，出去走走"}]
    write_stream(tmp_path, rows)
    write_labels(tmp_path / "roots.tsv", [("ced_weibo_dev.jsonl.gz", r["id"], risk, kind, text_sha1(r["text"]))
                                          for r, risk, kind in zip(rows, "10", ["事故灾难", "none"])])
    roots = extra_labelled(tmp_path, tmp_path / "roots.tsv", cascade_roots=True)
    assert [(p.cascade, p.teaches_type) for p in roots] == [("c1", False), ("c2", False)]
    scored = [Labelled("comment", "太可怕了", 0, "none", "c1", 0.0)]
    assert risk_data.outside(roots, scored) == [roots[1]]
    assert risk_data.outside(roots, []) == roots


def test_stream_posts_are_joined_by_id(tmp_path):
    rows = [{"id": "abc", "cascade": "c1", "kind": "repost", "text": "转发：城东化工厂爆炸，多人受伤"},
            {"id": "c1", "cascade": "c1", "kind": "original", "text": "今天天气不错"}]
    write_stream(tmp_path, rows)
    write_labels(tmp_path / "ced.tsv", [("ced_weibo_dev.jsonl.gz", "abc", "1", "事故灾难", text_sha1(rows[0]["text"]))])
    [post] = extra_labelled(tmp_path, tmp_path / "ced.tsv")
    assert (post.id, post.risk, post.type, post.text) == ("extra:ced_weibo_dev.jsonl.gz:abc", 1, "事故灾难", match_form(rows[0]["text"]))


def test_a_post_labelled_by_reading_is_not_also_a_weak_post(tmp_path):
    rows = [{"id": "a", "cascade": "c1", "text": "城东化工厂爆炸起火，消防正在救援"},
            {"id": "b", "cascade": "c2", "text": "南湖大桥坍塌，一辆货车坠河，多人受伤"},
            {"id": "c", "cascade": "c3", "text": "持刀歹徒砍人后被警方抓获，伤者送医"}]
    write_stream(tmp_path, rows)
    read = [Labelled("x", match_form(rows[0]["text"]), 1, "事故灾难", "x", 0.0)]
    everything = risk_data.weak_typed(tmp_path, set())
    assert [text for text, _ in everything] == [match_form(r["text"]) for r in rows]
    assert risk_data.weak_typed(tmp_path, {"c3"}, {p.text for p in read}) == [everything[1]]


def test_the_ced_labels_match_the_shared_stream_and_stay_outside_the_scored_posts():
    root = shared_path("stream/ced_weibo_dev.jsonl.gz").parents[1]
    posts = ced_labelled(root) + extra_labelled(root, CED_COMMENTS)  # StaleLabelError if a text changed
    gold = risk_data.labelled(root)
    others = {label.id for label in read_labels(CED_LABELS) + read_labels(CED_COMMENTS)}
    roots = {label.id for label in read_labels(CED_ROOTS)}
    cascades, root_rows = set(), {}
    with gzip.open(root / "stream" / "ced_weibo_dev.jsonl.gz", "rt", encoding="utf-8") as rows:
        for line in rows:
            row = json.loads(line)
            if row["id"] in others:
                cascades.add(row["cascade"])
            elif row["id"] in roots:
                root_rows[row["id"]] = (row["cascade"], row["kind"])
    assert len(posts) == 2328 + 227 and not cascades & {p.cascade for p in gold}
    assert not {p.text for p in posts} & {p.text for p in gold}
    # the roots: originals of the 1,200's cascades, none of them scored, each grouped with its cascade
    assert all(cascade == key and kind == "original" for key, (cascade, kind) in root_rows.items())
    assert len(root_rows) == 227 and roots <= {p.cascade for p in gold} and not roots & {p.id for p in gold}
    assert {p.cascade for p in posts if p.cascade in roots} == roots
