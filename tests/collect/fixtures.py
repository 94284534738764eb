"""Our own small test documents (invented text), served by tests/collect/server.py."""

from __future__ import annotations

ROBOTS_TXT = """\
# yuqing test site
User-agent: *
Disallow: /private/

User-agent: yuqing
Disallow: /private/
Disallow: /no-yuqing/
Allow: /private/open$
"""

PARAGRAPHS = [
    "The river authority said on Tuesday that the new flood barrier along the eastern bank had passed "
    "its first full inspection, two months ahead of the schedule agreed with the city council.",
    "Engineers walked the entire length of the barrier, checking each of the forty-two steel gates and "
    "the pumps that keep the low streets behind it dry when the water rises after heavy rain.",
    "Residents who attended the open meeting asked how often the gates would be tested in future. The "
    "authority promised a public test every spring and a report published within a week of each test.",
]
ARTICLE_HTML = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Flood barrier passes inspection</title>
<meta name="author" content="Jane Reporter">
<meta property="article:published_time" content="2024-05-02T09:30:00+00:00"></head>
<body><nav><a href="/">Home</a> <a href="/news/">News</a></nav>
<article><h1>Flood barrier passes inspection</h1>
{"".join(f"<p>{p}</p>" for p in PARAGRAPHS)}
</article><footer>Copyright the test site</footer></body></html>"""

# 镕 is in GBK but not in GB2312: a page labelled gb2312 must still decode it (GB18030 superset).
GBK_TEXT = "国务院总理朱镕基今天在北京会见了来访的代表团，双方就防汛工作交换了意见。"
BIG5_TEXT = "香港特別行政區政府今日公布新的防洪計劃，市民反應熱烈，嘅確係好事。"  # 嘅 is HKSCS


def _gbk_page(head: str) -> str:
    body = "".join(f"<p>{GBK_TEXT}第{i}段。</p>" for i in range(1, 6))
    return f"<html><head>{head}<title>防汛会见</title></head><body><article>{body}</article></body></html>"


ENCODED_PAGES: dict[str, tuple[bytes, str]] = {
    "gbk-meta": (_gbk_page('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">').encode("gbk"), "text/html"),
    "gbk-header": (_gbk_page("").encode("gbk"), "text/html; charset=GBK"),
    "gbk-sniff": (_gbk_page("").encode("gbk"), "text/html"),
    "big5": (
        f'<html><head><meta charset="big5"><title>防洪計劃</title></head><body><p>{BIG5_TEXT}</p></body></html>'.encode("big5hkscs"),
        "text/html",
    ),
}

RSS_FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>测试新闻</title><link>http://news.example.cn/</link><language>zh-cn</language>
<item>
  <title>全市防汛工作会议召开</title>
  <link>http://News.Example.cn/a/1.html?utm_source=rss&amp;b=2&amp;a=1#top</link>
  <guid isPermaLink="false">news-1</guid>
  <pubDate>Thu, 02 May 2024 16:30:00 +0800</pubDate>
  <dc:creator>记者 王五</dc:creator>
  <content:encoded><![CDATA[<p>第一段：会议部署了汛期工作。</p><p>第二段：各区要落实责任。<br/>第二行。</p><script>alert(1)</script>]]></content:encoded>
</item>
<item>
  <title>没有编号的新闻</title>
  <link>http://news.example.cn/a/2.html</link>
  <description>只有摘要 &lt;b&gt;加粗&lt;/b&gt;</description>
</item>
<item>
  <title>既无编号也无链接</title>
  <description>第三条</description>
  <pubDate>Fri, 03 May 2024 01:00:00 GMT</pubDate>
</item>
<item>
  <guid>empty-entry</guid>
</item>
</channel></rss>"""

BIG_BODY_BYTES = 3 * 1024 * 1024  # the tests' client allows 1 MB
