#include <catch2/catch.hpp>

#include "platform/http/router.hpp"

using namespace qt::http;

namespace {
Handler tag(std::string name) {
  return [name](Request&) {
    Response r;
    r.body = name;
    return r;
  };
}
std::string run(const Match& m) {
  Request req;
  return m.route->handler(req).body;
}
}  // namespace

TEST_CASE("router matches literals, parameters and tails", "[router]") {
  Router r;
  r.get("/api/me", tag("me"));
  r.get("/api/content/{id}", tag("content"));
  r.post("/api/content/{id}/comments", tag("comment"));
  r.get("/api/{section}/list", tag("section-list"));
  r.get("/plugins/{name}/{file*}", tag("asset"));

  auto m = r.match("GET", "/api/me");
  REQUIRE(m.kind == Match::Kind::found);
  CHECK(run(m) == "me");

  m = r.match("GET", "/api/content/42");
  REQUIRE(m.kind == Match::Kind::found);
  CHECK(run(m) == "content");
  REQUIRE(m.params.size() == 1);
  CHECK(m.params[0] == std::pair<std::string, std::string>{"id", "42"});

  m = r.match("POST", "/api/content/7/comments");
  REQUIRE(m.kind == Match::Kind::found);
  CHECK(m.route->pattern == "/api/content/{id}/comments");

  // Backtracking: "me" is a literal under /api but /api/me/list needs the {section} branch.
  m = r.match("GET", "/api/me/list");
  REQUIRE(m.kind == Match::Kind::found);
  CHECK(run(m) == "section-list");

  m = r.match("GET", "/plugins/groups/assets/app.js");
  REQUIRE(m.kind == Match::Kind::found);
  CHECK(m.params[1] == std::pair<std::string, std::string>{"file", "assets/app.js"});

  CHECK(r.match("GET", "/plugins/groups").kind == Match::Kind::not_found);
  CHECK(r.match("GET", "/nothing").kind == Match::Kind::not_found);
  CHECK(r.match("GET", "/api/content").kind == Match::Kind::not_found);
}

TEST_CASE("router answers 405 information with the allowed methods", "[router]") {
  Router r;
  r.get("/api/things/{id}", tag("get"));
  r.del("/api/things/{id}", tag("del"));
  auto m = r.match("POST", "/api/things/1");
  CHECK(m.kind == Match::Kind::method_not_allowed);
  CHECK(m.allow == "DELETE, GET, HEAD");
  // HEAD is served by GET routes.
  CHECK(r.match("HEAD", "/api/things/1").kind == Match::Kind::found);
}

TEST_CASE("router tolerates duplicate and trailing slashes like the same path", "[router]") {
  Router r;
  r.get("/a/b", tag("ab"));
  CHECK(r.match("GET", "/a/b/").kind == Match::Kind::found);
  CHECK(r.match("GET", "//a//b").kind == Match::Kind::found);
}

TEST_CASE("router refuses malformed patterns and duplicates", "[router]") {
  Router r;
  r.get("/x/{id}", tag("x"));
  CHECK_THROWS_AS(r.get("/x/{id}", tag("again")), std::invalid_argument);
  CHECK_THROWS_AS(r.get("/x/{other}/y", tag("conflict")), std::invalid_argument);
  CHECK_THROWS_AS(r.get("no-slash", tag("bad")), std::invalid_argument);
  CHECK_THROWS_AS(r.get("/a/{rest*}/b", tag("bad")), std::invalid_argument);
  CHECK_THROWS_AS(r.get("/a/pre{x}", tag("bad")), std::invalid_argument);
  CHECK_THROWS_AS(r.get("/a/{bad-name}", tag("bad")), std::invalid_argument);
  CHECK_NOTHROW(r.post("/x/{id}", tag("post")));
}
