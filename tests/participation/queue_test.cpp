// The department's queue through the real server on SQLite and PostgreSQL: open questions only,
// oldest first, paged by next_after past the closed ones; bad paging parameters refused; the
// question JSON the lists write directly (texts with quotes, backslashes, line breaks and control
// characters, coordinates, the viewer's own supports and follows) read back exactly as stored;
// and the word search, the same on both databases.
#include <cctype>

#include "participation_fixture.hpp"
#include "pg_test_db.hpp"

using namespace qt::test;
using namespace qt::test::participation;

namespace {

std::string qpath(const boost::json::value& q, const std::string& rest = "") {
  return kApi + "/questions/" + id(q.at("id").as_int64()) + rest;
}

std::string url_encode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace

TEST_CASE("the queue pages through a department's open questions oldest first", "[participation][queue]") {
  for_each_dialect([](const DbTarget& target) {
    ParticipationServer s(target.url);
    auto anna = s.person("anna");
    auto tina = s.staff("tina", "Tiefbauamt");
    const auto roads = s.topic("strassen", "Tiefbauamt");
    const auto parks = s.topic("gruen", "Grünflächenamt");
    std::vector<std::int64_t> open;
    for (int i = 0; i < 7; ++i) {
      const auto q = ask(anna, roads, "Frage " + std::to_string(i));
      if (i % 3 == 1) {  // closed: declined or answered, never in the open queue
        if (i == 1) ok_json(tina.send("POST", qpath(q, "/status"), {{"status", "declined"}, {"reason", "Privatgrund"}}));
        else ok_json(tina.send("POST", qpath(q, "/answer"), {{"text", "Erledigt."}}));
      } else {
        open.push_back(q.at("id").as_int64());
      }
      if (i == 2) ok_json(tina.send("POST", qpath(q, "/status"), {{"status", "in_progress"}}));  // still open
    }
    ask(anna, parks, "Eine Frage an ein anderes Amt");

    std::vector<std::int64_t> seen;
    std::string next = "0";
    int pages = 0;
    while (next != "null") {
      const auto page = ok_json(tina.get(kApi + "/queue?limit=2&after=" + next));
      CHECK(str(page.at("department")) == "Tiefbauamt");
      for (auto q : ids(page)) seen.push_back(q);
      CHECK(ids(page).size() <= 2);
      next = boost::json::serialize(page.at("next_after"));
      ++pages;
      REQUIRE(pages <= 4);
    }
    CHECK(seen == open);  // 5 open of 7, in id order; the other department's never
    CHECK(pages == 3);
    const auto all = ok_json(tina.get(kApi + "/queue?status=all&limit=200"));
    CHECK(ids(all).size() == 7);
    CHECK(all.at("next_after").is_null());
    CHECK(ids(ok_json(tina.get(kApi + "/queue?status=declined"))).size() == 1);

    // Bad paging: a clear error, nothing else happens.
    refused(tina.get(kApi + "/queue?limit=0"), 400, "invalid_limit");
    refused(tina.get(kApi + "/queue?limit=201"), 400, "invalid_limit");
    refused(tina.get(kApi + "/queue?after=-1"), 400, "invalid_after");
    refused(tina.get(kApi + "/queue?after=abc"), 400, "invalid_after");
  });
}

TEST_CASE("question lists write texts, places and the viewer's own rows exactly", "[participation][queue]") {
  for_each_dialect([](const DbTarget& target) {
    ParticipationServer s(target.url);
    auto anna = s.person("anna");
    auto bob = s.person("bob");
    auto tina = s.staff("tina", "Tiefbauamt");
    s.neighbourhood("mitte", square(13.40, 52.50, 0.02));
    const auto roads = s.topic("strassen", "Tiefbauamt");
    const std::string text = "Zitat \"Ampel\" \\ Pfad C:\\tmp\nZweite Zeile\tTab \x01 Ende – Größe 😀";
    const auto q = ask(anna, roads, text, {{"title", "Straße \"Nord\""}, {"kind", "idea"}, {"lat", 52.5012345}, {"lon", 13.4098765}});
    const auto other = ask(anna, roads, "Noch eine Idee", {{"kind", "idea"}});
    ok_json(bob.send("POST", qpath(q, "/support")), 201);
    ok_json(bob.send("POST", qpath(q, "/follow")), 201);

    const auto queue = ok_json(tina.get(kApi + "/queue"));
    const auto& first = queue.at("questions").as_array().at(0);
    CHECK(str(first.at("body")) == text);
    CHECK(str(first.at("title")) == "Straße \"Nord\"");
    CHECK(first.at("lat").as_double() == 52.5012345);
    CHECK(first.at("lon").as_double() == 13.4098765);
    CHECK(first.at("supports").as_int64() == 1);
    // The list, the single question and the queue are the same shape and values.
    const auto single = ok_json(tina.get(qpath(q))).as_object();
    for (const auto& [k, v] : first.as_object()) CHECK(single.at(k) == v);

    // Bob's own support and follow show on his list only.
    const auto bobs = ok_json(bob.get(kApi + "/questions?kind=idea"));
    REQUIRE(ids(bobs) == std::vector<std::int64_t>{other.at("id").as_int64(), q.at("id").as_int64()});
    CHECK(!bobs.at("questions").as_array().at(0).at("supported").as_bool());
    CHECK(bobs.at("questions").as_array().at(1).at("supported").as_bool());
    CHECK(bobs.at("questions").as_array().at(1).at("following").as_bool());
    const auto annas = ok_json(anna.get(kApi + "/questions?kind=idea"));
    CHECK(!annas.at("questions").as_array().at(1).at("supported").as_bool());
    CHECK(annas.at("questions").as_array().at(1).at("mine").as_bool());

    // Words are found whatever their case, umlauts too, alike on both databases; % and _ are
    // letters in a search, not wildcards.
    const auto noise = ask(anna, roads, "Ärger über Lärm am Ufer, 100% jede Nacht");
    for (const char* words : {"ärger", "ÄRGER", "LÄRM", "über", "ÜBER", "100%", "Ufer,"}) {
      INFO(words);
      CHECK(ids(ok_json(bob.get(kApi + "/questions?q=" + url_encode(words)))) == std::vector<std::int64_t>{noise.at("id").as_int64()});
    }
    CHECK(ids(ok_json(bob.get(kApi + "/questions?q=" + url_encode("%")))).size() == 1);
    CHECK(ids(ok_json(bob.get(kApi + "/questions?q=" + url_encode("_")))).empty());
    CHECK(ids(ok_json(bob.get(kApi + "/questions?q=" + url_encode("Lärm%Ufer")))).empty());
  });
}
