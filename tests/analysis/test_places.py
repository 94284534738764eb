"""Place mentions: names, aliases, ambiguity, offsets, queries, the stage, and NER quality."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tests.shared_data import shared_path
from yuqing.analysis.gazetteer import get_gazetteer
from yuqing.analysis.pipeline import BASE_FIELDS, check_order
from yuqing.analysis.places import (
    PlaceMatcher,
    PlacesStage,
    find_places,
    place_names,
    region_names,
    resolve_place_query,
)


def codes(text: str, title: str = "") -> list[str]:
    return [p["code"] for p in find_places(text, title)]


def test_full_names_resolve_with_the_enclosing_path():
    found = find_places("河南省永城市芒山镇发生一起车祸")
    assert [p["mention"] for p in found] == ["河南省", "永城市", "芒山镇"]
    township = found[-1]
    assert township["code"] == "411481102"
    assert township["level"] == "township"
    assert township["path"] == ["41", "4114", "411481", "411481102"]
    assert found[1]["path"] == ["41", "4114", "411481"] and found[1]["name"] == "永城市"


@pytest.mark.parametrize(
    ("text", "code", "name"),
    [
        ("河南的朋友", "41", "河南省"),
        ("永城下了大雨", "411481", "永城市"),
        ("内蒙的草原", "15", "内蒙古自治区"),
        ("我去过内蒙古", "15", "内蒙古自治区"),
        ("广西的米粉", "45", "广西壮族自治区"),
        ("新疆的葡萄", "65", "新疆维吾尔自治区"),
        ("魔都的房价", "31", "上海市"),
        ("香港的早茶", "81", "香港特别行政区"),
        ("台灣的朋友", "71", "台湾省"),
        ("台北下雨了", "7101", "台北市"),
    ],
)
def test_short_names_and_aliases(text: str, code: str, name: str):
    found = find_places(text)
    assert [(p["code"], p["name"]) for p in found] == [(code, name)]


def test_chaoyang_district_follows_the_city_written_before_it():
    assert codes("北京朝阳区一居民楼起火") == ["11", "110105"]
    assert codes("长春市朝阳区一居民楼起火") == ["2201", "220104"]


def test_chaoyang_district_follows_other_places_in_the_post():
    assert codes("长春今天降温，朝阳区积雪很厚")[-1] == "220104"
    assert codes("海淀区和朝阳区都限行") == ["110108", "110105"]
    assert codes("朝阳区的群众")[-1] == "110105"  # no hint: the municipality's district


def test_gulou_district_resolves_from_context_and_defaults_to_a_capital():
    assert codes("福州鼓楼区") == ["3501", "350102"]
    assert codes("开封的鼓楼区") == ["4102", "410204"]
    assert codes("在徐州玩了三天，鼓楼区的小吃最好")[-1] == "320302"
    assert codes("鼓楼区") == ["320106"]


def test_a_township_name_shared_across_counties_needs_its_county():
    assert codes("北京朝阳区三里屯街道")[-1] == "110105004"
    assert codes("正定县三里屯街道")[-1] == "130123002"
    assert codes("天津武清区城关镇")[-1] == "120114110"
    assert codes("三里屯街道") == []
    assert codes("城关镇") == []


def test_a_township_short_name_counts_only_after_its_county():
    assert codes("永城芒山") == ["411481", "411481102"]
    assert codes("芒山") == []


@pytest.mark.parametrize(
    ("text", "mention", "code"),
    [
        ("恩施州巴东县发生山体滑坡", "恩施州", "4228"),
        ("海西州格尔木市", "海西州", "6328"),  # 海西 alone is weak; with 州 it is the prefecture
        ("海南州共和县", "海南州", "6325"),  # not 海南省
        ("陵水县公安局抓获", "陵水县", "469028"),
        ("石柱县城", "石柱县", "500240"),
        ("紅河州", "紅河州", "5325"),
        ("察右后旗发生地震", "察右后旗", "150928"),
        ("鄂温克旗", "鄂温克旗", "150724"),
        ("青海黄南州河南县", "河南县", "632324"),
    ],
)
def test_autonomous_areas_by_their_generic_suffix(text: str, mention: str, code: str):
    assert (mention, code) in [(p["mention"], p["code"]) for p in find_places(text)]


def test_a_province_name_before_xian_stays_the_province():
    assert codes("河南县城") == codes("河南县级医院") == ["41"]


@pytest.mark.parametrize(
    ("text", "mentions"),
    [
        ("北京市公安局网安总队", ["北京市"]),  # jieba's 北京市公安局 hides 公安 (公安县), not 北京市
        ("广东省公安厅", ["广东省"]),
        ("六盘水市中心城区", ["六盘水市"]),  # 市中心 overlaps the suffix
        ("将来凤县作为试点", ["来凤县"]),  # not 凤县
        ("梅州市和平远县检察院", ["梅州市", "平远县"]),
        ("家住宿豫区曹集乡", ["宿豫区", "曹集乡"]),
        ("以信阳新县为代表", []),  # a city's name over the edge still counts against 阳新县
        ("沿海城市", []), ("高新社区", []), ("由于城镇化", []),
    ],
)
def test_a_name_written_with_its_suffix_is_not_hidden_by_a_word_over_its_edge(text: str, mentions: list[str]):
    assert [p["mention"] for p in find_places(text)] == mentions


@pytest.mark.parametrize(
    ("text", "mentions"),
    [
        ("12月9日下午，孟津县安全生产监督管理局发布", ["孟津县"]),  # 孟津区 since 2021
        ("湖南省株洲县检察院", ["湖南省", "株洲县"]),  # a county inside 株洲市, now 渌口区
        ("孟津县城", ["孟津县"]), ("周口县城农村", ["周口"]), ("东莞旗峰公园", ["东莞"]),
        ("假冒民警骗得松江市民近2万元", ["松江"]), ("合肥区域光伏发电", ["合肥"]),  # 市民, 区域 are words
        ("就连城市里也是如此", []), ("辛集市、藁城市、晋州市", ["辛集市", "藁城市", "晋州市"]), ("三秦都市报记者", []), ("拟任城市商业银行董事长", []),
        ("河北雄安新区", ["河北"]), ("贵州贵安新区", ["贵州"]),  # not 安新县
    ],
)
def test_a_short_name_takes_in_a_suffix_from_before_a_renaming(text: str, mentions: list[str]):
    assert [p["mention"] for p in find_places(text)] == mentions


@pytest.mark.parametrize(
    "text",
    [
        "东方明珠塔", "和平精英开黑", "新华社报道", "中国人民", "比如说", "孩子长大了", "合作共赢",
        "资源共享", "平安夜快乐", "公安机关", "我们的友谊", "一路平安", "东方红", "孙中山先生",
        "太平洋", "奥巴马", "阿里巴巴", "持续创新和卓越", "南京路步行街", "中山东路", "我在朝阳",
        "豫", "京", "记者从江苏买回螃蟹",
    ],
)
def test_no_place_in_ordinary_words(text: str):
    assert [p["mention"] for p in find_places(text) if p["mention"] not in ("江苏",)] == []


def test_zones_farms_and_offices_are_no_townships():
    # NBS lists them beside the 镇, 乡 and 街道; their names are generic or no division's.
    assert [p["mention"] for p in find_places("横山区还将发展农业示范园区5个")] == ["横山区"]
    assert [p["mention"] for p in find_places("第一良种场和社会事务局")] == []
    assert [p["mention"] for p in find_places("张家港市现代农业示范园区")] == ["张家港市"]
    suffixes = ("镇", "乡", "街道", "街道办事处", "苏木", "地区")
    bare = [re.sub("（[^）]*）", "", p.name) for p in get_gazetteer().places.values() if p.level == "township"]  # 三星镇（…园区）
    assert len(bare) > 38_000 and all(name.endswith(suffixes) for name in bare)


def test_a_township_suffix_that_starts_a_word_is_no_suffix():
    assert find_places("汇报振兴乡村经济的情况") == []
    assert [p["mention"] for p in find_places("黑龙江省泰来县振兴乡")] == ["黑龙江省", "泰来县", "振兴乡"]
    assert [p["mention"] for p in find_places("五一假期，泰来县振兴乡村两级干部逐家逐户核对")] == ["泰来县", "振兴乡"]


def test_a_county_listed_after_a_sibling_county_counts():
    # 马关 is an ordinary word (马关条约) and counts only where the post says it is the county.
    assert [p["mention"] for p in find_places("云南省文山州麻栗坡、马关等地")] == ["云南省", "文山州", "麻栗坡", "马关"]
    assert [p["mention"] for p in find_places("北京、马关")] == ["北京"]
    assert find_places("马关条约") == []


@pytest.mark.parametrize(
    "text, mentions",
    [
        ("审核：徐石泉 编辑：韩凌玲", []),
        ("画家王成华、郑东伟参展", []),
        ("被告人徐长兴犯非法买卖枪支罪", []),
        ("该项目位于石泉，由于成华区的支持", ["石泉", "成华区"]),  # 于 is no surname here
        ("陕西省安康市石泉县", ["陕西省", "安康市", "石泉县"]),
        ("四川成都成华区", ["四川", "成都", "成华区"]),
    ],
)
def test_a_county_short_name_after_a_surname_is_a_persons_name(text: str, mentions: list[str]):
    assert [p["mention"] for p in find_places(text)] == mentions


def test_places_in_an_account_name_count_only_for_provinces_cities_and_full_names():
    assert codes("@咸阳交警 请处理") == ["6104"]
    assert codes("@文明丰台 转发") == []
    assert codes("@东营区电信 转发") == ["370502"]


def test_no_form_is_one_character():
    assert all(len(form.text) >= 2 for form in get_gazetteer().forms)


def test_mention_offsets_index_text_and_title():
    text = "据报道，昨天河南永城市发生暴雨"
    title = "永城暴雨"
    found = find_places(text, title)
    assert [(p["field"], p["mention"]) for p in found] == [("title", "永城"), ("text", "河南"), ("text", "永城市")]
    for place in found:
        source = title if place["field"] == "title" else text
        assert source[place["start"] : place["end"]] == place["mention"]


def test_the_longest_name_wins_where_names_overlap():
    assert [p["mention"] for p in find_places("浦东新区")] == ["浦东新区"]
    assert [p["mention"] for p in find_places("内蒙古自治区")] == ["内蒙古自治区"]
    assert [p["mention"] for p in find_places("河南省")] == ["河南省"]


def test_resolve_place_query_by_name_and_code():
    assert resolve_place_query("永城") == ["411481"]
    assert resolve_place_query("411481") == ["411481"]
    assert resolve_place_query("河南") == ["41"]  # the province, not 河南蒙古族自治县
    assert resolve_place_query("朝阳区") == ["110105", "220104"]
    assert resolve_place_query("长春朝阳区") == ["220104"]
    assert resolve_place_query("1101") == ["1101"]  # an NBS placeholder still prefixes Beijing
    assert resolve_place_query("不存在的地方") == []
    assert resolve_place_query("99") == []
    assert resolve_place_query("孙中山") == [] and resolve_place_query("松山湖") == []  # blocker words


def test_query_prefixes_match_everything_inside_the_place():
    found = find_places("河南永城市芒山镇")
    henan, yongcheng = resolve_place_query("河南"), resolve_place_query("永城")
    assert all(any(p["code"].startswith(prefix) for prefix in henan) for p in found)
    assert [p["mention"] for p in found if any(p["code"].startswith(x) for x in yongcheng)] == ["永城市", "芒山镇"]


def test_gazetteer_lookups_by_code():
    gazetteer = get_gazetteer()
    assert gazetteer.name_of("411481") == "永城市"
    assert gazetteer.level_of("4114") == "city"
    assert gazetteer.parents("411481102") == ["41", "4114", "411481"]
    assert gazetteer.parents("110105") == ["11"]  # 1101 市辖区 is a placeholder, not a place
    assert gazetteer.name_of("999999") is None and gazetteer.parents("999999") == []
    assert gazetteer.region_names("411481") == {"province": "河南省", "province_short": "河南", "city": "商丘市", "county": "永城市"}
    assert gazetteer.region_names("110105")["city"] is None
    assert gazetteer.region_names("45")["province_short"] == "广西"
    assert region_names("7101") == {"province": "台湾省", "province_short": "台湾", "city": "台北市", "county": None}


def test_place_names_for_the_segmenter():
    names = set(place_names())
    assert {"永城市", "永城", "河南省", "内蒙古", "芒山镇"} <= names
    assert "芒山" not in names and "东方" not in names and "臺灣" not in names


def test_stage_writes_places_and_survives_bad_records():
    stage = PlacesStage()
    check_order([stage], BASE_FIELDS | {"text_clean"})
    batch = [
        {"id": "1", "text_clean": "河南永城暴雨", "title": ""},
        {"id": "2", "text_clean": None, "title": "北京"},
        {"id": "3", "text_clean": 12345, "title": None},
        {"id": "4"},
    ]
    stage(batch)
    assert [p["code"] for p in batch[0]["places"]] == ["41", "411481"]
    assert [p["code"] for p in batch[1]["places"]] == ["11"]
    assert batch[2]["places"] == [] and batch[3]["places"] == []
    assert stage.name == "places" and stage.version.startswith("5+")


def test_ip_location_is_the_posters_province_kept_apart_from_places():
    stage = PlacesStage()
    batch = [{"id": "1", "text_clean": "河南永城暴雨", "title": "", "ip_location": "广东"},
             {"id": "2", "text_clean": "没有地名", "title": "", "ip_location": "美国"},
             {"id": "3", "text_clean": "没有地名", "title": ""}]
    stage(batch)
    assert batch[0]["ip_place"] == {"code": "44", "name": "广东省"}
    assert [p["code"] for p in batch[0]["places"]] == ["41", "411481"]  # Guangdong is not a place talked about
    assert batch[1]["ip_place"] == {"code": "", "name": "美国"} and batch[2]["ip_place"] is None


def test_untrusted_text_does_not_break_matching():
    assert codes("北京\ud83d朝阳区") == ["11", "110105"]  # a broken emoji: a lone surrogate
    assert codes("\x00河南\u200b") == ["41"]
    # Thousands of names, blockers and handles in one text: each costs about the same as one
    # (context is tallied once per text, spans are looked up by bisection), so this stays quick.
    assert len(find_places("长春朝阳区" * 5000)) == 10000
    assert find_places("孙中山" * 5000) == []
    assert len(find_places("@咸阳交警 " * 5000)) == 5000


SENTENCES = [
    "河南省永城市芒山镇", "长春市朝阳区", "@咸阳交警 北京朝阳区三里屯街道", "孩子长大了", "台灣的朋友",
    "福州鼓楼区和开封的鼓楼区", "浦东新区", "记者从江苏买回螃蟹", "内蒙和广西还有新疆", "",
]


def test_pyahocorasick_fallback_finds_the_same_places():
    python = PlaceMatcher(get_gazetteer(), backend="python")
    assert python.automaton.backend == "python"
    for text in SENTENCES:
        assert python.find(text) == find_places(text)


def test_importing_builds_nothing():
    code = "import yuqing.analysis.places as p; print(p.get_matcher.cache_info().currsize, p.get_gazetteer.cache_info().currsize)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["0", "0"]


@pytest.mark.shared_data
def test_weibo_ner_quality_does_not_regress():
    from yuqing.analysis.evaluation.places import evaluate

    root = shared_path("places/weibo_ner/dev.conll").parents[2]
    dev, train = evaluate(root, "dev"), evaluate(root, "train")
    # Measured when written (exact spans of GPE.NAM + LOC.NAM): dev P 0.478 R 0.344 F1 0.400,
    # train P 0.781 R 0.437 F1 0.560. Most misses are foreign places and 中国, which no division
    # list holds. With 32 gold mentions in dev one mention moves F1 by about 0.03: the floors
    # leave about one mention of room there, a little more on train.
    assert dev["f1"] >= 0.36 and dev["precision"] >= 0.42 and dev["recall_known"] >= 0.85
    assert train["f1"] >= 0.53 and train["precision"] >= 0.74


@pytest.mark.shared_data
def test_fallback_matches_on_real_posts():
    import gzip
    import json

    path = shared_path("stream/ced_weibo_dev.jsonl.gz")
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        texts = [json.loads(line).get("text") or "" for _, line in zip(range(3000), handle)]
    python = PlaceMatcher(get_gazetteer(), backend="python")
    assert [python.find(t) for t in texts] == [find_places(t) for t in texts]


def test_news_division_labels_are_well_formed():
    from yuqing.analysis.evaluation.news_places import HALVES, read_gold

    gold = read_gold()
    assert len(gold) == 300 and {row.half for row in gold} == set(HALVES)
    for row in gold:
        spans = sorted(row.mentions)
        assert all(0 <= s < e <= row.end - row.start and e - s == len(m) for s, e, m in spans), row
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:])), row  # no overlaps


def test_second_news_division_set_is_well_formed():
    from yuqing.analysis.evaluation.news_places import HALVES, TRAIN_GOLD_FILE, read_gold

    gold = read_gold(TRAIN_GOLD_FILE)
    assert len(gold) == 800 and {row.half for row in gold} == set(HALVES)
    assert sum(len(row.mentions) for row in gold) == 272
    for row in gold:
        spans = sorted(row.mentions)
        assert all(0 <= s < e <= row.end - row.start and e - s == len(m) for s, e, m in spans), row
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:])), row


@pytest.mark.shared_data
def test_news_division_sentences_are_the_drawn_sample():
    from yuqing.analysis.evaluation.news_places import TRAIN_GOLD_FILE, read_gold
    from yuqing.analysis.evaluation.news_sentences import sample, sample_train

    root = shared_path("sentiment/ccf2019_news/dev.jsonl").parents[2]
    for drawn, gold in ((sample(root), read_gold()), (sample_train(root), read_gold(TRAIN_GOLD_FILE))):
        assert [(half, s.id, s.field, s.start, s.end) for half, s in drawn] == [
            (row.half, row.id, row.field, row.start, row.end) for row in gold]


@pytest.mark.shared_data
def test_news_division_quality_does_not_regress():
    from yuqing.analysis.evaluation.news_places import evaluate

    result = evaluate(shared_path("sentiment/ccf2019_news/dev.jsonl").parents[2], details=False)
    # Measured when written (exact spans): tune P 0.984 R 0.938 F1 0.960 (64 mentions), check
    # P 0.843 R 0.977 F1 0.905 (44). One mention moves F1 by about 0.01-0.02: about one of room.
    assert result["tune"]["f1"] >= 0.945 and result["check"]["f1"] >= 0.89
    # The second set (800 train sentences, 272 mentions), measured when written: tune F1 0.981
    # (127 mentions), check 0.952 (145); one mention moves F1 by under 0.01.
    assert result["train"]["tune"]["f1"] >= 0.96 and result["train"]["check"]["f1"] >= 0.94
