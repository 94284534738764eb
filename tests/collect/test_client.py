"""The HTTP client against a real server on 127.0.0.1: politeness, retries, limits, redirects."""

from __future__ import annotations

import json

import pytest

from tests.collect.conftest import fast_config
from tests.collect.server import TestSite
from yuqing.collect.client import HttpClient
from yuqing.collect.errors import (
    FetchTimeoutError,
    HttpStatusError,
    RateLimitedError,
    RedirectError,
    ResponseTooLargeError,
    RobotsDisallowedError,
    UnsupportedUrlError,
)
from yuqing.errors import FetchError


def test_sends_the_configured_user_agent(site: TestSite, http: HttpClient) -> None:
    headers = json.loads(http.get(site.url("/echo")).content)
    assert headers["user-agent"] == http.config.user_agent
    assert headers["user-agent"].startswith("yuqing/0.1 (+")


def test_robots_disallow_stops_before_the_request(site: TestSite, http: HttpClient) -> None:
    with pytest.raises(RobotsDisallowedError) as caught:
        http.get(site.url("/no-yuqing/page.html"))
    assert str(caught.value).startswith("robots.txt of 127.0.0.1 disallows /no-yuqing/page.html for yuqing")
    assert site.requests_to("/no-yuqing/page.html") == []


def test_robots_allow_rule_and_other_paths(site: TestSite, http: HttpClient) -> None:
    assert http.get(site.url("/private/open")).status == 200  # Allow: /private/open$ beats Disallow: /private/
    with pytest.raises(RobotsDisallowedError):
        http.get(site.url("/private/open/more"))
    assert http.get(site.url("/page.html")).status == 200


def test_robots_is_fetched_once_per_site(make_site) -> None:
    server = make_site("404")
    with HttpClient(fast_config()) as client:
        for _ in range(3):
            client.get(server.url("/page.html"))
    assert server.hits["/robots.txt"] == 1


def test_robots_missing_404_allows_everything(make_site) -> None:
    server = make_site("404")
    with HttpClient(fast_config()) as client:
        assert client.get(server.url("/private/page.html")).status == 200


def test_robots_server_error_disallows_everything_for_a_while(make_site) -> None:
    server = make_site("500")
    with HttpClient(fast_config(max_retries=0)) as client:
        with pytest.raises(RobotsDisallowedError) as caught:
            client.get(server.url("/page.html"))
        with pytest.raises(RobotsDisallowedError):
            client.get(server.url("/other.html"))
    assert "could not be read" in str(caught.value) and "500" in str(caught.value)
    assert server.hits["/page.html"] == 0 and server.hits["/other.html"] == 0
    assert server.hits["/robots.txt"] == 1  # remembered, not refetched for every page


def test_robots_can_be_switched_off(site: TestSite) -> None:
    with HttpClient(fast_config(respect_robots=False)) as client:
        assert client.get(site.url("/no-yuqing/x")).status == 200


def test_slow_response_times_out(site: TestSite) -> None:
    with HttpClient(fast_config(timeout_s=0.3)) as client:
        with pytest.raises(FetchTimeoutError, match="did not answer within 0.3 s"):
            client.get(site.url("/slow"))


def test_dripping_body_hits_the_total_time_limit(site: TestSite) -> None:
    with HttpClient(fast_config(timeout_s=1.0, total_timeout_s=0.5)) as client:
        with pytest.raises(FetchTimeoutError, match="took longer than 0.5 s"):
            client.get(site.url("/slow-body"))


def test_server_error_is_retried_then_reported(site: TestSite, http: HttpClient) -> None:
    with pytest.raises(HttpStatusError) as caught:
        http.get(site.url("/always-500/a"))
    assert caught.value.status == 500
    assert site.hits["/always-500/a"] == 3  # first try + max_retries=2
    assert "answered 500 Internal Server Error 3 times" in str(caught.value)


def test_backoff_grows_between_retries(site: TestSite) -> None:
    with HttpClient(fast_config(backoff_base_s=0.2, backoff_max_s=5.0)) as client:
        with pytest.raises(HttpStatusError):
            client.get(site.url("/always-500/backoff"))
    times = [r.at for r in site.requests_to("/always-500/backoff")]
    assert times[1] - times[0] >= 0.18 and times[2] - times[1] >= 0.38  # 0.2 s then 0.4 s


def test_transient_errors_recover(site: TestSite, http: HttpClient) -> None:
    response = http.get(site.url("/flaky/b"))
    assert response.status == 200 and site.hits["/flaky/b"] == 3


def test_retry_after_is_honoured(site: TestSite, http: HttpClient) -> None:
    assert http.get(site.url("/retry-after/c")).status == 200
    first, second = site.requests_to("/retry-after/c")
    assert second.at - first.at >= 0.95  # Retry-After: 1


def test_retry_after_beyond_the_cap_gives_up_at_once(site: TestSite, http: HttpClient) -> None:
    with pytest.raises(RateLimitedError, match="asks to wait 3600 s"):
        http.get(site.url("/retry-after-long"))
    assert site.hits["/retry-after-long"] == 1


def test_requests_to_one_host_are_paced(site: TestSite) -> None:
    with HttpClient(fast_config(min_host_interval_s=0.25)) as client:
        for _ in range(3):
            client.get(site.url("/echo?paced"))
    times = [r.at for r in site.requests_to("/echo?paced")]
    assert all(later - earlier >= 0.23 for earlier, later in zip(times, times[1:]))


def test_redirect_loop_ends_with_a_clear_error(site: TestSite, http: HttpClient) -> None:
    with pytest.raises(RedirectError, match=r"redirect loop: .*/loop/a -> .*/loop/b -> .*/loop/a"):
        http.get(site.url("/loop/a"))


def test_redirects_are_followed_up_to_the_limit(site: TestSite, http: HttpClient) -> None:
    response = http.get(site.url("/chain/3"))
    assert response.url == site.url("/chain/0") and len(response.redirects) == 3
    with pytest.raises(RedirectError, match="more than 5 redirects"):
        http.get(site.url("/chain/9"))


def test_redirect_into_a_robots_disallowed_path_is_refused(site: TestSite, http: HttpClient) -> None:
    with pytest.raises(RobotsDisallowedError):
        http.get(site.url("/redirect?to=/no-yuqing/target"))
    assert site.requests_to("/no-yuqing/target") == []


@pytest.mark.parametrize("path", ["/big", "/big-stream", "/gzip-bomb"])
def test_oversized_body_is_cut_off(site: TestSite, http: HttpClient, path: str) -> None:
    with pytest.raises(ResponseTooLargeError, match="response larger than 1 MB limit"):
        http.get(site.url(path))


def test_client_errors_are_not_retried(site: TestSite, http: HttpClient) -> None:
    with pytest.raises(HttpStatusError, match="answered 404 Not Found; check the address") as caught:
        http.get(site.url("/missing"))
    assert caught.value.status == 404 and site.hits["/missing"] == 1


@pytest.mark.parametrize("url", ["ftp://example.com/x", "file:///etc/passwd", "javascript:alert(1)", "http://", "no scheme"])
def test_only_http_urls_are_fetched(http: HttpClient, url: str) -> None:
    with pytest.raises(UnsupportedUrlError):
        http.get(url)


def test_refused_connection_is_a_fetch_error(make_site) -> None:
    server = make_site("404")
    url = server.url("/page.html")
    server.stop()
    with HttpClient(fast_config(max_retries=1)) as client:
        with pytest.raises(FetchError):
            client.get(url)


def test_clients_sharing_politeness_pace_one_host_together_and_read_robots_once(site: TestSite) -> None:
    """Two sources on one site, each with its own client (as the collector makes them)."""
    from yuqing.collect.politeness import shared

    config = fast_config(min_host_interval_s=0.25, user_agent="sharedbot/1.0")
    robots_before = len(site.requests_to("/robots.txt"))
    with HttpClient(config, politeness=shared(config)) as first, HttpClient(config, politeness=shared(config)) as second:
        for client in (first, second, first, second):
            client.get(site.url("/echo?shared"))
    times = [r.at for r in site.requests_to("/echo?shared")]
    assert len(times) == 4 and all(b - a >= 0.2 for a, b in zip(times, times[1:]))
    assert len(site.requests_to("/robots.txt")) - robots_before == 1
