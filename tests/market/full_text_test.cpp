// German full text in the listings' search through the real server: on PostgreSQL its 'german'
// text search, on SQLite the stored Snowball stems; both find a word in another form
// ("Gartenstuhl" finds "Gartenstühle", "Buch" finds "Bücher"), need every word, keep finding
// parts of compound words as typed, and follow edits of the text.
#include "market_fixture.hpp"
#include "pg_test_db.hpp"

using namespace qt::test;
using namespace qt::test::market;

namespace {

std::vector<std::string> found(Person& p, const std::string& q) {
  std::vector<std::string> out;
  const auto page = ok_json(p.get(kApi + "/listings?q=" + q));  // kept: the loop walks into it
  for (const auto& l : page.at("listings").as_array()) out.emplace_back(l.at("title").as_string());
  return out;
}

}  // namespace

TEST_CASE("full text: German word forms find listings on both databases", "[market][full_text]") {
  for_each_dialect([](const DbTarget& target) {
    MarketServer s(target.url);
    auto anna = s.person("anna", "resident", s.altstadt);
    auto ben = s.person("ben", "resident", s.altstadt);
    auto chairs = make_listing(anna, {{"type", "give_away"}, {"title", "Gartenstühle aus Holz"}, {"category", "garden"}});
    make_listing(anna, {{"type", "give_away"}, {"title", "Kiste"}, {"category", "books"}, {"description", "Wir verschenken alte Bücher."}});
    make_listing(anna, {{"type", "sell"}, {"title", "Kinderrad"}, {"category", "bikes"}, {"price", 20}});

    CHECK(found(ben, "Gartenstuhl") == std::vector<std::string>{"Gartenstühle aus Holz"});
    CHECK(found(ben, "Buch") == std::vector<std::string>{"Kiste"});
    CHECK(found(ben, "B%C3%BCcher") == std::vector<std::string>{"Kiste"});
    CHECK(found(ben, "holz%20gartenstuhl") == std::vector<std::string>{"Gartenstühle aus Holz"});
    CHECK(found(ben, "Gartenstuhl%20Metall").empty());  // every word must match
    CHECK(found(ben, "rad") == std::vector<std::string>{"Kinderrad"});  // a part of a compound, as typed
    CHECK(found(ben, "Fahrrad").empty());

    // An edit of the text is searched from then on.
    ok_json(anna.send("PATCH", kApi + "/listings/" + id(chairs.at("id").as_int64()), {{"title", "Gartentisch aus Metall"}}));
    CHECK(found(ben, "Gartenstuhl").empty());
    CHECK(found(ben, "Gartentische") == std::vector<std::string>{"Gartentisch aus Metall"});
  });
}
