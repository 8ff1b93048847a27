// ABI 1.2 "jobs" through the real server and the plain-C fixture abi12_c (fixtures/abi12/jobs.c),
// on SQLite and PostgreSQL: durable jobs (run, retry with backoff, fail visibly, retried by an
// admin), a schedule shared by two nodes on one PostgreSQL that runs once per interval, the
// blocking lane and outbound HTTP (status, body, headers, ETag/304, size cap, timeout, refused
// host, proxies from the environment) against a loopback origin.
#include "abi12_jobs_support.hpp"

#include <set>

#include "pg_test_db.hpp"
#include "quartier/plugin.h"

using namespace qt::test;
using namespace qt::test::jobs;

namespace {

std::int64_t enqueued_id(const HttpResponse& r) {
  INFO(r.body);
  REQUIRE(r.status == 201);
  return r.json().at("id").as_int64();
}

std::string state_of(HttpClient& admin, std::int64_t id) {
  auto j = admin_job(admin, id);
  return j.is_null() ? "" : std::string(j.at("state").as_string());
}

}  // namespace

TEST_CASE("durable jobs run once, retry with backoff, and show in the admin API", "[plugins][abi12][jobs]") {
  for_each_dialect([](const DbTarget& target) {
    TestServer server(fixture_setup(target.url));
    auto http = server.client();
    auto admin = admin_of(server);

    const auto once = enqueued_id(enqueue(http, "name=record", R"({"n":1})"));
    REQUIRE(wait_for([&] { return state_of(*admin, once) == "done"; }));
    auto job = admin_job(*admin, once);
    CHECK(job.at("owner").as_string() == "abi12_c");
    CHECK(job.at("name").as_string() == "abi12_c.record");
    CHECK(job.at("kind").as_string() == "once");
    CHECK(job.at("runs").as_int64() == 1);
    CHECK(job.at("last_error").as_string() == "");
    CHECK_FALSE(job.at("last_ok_at").is_null());
    auto ran = runs_of(http, once);
    REQUIRE(ran.size() == 1);
    CHECK(ran[0].at("payload").as_string() == R"({"n":1})");
    CHECK(ran[0].at("attempt").as_int64() == 1);
    CHECK(ran[0].at("periodic").as_int64() == 0);

    // flaky fails its first attempt; the retry comes after the backoff (1 s) and succeeds.
    const auto flaky = enqueued_id(enqueue(http, "name=flaky&max_attempts=3", "{}"));
    REQUIRE(wait_for([&] { return state_of(*admin, flaky) == "done"; }));
    ran = runs_of(http, flaky);
    REQUIRE(ran.size() == 2);
    CHECK(ran[0].at("ok").as_int64() == 0);
    CHECK(ran[1].at("ok").as_int64() == 1);
    CHECK(ran[1].at("attempt").as_int64() == 2);
    CHECK(ran[1].at("due_at").as_int64() - ran[0].at("due_at").as_int64() >= 1000);
    job = admin_job(*admin, flaky);
    CHECK(job.at("failures").as_int64() == 1);
    CHECK(job.at("last_error").as_string() == "");  // cleared by the successful run
  });
}

TEST_CASE("a durable job that keeps failing is marked failed with its error, and an admin retries it",
          "[plugins][abi12][jobs]") {
  for_each_dialect([](const DbTarget& target) {
    TestServer server(fixture_setup(target.url));
    auto http = server.client();
    auto admin = admin_of(server);

    const auto broken = enqueued_id(enqueue(http, "name=broken&max_attempts=2", "{}"));
    REQUIRE(wait_for([&] { return state_of(*admin, broken) == "failed"; }));
    auto job = admin_job(*admin, broken);
    CHECK(job.at("last_error").as_string() == "broken: this job always fails");
    CHECK(job.at("attempts").as_int64() == 2);
    CHECK(job.at("failures").as_int64() == 2);
    CHECK(runs_of(http, broken).size() == 2);
    auto failed = admin->get("/api/admin/jobs?state=failed").json().at("jobs").as_array();
    REQUIRE(failed.size() == 1);
    CHECK(failed[0].at("id").as_int64() == broken);

    // Retry now: fresh attempts, so it runs twice more and fails again.
    auto retry = admin->send_json("POST", "/api/admin/jobs/" + std::to_string(broken) + "/retry", boost::json::object{});
    INFO(retry.body);
    REQUIRE(retry.status == 200);
    CHECK(retry.json().at("state").as_string() == "pending");
    REQUIRE(wait_for([&] { return admin_job(*admin, broken).at("failures").as_int64() == 4; }));
    REQUIRE(wait_for([&] { return state_of(*admin, broken) == "failed"; }));
    CHECK(runs_of(http, broken).size() == 4);

    // A job due in an hour waits; retry runs it now.
    const auto later = enqueued_id(enqueue(http, "name=record&run_at=" + std::to_string(now_ms() + 3'600'000), "{}"));
    CHECK(state_of(*admin, later) == "pending");
    CHECK(runs_of(http, later).empty());
    REQUIRE(admin->send_json("POST", "/api/admin/jobs/" + std::to_string(later) + "/retry", boost::json::object{}).status == 200);
    REQUIRE(wait_for([&] { return state_of(*admin, later) == "done"; }));
    CHECK(runs_of(http, later).size() == 1);

    // A done job is not run again; an unknown one is 404; only admins see the jobs.
    CHECK(admin->send_json("POST", "/api/admin/jobs/" + std::to_string(later) + "/retry", boost::json::object{}).status == 409);
    CHECK(admin->send_json("POST", "/api/admin/jobs/999999/retry", boost::json::object{}).status == 404);
    CHECK(admin->get("/api/admin/jobs?state=running").status == 400);
    CHECK(http.get("/api/admin/jobs").status == 401);
  });
}

TEST_CASE("job_enqueue refuses bad input with a clear error and stores nothing", "[plugins][abi12][jobs]") {
  for_each_dialect([](const DbTarget& target) {
    TestServer server(fixture_setup(target.url));
    auto http = server.client();
    auto admin = admin_of(server);
    const auto before = admin->get("/api/admin/jobs").json().at("jobs").as_array().size();

    auto bad_json = enqueue(http, "name=record", "{not json");
    CHECK(bad_json.status == 400);
    CHECK(bad_json.error_code() == "status_-1");
    CHECK_THAT(bad_json.body, Catch::Contains("not valid JSON"));
    auto unknown = enqueue(http, "name=nobody", "{}");
    CHECK(unknown.error_code() == "status_-2");
    CHECK_THAT(unknown.body, Catch::Contains("no job handler 'nobody'") && Catch::Contains("job_handler"));
    auto bad_name = enqueue(http, "name=Bad%20Name", "{}");
    CHECK(bad_name.error_code() == "status_-1");
    CHECK_THAT(bad_name.body, Catch::Contains("job name"));
    auto attempts = enqueue(http, "name=record&max_attempts=99", "{}");
    CHECK(attempts.error_code() == "status_-1");
    CHECK_THAT(attempts.body, Catch::Contains("max_attempts"));
    CHECK(admin->get("/api/admin/jobs").json().at("jobs").as_array().size() == before);

    // schedule_every after init and job_set_error outside a job: QT_ERR_STATE.
    auto late = http.request("POST", "/api/p/abi12_c/jobs/late");
    INFO(late.body);
    REQUIRE(late.status == 200);
    CHECK(late.json().at("schedule_every").as_int64() == QT_ERR_STATE);
    CHECK(late.json().at("job_set_error").as_int64() == QT_ERR_STATE);
    CHECK(admin->get("/api/admin/jobs").json().at("jobs").as_array().size() == before);
  });
}

TEST_CASE("a schedule registered by two nodes on one PostgreSQL runs once per interval", "[plugins][abi12][jobs]") {
  QT_REQUIRE_PG();
  PgTestDb db;
  const auto setup = fixture_setup(db.url(), "jobs_tick_ms = 1000");
  TestServer a(setup);
  TestServer b(setup);
  auto http = a.client();
  auto ticks = [&] {
    boost::json::array out;
    for (const auto& r : runs(http))
      if (r.at("name").as_string() == "tick") out.push_back(r);
    return out;
  };
  REQUIRE(wait_for([&] { return ticks().size() >= 8; }, std::chrono::seconds(90)));
  const auto seen = ticks();
  std::set<std::int64_t> slots;
  std::set<std::string> nodes;
  for (const auto& t : seen) {
    slots.insert(t.at("due_at").as_int64());
    nodes.insert(std::string(t.at("node").as_string()));
    CHECK(t.at("periodic").as_int64() == 1);
  }
  INFO("runs: " << boost::json::serialize(seen));
  // Each slot of the interval ran once (two nodes running one poll would repeat a due_at), and
  // the slots lie on the 1 s grid of the first run.
  CHECK(slots.size() == seen.size());
  const auto first = *slots.begin();
  for (auto s : slots) CHECK((s - first) % 1000 == 0);
  // Both nodes have the handler and took part in claiming (one row, one schedule).
  auto admin = admin_of(a);
  int schedules = 0;
  const auto all = admin->get("/api/admin/jobs").json();
  for (const auto& j : all.at("jobs").as_array())
    if (j.at("name").as_string() == "abi12_c.tick") {
      ++schedules;
      CHECK(j.at("kind").as_string() == "schedule");
      CHECK(j.at("interval_ms").as_int64() == 1000);
    }
  CHECK(schedules == 1);
  CHECK(b.client().get("/api/p/abi12_c/jobs/runs").status == 200);
  UNSCOPED_INFO("nodes that ran the schedule: " << nodes.size());
}

namespace {

// GET (or POST with a body) /api/p/abi12_c/jobs/fetch-blocking?url=...&<more>.
HttpResponse fetch(HttpClient& http, const std::string& url, const std::string& more = "", const std::string& body = "",
                   const std::string& route = "fetch-blocking") {
  const std::string target = "/api/p/abi12_c/jobs/" + route + "?url=" + enc(url) + (more.empty() ? "" : "&" + more);
  return body.empty() ? http.get(target) : http.request("POST", target, body, {{"Content-Type", "text/plain"}});
}

}  // namespace

TEST_CASE("http_fetch in the blocking lane: status, body, headers, ETag and Last-Modified", "[plugins][abi12][jobs]") {
  Origin origin;
  for_each_dialect([&](const DbTarget& target) {
    auto setup = fixture_setup(target.url, "http_allow = [\"127.0.0.1\", \"Upstream.Example\"]");
    setup.server_toml = {"public_url = \"https://quartier.teststadt.test\""};  // in the User-Agent
    TestServer server(setup);
    auto http = server.client();

    auto hello = fetch(http, origin.url("/hello"));
    INFO(hello.body);
    REQUIRE(hello.status == 200);
    auto h = hello.json();
    CHECK(h.at("status").as_int64() == 200);
    CHECK(h.at("body").as_string() == "Moin aus dem Test");
    CHECK(h.at("content_type").as_string() == "text/plain; charset=utf-8");
    CHECK(h.at("etag").as_string() == "\"v1\"");
    CHECK(h.at("last_modified").as_string() == "Wed, 01 Jan 2025 00:00:00 GMT");
    CHECK_THAT(std::string(h.at("headers").as_string()), Catch::Contains("etag: \"v1\"\n"));

    // The validators of the first answer give 304 and no body.
    auto same = fetch(http, origin.url("/hello"), "etag=" + enc("\"v1\"")).json();
    CHECK(same.at("status").as_int64() == 304);
    CHECK(same.at("body").as_string() == "");
    CHECK(fetch(http, origin.url("/hello"), "since=" + enc("Wed, 01 Jan 2025 00:00:00 GMT")).json().at("status") == 304);
    CHECK(fetch(http, origin.url("/hello"), "etag=" + enc("\"v0\"")).json().at("status") == 200);

    // User-Agent, a header of the plugin, POST with a body; an error status is an answer too.
    auto echo = boost::json::parse(std::string(
        fetch(http, origin.url("/echo"), "header=" + enc("X-Test: ja"), "Hallo Welt").json().at("body").as_string()));
    CHECK(echo.at("method").as_string() == "POST");
    CHECK(echo.at("body").as_string() == "Hallo Welt");
    CHECK(echo.at("x_test").as_string() == "ja");
    CHECK_THAT(std::string(echo.at("user_agent").as_string()),
               Catch::StartsWith("Quartier/") && Catch::EndsWith(" (+https://quartier.teststadt.test)"));
    CHECK(fetch(http, origin.url("/status/418")).json().at("status").as_int64() == 418);
    auto core_header = fetch(http, origin.url("/echo"), "header=" + enc("User-Agent: mine"));
    CHECK(core_header.error_code() == "status_-1");
  });
}

TEST_CASE("http_fetch refuses what it must: HTTP threads, other hosts, large and slow answers", "[plugins][abi12][jobs]") {
  Origin origin;
  for_each_dialect([&](const DbTarget& target) {
    TestServer server(fixture_setup(target.url, "http_allow = [\"127.0.0.1\"]"));
    auto http = server.client();
    const int before = origin.count();

    auto on_io = fetch(http, origin.url("/hello"), "", "", "fetch");
    CHECK(on_io.status == 502);
    CHECK(on_io.error_code() == "status_-5");
    CHECK_THAT(on_io.body, Catch::Contains("HTTP thread") && Catch::Contains("QT_LANE_BLOCKING"));

    auto other = fetch(http, "http://localhost:" + std::to_string(origin.port()) + "/echo");
    CHECK(other.error_code() == "status_-4");
    CHECK_THAT(other.body, Catch::Contains("'localhost'") && Catch::Contains("http_allow") &&
                               Catch::Contains("[plugins.abi12_c]"));
    CHECK(fetch(http, "ftp://127.0.0.1/x").error_code() == "status_-1");
    CHECK(fetch(http, "not a url").error_code() == "status_-1");
    CHECK(origin.count() == before + 1);  // only the count itself: nothing refused reached the origin

    auto big = fetch(http, origin.url("/big"), "max_bytes=1000");
    CHECK(big.error_code() == "status_-8");
    CHECK_THAT(big.body, Catch::Contains("larger than 1000 bytes"));
    CHECK_THAT(fetch(http, origin.url("/big")).body, Catch::Contains("larger than 1048576 bytes"));
    CHECK(fetch(http, origin.url("/big"), "max_bytes=3000000").json().at("body").as_string().size() == 2'000'000);
    auto slow = fetch(http, origin.url("/slow"), "timeout_ms=300");
    CHECK(slow.error_code() == "status_-8");
    CHECK_THAT(slow.body, Catch::Contains("timed out after 300 ms"));

    // A durable job fetches on a job thread.
    const auto id = enqueued_id(enqueue(http, "name=fetch", "\"" + origin.url("/hello") + "\""));
    REQUIRE(wait_for([&] { return runs_of(http, id).size() == 1; }));
    CHECK(runs_of(http, id)[0].at("ok").as_int64() == 200);
  });
}

TEST_CASE("http_fetch uses the proxy of the environment", "[plugins][abi12][jobs]") {
  Origin proxy;  // answers proxy requests like /echo, with the absolute URL as the path
  auto setup = fixture_setup("", "http_allow = [\"upstream.example\"]");
  setup.env = {{"http_proxy", "http://127.0.0.1:" + std::to_string(proxy.port())}};
  TestServer server(setup);
  auto http = server.client();
  auto r = fetch(http, "http://upstream.example/feed.xml");
  INFO(r.body);
  REQUIRE(r.status == 200);
  auto echo = boost::json::parse(std::string(r.json().at("body").as_string()));
  CHECK(echo.at("path").as_string() == "http://upstream.example/feed.xml");
  CHECK_THAT(std::string(echo.at("user_agent").as_string()), Catch::StartsWith("Quartier/"));
}
