// Search in German through the real server on SQLite and PostgreSQL (issue 15): words inside
// compounds ("Putz" finds "Frühjahrsputz"), umlauts and ß matched by their transliterations both
// ways, case folded, Snowball's German stems ("Gärten" finds "Garten"), whole words ranked above
// compound parts; new and edited content found at once, hidden, deleted and unreadable content
// never; people and groups still found by name; and the refusals: no word of two characters, a
// query too long or not UTF-8, '%' and '_' no wildcards.
#include <catch2/catch.hpp>

#include <boost/json.hpp>

#include <algorithm>
#include <cstdio>

#include "accounts_fixture.hpp"
#include "holes_fixture.hpp"
#include "pg_test_db.hpp"

using namespace qt::test;

namespace {

std::string url_encode(const std::string& s) {
  std::string out;
  for (const unsigned char c : s) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-') {
      out += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

struct Person {
  std::unique_ptr<Session> s;
  std::int64_t id = 0;
};

struct Town {
  AccountsServer srv;
  std::unique_ptr<Session> admin;
  std::int64_t north = 0, south = 0;

  explicit Town(const std::string& db_url) : srv("", db_url) {
    const auto pw = srv.add_user("admin@teststadt.test", "Admin", "admin");
    admin = std::make_unique<Session>(srv.login("admin@teststadt.test", pw));
    north = holes::create_neighbourhood(*admin, "nord", "Nordviertel");
    south = holes::create_neighbourhood(*admin, "sued", "Südstadt");
  }
  Person person(const std::string& mail, const std::string& name, std::int64_t nb, const std::string& role = "resident") {
    Person p;
    const auto pw = srv.add_user(mail + "@teststadt.test", name, role);
    p.s = std::make_unique<Session>(srv.login(mail + "@teststadt.test", pw));
    auto r = p.s->send_json("PATCH", "/api/me", {{"neighbourhood_id", nb}});
    INFO(r.body);
    REQUIRE(r.status == 200);
    p.id = p.s->get("/api/me").json().at("user").at("id").as_int64();
    return p;
  }
};

std::int64_t post(Person& p, const std::string& body) {
  auto r = p.s->send_json("POST", "/api/posts", {{"body", body}});
  INFO(r.body);
  REQUIRE(r.status == 201);
  return r.json().at("id").as_int64();
}

boost::json::value search(Person& p, const std::string& q) {
  auto r = p.s->get("/api/search?q=" + url_encode(q));
  INFO(q << ": " << r.body);
  REQUIRE(r.status == 200);
  return r.json();
}

// The items' ids, in the order found.
std::vector<std::int64_t> found(Person& p, const std::string& q) {
  std::vector<std::int64_t> ids;
  const auto page = search(p, q);  // kept: a range-for over a temporary's member would dangle
  for (const auto& e : page.at("items").as_array()) ids.push_back(e.at("id").as_int64());
  return ids;
}

bool has(const std::vector<std::int64_t>& v, std::int64_t id) { return std::find(v.begin(), v.end(), id) != v.end(); }
std::vector<std::int64_t> sorted(std::vector<std::int64_t> v) {
  std::sort(v.begin(), v.end());
  return v;
}
std::vector<std::int64_t> found_sorted(Person& p, const std::string& q) {
  INFO(q);
  return sorted(found(p, q));
}

void german_rules(const std::string& db_url) {
  Town t(db_url);
  auto anna = t.person("anna", "Anna", t.north);
  const auto putz = post(anna, "Frühjahrsputz im Hof am Samstag");
  const auto gemein = post(anna, "Der Gemeinschaftsgarten sucht Helfer");
  const auto garten = post(anna, "Ein Garten für alle");
  const auto gaerten = post(anna, "Neue Gärten am Stadtrand");
  const auto strasse_sz = post(anna, "Sperrung der Straße am Markt");
  const auto strasse_ss = post(anna, "Die Strasse ist wieder frei");
  const auto muenchen_ue = post(anna, "Ausflug nach Muenchen");
  const auto muenchen_u = post(anna, "Wochenmarkt wie in München");
  const auto hinterhof = post(anna, "Treffen im Hinterhof");

  // Inside compounds, any case.
  for (const char* q : {"Putz", "putz", "PUTZ", "jahrsputz"}) CHECK(found(anna, q) == std::vector<std::int64_t>{putz});
  // Stems, transliterations and whole words above parts: "Garten" and "Gärten" both find all three.
  for (const char* q : {"Garten", "Gärten", "gaerten", "GARTEN"}) {
    INFO(q);
    const auto r = found(anna, q);
    REQUIRE(r.size() == 3);
    CHECK(has(r, garten));
    CHECK(has(r, gaerten));
    CHECK(r.back() == gemein);  // only a part of "Gemeinschaftsgarten"
  }
  // ß and ss, ü and ue, both ways.
  for (const char* q : {"Strasse", "Straße", "STRASSE", "strassen"}) CHECK(found_sorted(anna, q) == sorted({strasse_sz, strasse_ss}));
  for (const char* q : {"München", "Muenchen", "munchen", "MÜNCHEN"}) CHECK(found_sorted(anna, q) == sorted({muenchen_ue, muenchen_u}));
  // Several words: all must be there, each as a whole word or a part.
  CHECK(found(anna, "Putz Samstag") == std::vector<std::int64_t>{putz});
  CHECK(found(anna, "Putz Helfer").empty());
  // A part needs a stem of 4 letters: "Hof" finds the word Hof, not "Hinterhof"; word starts still count.
  CHECK(found(anna, "Hof") == std::vector<std::int64_t>{putz});
  CHECK(found(anna, "Hinter") == std::vector<std::int64_t>{hinterhof});
  CHECK(found(anna, "terhof") == std::vector<std::int64_t>{hinterhof});
  // The whole word ranks first even when the part matches are newer.
  const auto whole = post(anna, "Der Putz bröckelt");
  const auto newer_part = post(anna, "Putzaktion: Frühjahrsputzkolonne gesucht");
  const auto r = found(anna, "Putz");
  REQUIRE(r.size() == 3);
  CHECK(r.front() == whole);
  CHECK(has(r, putz));
  CHECK(has(r, newer_part));
}

void kept_in_sync(const std::string& db_url) {
  Town t(db_url);
  auto anna = t.person("anna", "Anna Jürgens", t.north);
  auto ben = t.person("ben", "Ben Mueller", t.south);
  auto mod = t.person("mo", "Mo", t.north, "moderator");
  const auto id = post(anna, "Kinderflohmarkt im Gemeinschaftsgarten");
  const auto path = "/api/content/" + std::to_string(id);
  CHECK(found(anna, "Flohmarkt") == std::vector<std::int64_t>{id});
  CHECK(found(ben, "Flohmarkt").empty());  // another neighbourhood: not readable, not found

  // Edited: the old words are gone, the new ones (and their parts) found.
  REQUIRE(anna.s->send_json("PATCH", path, {{"body", "Tauschbörse im Hinterhof"}}).status == 200);
  CHECK(found(anna, "Flohmarkt").empty());
  CHECK(found(anna, "Börse") == std::vector<std::int64_t>{id});
  CHECK(found(anna, "boerse") == std::vector<std::int64_t>{id});

  // Hidden by a moderator: found by nobody, the author included.
  auto hide = mod.s->send_json("POST", "/api/moderation/actions",
                               {{"action", "hide"}, {"target_type", "content"}, {"target_id", id}, {"reason", "Test"}});
  INFO(hide.body);
  REQUIRE(hide.status == 204);
  CHECK(found(anna, "Tauschbörse").empty());
  CHECK(found(mod, "Tauschbörse").empty());

  // Deleted: gone.
  const auto other = post(anna, "Zweiter Tauschtag im Hinterhof");
  CHECK(found(anna, "Tauschtag") == std::vector<std::int64_t>{other});
  REQUIRE(anna.s->request("DELETE", "/api/content/" + std::to_string(other), "", {{"X-CSRF-Token", anna.s->client().csrf_token}}).status == 204);
  CHECK(found(anna, "Tauschtag").empty());

  // People and neighbourhoods by name, as before.
  const auto people = search(anna, "Jürgens").at("people").as_array();
  REQUIRE(people.size() == 1);
  CHECK(people[0].at("id").as_int64() == anna.id);
  CHECK(search(anna, "mueller").at("people").as_array().size() == 1);
  const auto places = search(anna, "nordviertel").at("containers").as_array();
  REQUIRE(places.size() == 1);
  CHECK(places[0].at("name").as_string() == "Nordviertel");
}

void refusals(const std::string& db_url) {
  Town t(db_url);
  auto anna = t.person("anna", "Anna", t.north);
  const auto id = post(anna, "Rabatt 50% auf alles_und mehr");
  for (const std::string q : {"", "a", "%", "_", "%%", "% _ x", "\"*\""}) {
    INFO("q=" << q);
    auto r = anna.s->get("/api/search?q=" + url_encode(q));
    INFO(r.body);
    CHECK(r.status == 400);
    CHECK(r.json().at("error").at("code").as_string() == "invalid_query");
    CHECK(r.body.find("zwei Zeichen") != std::string::npos);
  }
  auto long_q = anna.s->get("/api/search?q=" + std::string(201, 'a'));
  CHECK(long_q.status == 400);
  // '%' and '_' separate words and are no wildcards: "R%att" is "R" and "att", found nowhere.
  CHECK(found(anna, "R%att").empty());
  CHECK(found(anna, "Rab_tt").empty());
  CHECK(found(anna, "50%") == std::vector<std::int64_t>{id});
  CHECK(found(anna, "Rabatt%") == std::vector<std::int64_t>{id});
  for (const char* q : {"%FF%FE", "Stra%C3"}) {
    auto r = anna.s->get(std::string("/api/search?q=") + q);
    CHECK(r.status == 400);
  }
  // Search is for people signed in.
  CHECK(t.srv.client().get("/api/search?q=Rabatt").status == 401);
}

}  // namespace

TEST_CASE("German search rules (SQLite)", "[integration][search]") { german_rules(""); }
TEST_CASE("German search rules (PostgreSQL)", "[integration][search]") {
  QT_REQUIRE_PG();
  PgTestDb pg;
  german_rules(pg.url());
}
TEST_CASE("the search index follows new, edited, hidden and deleted content (SQLite)", "[integration][search]") {
  kept_in_sync("");
}
TEST_CASE("the search index follows new, edited, hidden and deleted content (PostgreSQL)", "[integration][search]") {
  QT_REQUIRE_PG();
  PgTestDb pg;
  kept_in_sync(pg.url());
}
TEST_CASE("search refuses what it cannot search (SQLite)", "[integration][search]") { refusals(""); }
TEST_CASE("search refuses what it cannot search (PostgreSQL)", "[integration][search]") {
  QT_REQUIRE_PG();
  PgTestDb pg;
  refusals(pg.url());
}
