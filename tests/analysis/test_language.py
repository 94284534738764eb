from yuqing.analysis.language import LanguageStage, guess_language


def test_scripts_decide_the_language():
    assert guess_language("永城市发生火灾") == "zh"
    assert guess_language("iphone 15 发布会今天举行") == "zh"
    assert guess_language("breaking news from the city") == "en"
    assert guess_language("今日は東京で雨が降りました") == "ja"
    assert guess_language("서울에서 비가 옵니다") == "ko"
    assert guess_language("") == "" and guess_language("123 !!") == ""


def test_a_declared_language_is_kept():
    posts = [{"text_norm": "永城", "title_norm": "", "lang": "en"}, {"text_norm": "永城", "title_norm": ""}]
    LanguageStage()(posts)
    assert [p["lang"] for p in posts] == ["en", "zh"]
