"""Search results and counts against a brute-force scan (runs on SQLite and on PostgreSQL)."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest

from tests.documents.brute import brute_ids
from tests.documents.factories import BASE_TIME, item, store_texts
from yuqing.analysis.query.ast import And, Not, Or, Term
from yuqing.documents.models import Document
from yuqing.documents.search import SearchFilters, count, search
from yuqing.documents.store import store_batch

pytestmark = pytest.mark.django_db
ALPHABET = "永城市化工厂起火事故商丘暴雨"
WORDS = ["fire", "news", "covid19", "abc"]
WIDE = SearchFilters(since=BASE_TIME - timedelta(days=1))


def _random_text(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(0, 6)):
        choice = rng.random()
        if choice < 0.6:
            parts.append("".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 7))))
        elif choice < 0.8:
            parts.append(rng.choice(WORDS))
        else:
            parts.append(rng.choice("，。！ 、"))
    return "".join(parts) if rng.random() < 0.5 else " ".join(parts)


def _random_term(rng: random.Random) -> Term:
    if rng.random() < 0.2:
        return Term(rng.choice(WORDS))
    start = rng.randrange(len(ALPHABET) - 4)
    text = ALPHABET[start : start + rng.choice([1, 2, 2, 3, 4])]
    return Term(text, field="title" if rng.random() < 0.15 else None)


def _random_query(rng: random.Random, depth: int = 0):
    if depth >= 2 or rng.random() < 0.35:
        node = _random_term(rng)
    else:
        kids = tuple(_random_query(rng, depth + 1) for _ in range(rng.randint(2, 3)))
        node = And(kids) if rng.random() < 0.5 else Or(kids)
    return Not(node) if rng.random() < 0.15 else node


@pytest.fixture
def corpus():
    rng = random.Random(11)
    texts = [_random_text(rng) for _ in range(300)]
    titles = [_random_text(rng) if rng.random() < 0.3 else "" for _ in range(300)]
    store_texts(texts, titles)
    return list(Document.objects.all())


def test_random_queries_match_brute_force(corpus):
    rng = random.Random(5)
    checked = 0
    for _ in range(150):
        query = _random_query(rng)
        expected = brute_ids(query, corpus)
        result = search(query, WIDE, limit=1000)
        assert result.total == len(expected), query
        assert {d.pk for d in result.documents} == expected, query
        checked += bool(expected)
    assert checked > 40  # the generator must produce queries that find something


def test_term_across_word_boundary_is_found():
    store_texts(["昨晚永城市化工厂起火", "市化工业园区", "永城 市化工"])
    assert count("城市化", WIDE) == 1  # straddles 永城市|化工厂; not across the space
    assert count('"市化工"', WIDE) == 3


def test_phrase_does_not_cross_punctuation_or_title_body_border():
    store_batch([item(1, "城，市化", title="永城"), item(2, "市民", title="永城")], None, None)
    assert count("城市", WIDE) == 0
    assert count("永城", WIDE) == 2


def test_latin_words_match_as_words():
    store_texts(["breaking news today", "newsletter sent", "NEWS in caps"])
    assert count("news", WIDE) == 2


def test_full_width_and_case_are_normalised():
    store_texts(["ＡＢＣ公司发布声明"])
    assert count("abc公司", WIDE) == 1


def test_single_character_terms_use_the_time_window():
    store_batch([item(1, "火", minutes=0), item(2, "大火", minutes=60 * 24 * 60)], None, None)
    late = SearchFilters(since=BASE_TIME + timedelta(days=59))
    assert count("火", late) == 1
    assert count("火", WIDE) == 2
    result = search("火")
    assert "single_char_window" in result.notes


def test_newest_first_and_paging():
    store_batch([item(i, f"永城通报{i}", minutes=i) for i in range(30)], None, None)
    first = search("永城", WIDE, limit=10)
    second = search("永城", WIDE, limit=10, offset=10)
    assert first.total == 30
    times = [d.published_at for d in first.documents + second.documents]
    assert times == sorted(times, reverse=True)
    assert not {d.pk for d in first.documents} & {d.pk for d in second.documents}


def test_time_and_source_filters():
    from yuqing.sources.models import Source

    a = Source.objects.create(name="a", kind="feed", url="http://a.example/rss")
    b = Source.objects.create(name="b", kind="feed", url="http://b.example/rss")
    store_batch([item(1, "永城消息", minutes=0)], a, None)
    store_batch([item(2, "永城消息", minutes=120)], b, None)
    assert count("永城", SearchFilters(source_ids=[a.pk])) == 1
    assert count("永城", SearchFilters(since=BASE_TIME + timedelta(minutes=60))) == 1
    assert count("永城", SearchFilters(until=BASE_TIME + timedelta(minutes=60))) == 1
    assert count("source:b 永城") == 1
    assert count("source:B 永城") == 1


def test_query_strings_through_the_parser():
    store_texts(["永城化工厂起火", "永城公交开通", "商丘暴雨"])
    assert count("永城 AND (起火 OR 暴雨)", WIDE) == 1
    assert count("永城 NOT 公交", WIDE) == 1
    assert count("永城 -公交", WIDE) == 1
    assert count("永城|商丘", WIDE) == 3
    assert count("NOT 永城", WIDE) == 1


def test_near_is_verified_exactly():
    store_texts(["永城今天发生一起事故", "永城" + "很" * 30 + "事故"])
    assert count("永城 NEAR/10 事故", WIDE) == 1


def test_updated_text_is_reindexed():
    from yuqing.documents import index

    store_texts(["旧的内容永城"])
    doc = Document.objects.get()
    index.unindex_documents([doc])
    doc.text = "新的内容商丘"
    doc.save()
    index.index_documents([doc])
    assert count("永城", WIDE) == 0
    assert count("商丘", WIDE) == 1


def test_metadata_fields_agree_with_the_matcher():
    from yuqing.documents.models import DocumentPlace

    store_batch([item(1, "永城消息", site="m.weibo.com", author="ZhangSan", language="zh-CN"),
                 item(2, "永城消息", site="news.example", author="lisi", language="en")], None, None)
    first = Document.objects.get(external_id="t1")
    DocumentPlace.objects.create(document=first, code="411481", level="county")
    assert count("site:weibo.com", WIDE) == 1
    assert count("author:zhangsan", WIDE) == 1
    assert count("lang:zh", WIDE) == 1
    assert count("place:410000", WIDE) == 1  # a province code means everything in it
    assert count("place:411481", WIDE) == 1
    assert count("NOT author:zhangsan", WIDE) == 1


def test_deleted_documents_leave_the_index():
    from django.db import connection

    store_texts(["永城通报一", "永城通报二"])
    Document.objects.filter(text="永城通报一").delete()
    assert count("永城", WIDE) == 1
    table = "document_fts" if connection.vendor == "sqlite" else "document_search"
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT count(*) FROM document_fts WHERE document_fts MATCH '\"永城\"'")
        else:
            cursor.execute(f"SELECT count(*) FROM {table}")
        assert cursor.fetchone()[0] == 1


RISKS = [(None, ""), (0, ""), (1, "事故灾难"), (1, "社会安全"), (1, "其他")]


def _random_meta_query(rng: random.Random, depth: int = 0):
    """Random trees over risk:, type: and sentiment: mixed with text terms."""
    if depth >= 2 or rng.random() < 0.4:
        choice = rng.random()
        if choice < 0.3:
            node = Term(rng.choice("10"), "risk")
        elif choice < 0.55:
            node = Term(rng.choice(["事故灾难", "社会安全", "其他", "公共卫生"]), "type")
        elif choice < 0.7:
            node = Term(rng.choice(["negative", "neutral"]), "sentiment")
        else:
            node = _random_term(rng)
    else:
        kids = tuple(_random_meta_query(rng, depth + 1) for _ in range(rng.randint(2, 3)))
        node = And(kids) if rng.random() < 0.5 else Or(kids)
    return Not(node) if rng.random() < 0.2 else node


def test_risk_type_and_sentiment_fields_match_the_reference_matcher_on_every_document():
    """risk:, type: (and sentiment:) in SQL give exactly what the in-memory matcher gives each document."""
    from yuqing.analysis.query import matches
    from yuqing.documents.postview import post_for_matching

    rng = random.Random(7)
    store_texts([_random_text(rng) for _ in range(120)])
    docs = list(Document.objects.all())
    for doc in docs:
        doc.risk, doc.risk_type = rng.choice(RISKS)
        doc.sentiment = rng.choice(["", "negative", "neutral"])
    Document.objects.bulk_update(docs, ["risk", "risk_type", "sentiment"])
    checked = 0
    for _ in range(120):
        query = _random_meta_query(rng)
        expected = {doc.pk for doc in docs if matches(query, post_for_matching(doc))}
        result = search(query, WIDE, limit=1000)
        assert {d.pk for d in result.documents} == expected and result.total == len(expected), query
        checked += 0 < len(expected) < len(docs)
    assert checked > 40
    assert count("risk:1", WIDE) == sum(doc.risk == 1 for doc in docs)
    assert count("-risk:1", WIDE) == sum(doc.risk != 1 for doc in docs)  # not analysed counts as not risk
    assert count("风险:0 OR 类型:事故灾难", WIDE) == sum(doc.risk == 0 or doc.risk_type == "事故灾难" for doc in docs)
