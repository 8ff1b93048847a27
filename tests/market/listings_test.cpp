// Residents' listings through the real server: creating in the own neighbourhood with every
// refusal (price, category, limits) changing nothing, the faceted search, who may read and
// change a listing, reserved and done, renewal, and contact through a direct conversation.
#include <chrono>
#include <thread>

#include "market_fixture.hpp"
#include "pg_test_db.hpp"

using namespace qt::test;
using namespace qt::test::market;

namespace {

const std::string kLimits = "max_active_listings = 4\nmax_sell_listings = 2\nforbidden_categories = [\"electronics\"]\n";

std::size_t count(Person& p, const std::string& query) {
  return ok_json(p.get(kApi + "/listings" + query)).at("listings").as_array().size();
}

}  // namespace

TEST_CASE("listings: refusals change nothing, search facets, access and states", "[market][listings]") {
  for_each_dialect([](const DbTarget& target) {
    MarketServer s(target.url, kLimits);
    auto anna = s.person("anna", "resident", s.altstadt);
    auto ben = s.person("ben", "resident", s.altstadt);
    auto cem = s.person("cem", "resident", s.hafen);
    auto nobody = s.person("ohneort");

    // Refusals: nothing is stored.
    auto neg = anna.send("POST", kApi + "/listings", {{"type", "sell"}, {"title", "Stuhl"}, {"category", "furniture"}, {"price", -5}});
    CHECK(error_code(neg) == "invalid_price");
    auto nan = anna.send("POST", kApi + "/listings", {{"type", "sell"}, {"title", "Stuhl"}, {"category", "furniture"}, {"price", "zehn"}});
    CHECK(error_code(nan) == "invalid_price");
    CHECK(error_code(anna.send("POST", kApi + "/listings", {{"type", "sell"}, {"title", "Stuhl"}, {"category", "furniture"}})) == "invalid_price");
    CHECK(error_code(anna.send("POST", kApi + "/listings", {{"type", "sell"}, {"title", "Stuhl"}, {"category", "furniture"}, {"price", 1.005}})) == "invalid_price");
    CHECK(error_code(anna.send("POST", kApi + "/listings", {{"type", "sell"}, {"title", "Flinte"}, {"category", "weapons"}, {"price", 50}})) == "forbidden_category");
    CHECK(error_code(anna.send("POST", kApi + "/listings", {{"type", "sell"}, {"title", "Katze"}, {"category", "animals"}, {"price", 50}})) == "forbidden_category");
    CHECK(error_code(anna.send("POST", kApi + "/listings", {{"type", "give_away"}, {"title", "Handy"}, {"category", "electronics"}})) == "forbidden_category");
    CHECK(error_code(anna.send("POST", kApi + "/listings", {{"type", "trade"}, {"title", "X"}, {"category", "books"}})) == "invalid_type");
    CHECK(error_code(nobody.send("POST", kApi + "/listings", {{"type", "give_away"}, {"title", "Topf"}, {"category", "household"}})) == "no_neighbourhood");
    CHECK(anna.send("POST", kApi + "/listings", {{"type", "give_away"}, {"title", "Topf"}, {"category", "household"}, {"neighbourhood_id", s.hafen}}).status == 403);
    CHECK(count(anna, "?mine=1") == 0);

    // Listings of every type, with facets to find them by.
    auto sofa = make_listing(anna, {{"type", "sell"}, {"title", "Rotes Sofa"}, {"category", "furniture"}, {"condition", "good"}, {"price", 40.5}, {"area", "Nähe Marktplatz"}});
    CHECK(sofa.at("price_cents").as_int64() == 4050);
    CHECK(sofa.at("state").as_string() == "active");
    CHECK(sofa.at("free").as_bool() == false);
    auto kitten = make_listing(anna, {{"type", "give_away"}, {"title", "Kätzchen suchen ein Zuhause"}, {"category", "animals"}, {"price", 25}});
    CHECK(kitten.at("price_cents").is_null());  // giving away is free, whatever was sent
    CHECK(kitten.at("free").as_bool());
    make_listing(ben, {{"type", "lend"}, {"title", "Bohrmaschine"}, {"category", "tools"}});
    make_listing(ben, {{"type", "sell"}, {"title", "Kinderrad"}, {"category", "bikes"}, {"price", 15}});
    auto pot = make_listing(cem, {{"type", "give_away"}, {"title", "Blumentopf"}, {"category", "garden"}});

    CHECK(count(ben, "") == 4);  // the Altstadt, not the Hafen
    CHECK(count(ben, "?type=sell") == 2);
    CHECK(count(ben, "?type=sell&max_price_cents=2000") == 1);
    CHECK(count(ben, "?free=1") == 1);
    CHECK(count(ben, "?category=tools") == 1);
    CHECK(count(ben, "?q=sofa") == 1);
    CHECK(count(cem, "") == 1);
    // Another neighbourhood's listings stay with its residents.
    CHECK(cem.get(kApi + "/listings?neighbourhood_id=" + id(s.altstadt)).status == 403);
    CHECK(cem.get(kApi + "/listings/" + id(sofa.at("id").as_int64())).status == 404);
    CHECK(anna.get(kApi + "/listings/" + id(pot.at("id").as_int64())).status == 404);
    // The listing is an item of the neighbourhood's stream, with its card.
    auto stream = ok_json(ben.get("/api/stream?scope=neighbourhood&kind=market.listing")).at("items").as_array();
    REQUIRE(stream.size() == 4);
    CHECK(stream.at(0).at("card").at("type").is_string());

    // Only the author changes it; reserved stays findable, done leaves the search.
    const auto sofa_path = kApi + "/listings/" + id(sofa.at("id").as_int64());
    CHECK(ben.send("PATCH", sofa_path, {{"state", "done"}}).status == 403);
    CHECK(error_code(anna.send("PATCH", sofa_path, {{"price", -1}})) == "invalid_price");
    CHECK(error_code(anna.send("PATCH", sofa_path, {{"state", "sold"}})) == "invalid_state");
    CHECK(error_code(anna.send("PATCH", sofa_path, {{"neighbourhood_id", s.hafen}})) == "invalid_neighbourhood_id");
    CHECK(ok_json(anna.get(sofa_path)).at("price_cents").as_int64() == 4050);
    CHECK(ok_json(anna.send("PATCH", sofa_path, {{"state", "reserved"}, {"price", 35}})).at("price_cents").as_int64() == 3500);
    CHECK(count(ben, "?q=sofa") == 1);
    CHECK(ok_json(anna.send("PATCH", sofa_path, {{"state", "done"}})).at("state").as_string() == "done");
    CHECK(count(ben, "?q=sofa") == 0);
    CHECK(count(anna, "?mine=1") == 2);

    // Renewal: a full period from now; a done listing is not renewed.
    auto renewed = ok_json(anna.send("POST", kApi + "/listings/" + id(kitten.at("id").as_int64()) + "/renew")).as_object();
    CHECK(renewed.at("expires_at").as_int64() >= kitten.at("expires_at").as_int64());
    CHECK(anna.send("POST", sofa_path + "/renew").status == 409);
    CHECK(ben.send("POST", kApi + "/listings/" + id(kitten.at("id").as_int64()) + "/renew").status == 403);
  });
}

TEST_CASE("listings: per-person limits, contact by direct message, deletion", "[market][listings]") {
  for_each_dialect([](const DbTarget& target) {
    MarketServer s(target.url, kLimits);
    auto anna = s.person("anna", "resident", s.altstadt);
    auto ben = s.person("ben", "resident", s.altstadt);

    make_listing(anna, {{"type", "sell"}, {"title", "Lampe"}, {"category", "household"}, {"price", 5}});
    make_listing(anna, {{"type", "sell"}, {"title", "Tisch"}, {"category", "furniture"}, {"price", 20}});
    auto third = anna.send("POST", kApi + "/listings", {{"type", "sell"}, {"title", "Regal"}, {"category", "furniture"}, {"price", 10}});
    CHECK(third.status == 429);
    CHECK(error_code(third) == "sell_limit");
    auto gift = make_listing(anna, {{"type", "give_away"}, {"title", "Bücherkiste"}, {"category", "books"}});
    make_listing(anna, {{"type", "search"}, {"title", "Suche Leiter"}, {"category", "tools"}});
    auto fifth = anna.send("POST", kApi + "/listings", {{"type", "swap"}, {"title", "Tausche Pflanzen"}, {"category", "garden"}});
    CHECK(error_code(fifth) == "listing_limit");
    CHECK(count(anna, "?mine=1") == 4);

    // Contact: a direct conversation, the author's e-mail never shown.
    const auto gift_path = kApi + "/listings/" + id(gift.at("id").as_int64());
    CHECK(error_code(anna.send("POST", gift_path + "/contact", {{"message", "Hallo"}})) == "own_listing");
    CHECK(error_code(ben.send("POST", gift_path + "/contact", {{"message", ""}})) == "invalid_message");
    auto sent = ok_json(ben.send("POST", gift_path + "/contact", {{"message", "Ich hole die Bücher gern ab."}}), 201);
    const auto conv = sent.at("conversation_id").as_int64();
    auto msgs = anna.get("/api/conversations/" + id(conv) + "/messages");
    INFO(msgs.body);
    CHECK(msgs.status == 200);
    CHECK(msgs.body.find("Ich hole die Bücher gern ab.") != std::string::npos);
    CHECK(msgs.body.find("Bücherkiste") != std::string::npos);
    CHECK(ok_json(ben.get(gift_path)).as_object().if_contains("email") == nullptr);
    CHECK(ben.get(gift_path).body.find(anna.email) == std::string::npos);
    // A block stops it.
    CHECK(anna.send("PUT", "/api/blocks/" + id(ben.id)).status / 100 == 2);
    CHECK(ben.send("POST", gift_path + "/contact", {{"message", "Noch da?"}}).status == 403);

    // Deletion: only the author (or a moderator); the item leaves the stream.
    CHECK(ben.send("DELETE", gift_path).status == 403);
    CHECK(anna.send("DELETE", gift_path).status == 204);
    CHECK(anna.get(gift_path).status == 404);
    CHECK(anna.get("/api/content/" + id(gift.at("content_id").as_int64())).status == 404);
  });
}

TEST_CASE("listings: a durable job expires them out of search and streams", "[market][listings][expiry]") {
  for_each_dialect([](const DbTarget& target) {
    MarketServer s(target.url, "listing_days = 0\n");  // expires as soon as it is up
    auto anna = s.person("anna", "resident", s.altstadt);
    auto ben = s.person("ben", "resident", s.altstadt);
    auto l = make_listing(anna, {{"type", "give_away"}, {"title", "Alte Zeitungen"}, {"category", "other"}});
    const auto path = kApi + "/listings/" + id(l.at("id").as_int64());
    std::string state;
    for (int i = 0; i < 300 && state != "expired"; ++i) {  // the job runs on the core's job thread
      state = std::string(ok_json(anna.get(path)).at("state").as_string());
      if (state != "expired") std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    CHECK(state == "expired");
    CHECK(count(ben, "") == 0);
    CHECK(ok_json(ben.get("/api/stream?scope=neighbourhood&kind=market.listing")).at("items").as_array().empty());
    CHECK(ok_json(anna.get(kApi + "/listings?mine=1")).at("listings").as_array().size() == 1);
    CHECK(error_code(anna.send("PATCH", path, {{"state", "active"}})) == "expired");
    CHECK(ok_json(anna.send("POST", path + "/renew")).at("state").as_string() == "active");
  });
}
