"""Events that hold together: a short post and a long article about one incident share an event,
two incidents of the same kind in two places do not. The texts are written for these tests."""

from __future__ import annotations

import pickle

import pytest

from yuqing.analysis.clustering import ClusterStage, EventStore
from yuqing.analysis.dedup import DedupStage
from yuqing.analysis.normalize import NormalizeStage
from yuqing.analysis.pipeline import Pipeline
from yuqing.analysis.places import PlacesStage
from yuqing.analysis.segment import SegmentStage

T0 = 1_717_000_000.0

WEIBO_FIRE = "#永城火灾# 永城市东城区建设路家具城着火了！浓烟好大，消防车已经到了，希望没有人被困"
ARTICLE_FIRE = (
    "6月3日14时许，河南省永城市东城区建设路一家具城发生火灾。永城市消防救援大队接警后调派8辆消防车、"
    "40余名指战员赶赴现场处置，疏散群众200余人。火灾造成3人受轻伤，已送医救治，无生命危险。目前明火已被"
    "扑灭，起火原因正在调查中。\n"
    "据了解，起火的家具城为三层建筑，一层为家具展厅，二层、三层为仓库，存放大量木质家具和海绵等易燃材料，"
    "火势蔓延较快。附近居民王女士说，下午两点多闻到焦糊味，出门就看见黑烟从楼顶冒出来。\n"
    "入夏以来，全省气温持续偏高，各类火灾多发。消防部门提醒，商场、市场等人员密集场所要落实消防安全主体"
    "责任，保持疏散通道畅通，定期检查电气线路；居民发现火情要第一时间拨打119报警，不要贪恋财物，按照"
    "疏散指示有序撤离。全市今年已开展消防安全检查1200余次，整改隐患3000余处。"
)
OTHER_FIRE = "杭州市西湖区文三路一家具城发生火灾，消防车已赶到现场，浓烟滚滚，暂无人员被困的消息"
FLOOD = "暴雨过后，广州市天河区多条道路积水严重，有车辆被困，市民出行请绕行"


def pipeline() -> Pipeline:
    return Pipeline([NormalizeStage(), SegmentStage(), PlacesStage(), DedupStage(), ClusterStage()])


def fed(texts: list[str], minutes: float = 2.0, run: Pipeline | None = None) -> list[dict]:
    """Posts with text only (as `yuqing analyze` reads them), `minutes` apart, through a pipeline."""
    posts = [{"id": f"p{i}", "text": text, "title": "", "created_at": T0 + i * minutes * 60, "url": "",
              "site": "", "author": "", "source": "", "parent_id": "", "ip_location": ""}
             for i, text in enumerate(texts)]
    return (run or pipeline()).run(posts)


def together_either_way(a: str, b: str) -> tuple[bool, bool]:
    """Whether `b` lands in `a`'s event when `a` comes first, and `a` in `b`'s when `b` does."""
    first, second = fed([a, b])
    again_first, again_second = fed([b, a])
    return second["event"] == first["event"], again_second["event"] == again_first["event"]


@pytest.fixture(scope="module")
def shared() -> Pipeline:
    return pipeline()


def test_a_weibo_post_and_a_news_article_about_one_fire_share_an_event(shared: Pipeline) -> None:
    post, article = fed([WEIBO_FIRE, ARTICLE_FIRE], run=shared)
    assert article["event"] == post["event"]
    article, post = fed([ARTICLE_FIRE, WEIBO_FIRE], run=pipeline())  # the article first: the same
    assert post["event"] == article["event"]


def test_two_fires_in_two_cities_are_two_events(shared: Pipeline) -> None:
    yongcheng, hangzhou = fed([WEIBO_FIRE, OTHER_FIRE], run=pipeline())
    assert yongcheng["event"] != hangzhou["event"]
    article, hangzhou = fed([ARTICLE_FIRE, OTHER_FIRE], run=pipeline())
    assert article["event"] != hangzhou["event"]


def test_an_unrelated_post_stays_out(shared: Pipeline) -> None:
    article, flood = fed([ARTICLE_FIRE, FLOOD], run=pipeline())
    assert article["event"] != flood["event"]


def test_common_words_alone_do_not_join_two_posts() -> None:
    # 开展, 宣传, 提醒, 出行 are in a post in a few hundred: two campaigns, not one incident
    first, second = fed(["交警走进学校开展宣传，提醒学生注意出行安全", "社区开展宣传活动，提醒居民出行注意安全"])
    assert first["event"] != second["event"]


def test_a_warm_up_without_places_finds_them_and_resumes_with_the_same_events() -> None:
    live = fed([ARTICLE_FIRE, WEIBO_FIRE, OTHER_FIRE])
    replay = pipeline()
    posts = [{k: v for k, v in p.items() if k in ("id", "text", "title", "created_at", "url", "parent_id")} for p in live]
    for stage in replay.stages:  # what documents/analysis.py replays: no places stage
        if stage.name in {"normalize", "segment", "dedup", "cluster"}:
            stage(posts)
    assert [p["event"] for p in posts] == [p["event"] for p in live]
    assert any(place["code"] == "411481" for place in posts[0]["places"])  # 永城市, found by the cluster stage


def test_state_carries_openings_places_and_word_statistics() -> None:
    run = pipeline()
    fed([ARTICLE_FIRE], run=run)
    cluster = run.stages[-1]
    restored = EventStore()
    restored.load_state(pickle.loads(pickle.dumps(cluster.store.state_dict())))
    (event,) = restored.live.values()
    assert event.text.startswith("6月3日") and any(code.startswith("411481") for code in event.places)
    assert restored.idf.documents == cluster.store.idf.documents == 1
    assert restored.openings == cluster.store.openings and "焦糊" in restored.openings  # not among its 32 terms
    run.stages[-1] = ClusterStage(restored)
    (post,) = fed([WEIBO_FIRE], run=run)
    assert post["event"] == "ev-p0"


def test_a_state_saved_by_version_1_still_loads() -> None:
    run = pipeline()
    fed([WEIBO_FIRE], run=run)
    state = run.stages[-1].store.state_dict()
    state.pop("idf")
    for event in state["live"]:
        event.pop("text"), event.pop("places")
    store = EventStore()
    store.load_state(state)
    (event,) = store.live.values()
    assert (event.text, event.places) == ("", ())


RESCUE_HEADLINE = "暖心一幕！韦振宇寒冬纵身跃入冰河 托起呼救男孩"
RESCUE_LEAD = ("昨天傍晚，正在送件的快递员韦振宇听到河边有人呼救，一名男孩落水后在水中挣扎。"
               "他来不及脱衣服就跳进河里，把孩子托上了岸，随后悄悄离开。")
OTHER_RESCUE = "暖心一幕！刘建军寒冬纵身跃入冰河 托起呼救男孩"


def test_a_headline_and_a_lead_that_share_a_name_join_one_event() -> None:
    # few words in common (韦振宇, 呼救, 男孩), one of them a name no dictionary knows: one incident
    assert together_either_way(RESCUE_HEADLINE, RESCUE_LEAD) == (True, True)


def test_the_same_headline_about_someone_else_stays_out() -> None:
    # 呼救 and 男孩 are as rare, but every rescue has them: no name, no place, no number in common
    assert together_either_way(RESCUE_LEAD, OTHER_RESCUE) == (False, False)


COMPLAINT_HEADLINE = "物业收费问题多 居民意见大"
COMPLAINT_ARTICLE = (
    "近日，不少居民反映，小区物业收费问题多：停车费一年涨了两次，公共区域的广告收入去向不明。居民意见很大，"
    "希望有关部门介入。记者了解到，该小区由一家物业公司管理已有八年，业主委员会曾多次要求公开账目，但一直没有结果。"
)
OTHER_COMPLAINT = "市民对公交线路调整意见大 交通部门回应"


def test_a_headline_of_everyday_words_found_whole_in_the_article_joins_it() -> None:
    # 物业, 收费, 居民, 意见: no rare word, but every word of the headline is in the article's lead
    assert together_either_way(COMPLAINT_HEADLINE, COMPLAINT_ARTICLE) == (True, True)
    article, other = fed([COMPLAINT_ARTICLE, OTHER_COMPLAINT])  # 意见大 alone: another complaint
    assert other["event"] != article["event"]


THREAT_HEADLINE = "外卖骑手遭死亡威胁 警方已立案调查"
THREAT_ARTICLE = (
    "3月5日晚，家住滨江区长河街道的张立峰、李秀梅夫妇在江南大道一家面馆用餐时，与邻桌的陈某、王某因座位发生口角。"
    "双方推搡中，陈某用啤酒瓶砸伤张立峰头部，王某掀翻餐桌，砸坏店内电视机、收银台和冰柜，面馆老板刘建国上前劝阻时"
    "也被打伤左臂。120救护车随后将两名伤者送往浙二医院滨江院区，缝合伤口9针。\n"
    "事后，送餐的外卖骑手赵小龙因拍下视频并发到网上，连续收到陌生号码的短信，对方扬言要他的命。"
    "赵小龙说这是死亡威胁，已经向派出所报警。警方表示已立案调查，正在核实发信人的身份。"
)


def test_a_headline_whose_words_are_in_the_articles_second_paragraph_joins_it() -> None:
    # the article's 32 rarest opening words are the fight's (names, streets, 啤酒瓶): none is the
    # headline's, so only the article's opening words (the post's among them, or the article's
    # among the headline's terms) bring the two together
    assert together_either_way(THREAT_HEADLINE, THREAT_ARTICLE) == (True, True)
    assert together_either_way("滨江区开展餐饮店消防安全检查", THREAT_ARTICLE) == (False, False)
    store = EventStore()
    store.opening_rescore = 0  # version 3's candidate search: no event to compare with
    run = pipeline()
    run.stages[-1] = ClusterStage(store)
    article, headline = fed([THREAT_ARTICLE, THREAT_HEADLINE], run=run)
    assert headline["event"] != article["event"]
