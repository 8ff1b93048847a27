// Blocks in the market through the real server: a person does not find listings of someone
// they blocked or who blocked them (search, paging, the listing itself, its photos), nor a
// business's offers written by them; lifting the block brings everything back.
#include "market_fixture.hpp"
#include "pg_test_db.hpp"

using namespace qt::test;
using namespace qt::test::market;

namespace {

std::vector<std::string> titles(Person& p, const std::string& query) {
  std::vector<std::string> out;
  const auto page = ok_json(p.get(kApi + "/listings" + query));  // kept: the loop walks into it
  for (const auto& l : page.at("listings").as_array()) out.emplace_back(l.at("title").as_string());
  return out;
}

}  // namespace

TEST_CASE("blocks: listings and business posts of blocked people are not shown", "[market][blocks]") {
  for_each_dialect([](const DbTarget& target) {
    MarketServer s(target.url);
    auto anna = s.person("anna", "resident", s.altstadt);
    auto ben = s.person("ben", "resident", s.altstadt);
    auto cem = s.person("cem", "resident", s.altstadt);
    auto admin = s.person("pruefer", "staff");
    // Ben writes more than one page of listings, so paging must skip past the hidden ones.
    for (int i = 0; i < 3; ++i) make_listing(ben, {{"type", "give_away"}, {"title", "Ben " + std::to_string(i)}});
    auto annas = make_listing(anna, {{"type", "give_away"}, {"title", "Anna Topf"}});
    make_listing(cem, {{"type", "give_away"}, {"title", "Cem Vase"}});
    auto shop = make_business(ben, "Bens Laden");
    const auto shop_path = kApi + "/businesses/" + id(shop.at("id").as_int64());
    ok_json(admin.send("POST", shop_path + "/verification", {{"verified", true}}));
    ok_json(ben.send("POST", shop_path + "/posts", {{"kind", "offer"}, {"title", "Frische Brezeln"}}), 201);
    CHECK(titles(anna, "").size() == 5);
    CHECK(ok_json(anna.get(shop_path + "/posts")).at("posts").as_array().size() == 1);

    // Anna blocks Ben: neither sees the other's listings; Cem still sees both.
    CHECK(anna.send("PUT", "/api/blocks/" + id(ben.id)).status / 100 == 2);
    CHECK(titles(anna, "") == std::vector<std::string>{"Cem Vase", "Anna Topf"});
    CHECK(titles(anna, "?limit=1&offset=1") == std::vector<std::string>{"Anna Topf"});
    CHECK(titles(anna, "?q=ben").empty());
    CHECK(titles(ben, "?q=anna").empty());  // the block works both ways
    CHECK(titles(ben, "").size() == 4);     // his own and Cem's
    CHECK(titles(cem, "").size() == 5);
    CHECK(ben.get(kApi + "/listings/" + id(annas.at("id").as_int64())).status == 404);
    // The business stays in the directory (it is not a person), but Ben's offers are hidden.
    CHECK(ok_json(anna.get(kApi + "/businesses?q=bens")).at("businesses").as_array().size() == 1);
    CHECK(ok_json(anna.get(shop_path + "/posts")).at("posts").as_array().empty());
    CHECK(ok_json(cem.get(shop_path + "/posts")).at("posts").as_array().size() == 1);

    // Lifting the block brings them back.
    CHECK(anna.http->request("DELETE", "/api/blocks/" + id(ben.id), "", {{"X-CSRF-Token", anna.http->csrf_token}}).status / 100 == 2);
    CHECK(titles(anna, "").size() == 5);
    CHECK(ben.get(kApi + "/listings/" + id(annas.at("id").as_int64())).status == 200);
    CHECK(ok_json(anna.get(shop_path + "/posts")).at("posts").as_array().size() == 1);
  });
}
