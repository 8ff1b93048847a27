// Offers and news of a verified business in its neighbourhood's stream (limited per week, told
// to followers), and the market's part of the export and of an account's erasure: a person's
// listings go, a business profile survives one of its managers.
#include <chrono>
#include <thread>

#include "market_fixture.hpp"
#include "pg_test_db.hpp"

using namespace qt::test;
using namespace qt::test::market;

TEST_CASE("business posts: verified only, weekly limit, stream cards, followers told", "[market][posts]") {
  for_each_dialect([](const DbTarget& target) {
    MarketServer s(target.url, "posts_per_week = 2\nverifier_department = \"Wirtschaftsförderung\"\n");
    auto owner = s.person("inhaberin", "resident", s.altstadt);
    auto fan = s.person("kundin", "resident", s.altstadt);
    auto stranger = s.person("fremder", "resident", s.altstadt);
    auto staff = s.person("amt", "staff", 0, "Wirtschaftsförderung");
    auto other_staff = s.person("bauamt", "staff", 0, "Bauamt");
    auto b = make_business(owner, "Hofladen Grün");
    const auto path = kApi + "/businesses/" + id(b.at("id").as_int64());

    // Not before the municipality verified the profile; never by someone who does not manage it.
    auto early = owner.send("POST", path + "/posts", {{"kind", "offer"}, {"title", "Äpfel"}});
    CHECK(early.status == 403);
    CHECK(other_staff.send("POST", path + "/verification", {{"verified", true}}).status == 403);  // another department
    CHECK(ok_json(fan.get(path)).at("verified").as_bool() == false);
    ok_json(staff.send("POST", path + "/verification", {{"verified", true}}));
    CHECK(stranger.send("POST", path + "/posts", {{"kind", "offer"}, {"title", "Spam"}}).status == 403);
    CHECK(error_code(owner.send("POST", path + "/posts", {{"kind", "advert"}, {"title", "X"}})) == "invalid_kind");

    ok_json(fan.send("PUT", path + "/follow"));
    CHECK(ok_json(fan.get(path)).at("following").as_bool());
    auto p1 = ok_json(owner.send("POST", path + "/posts", {{"kind", "offer"}, {"title", "Frische Äpfel"}, {"body", "**2 €** das Kilo"}}), 201);
    ok_json(owner.send("POST", path + "/posts", {{"kind", "news"}, {"title", "Neue Öffnungszeiten"}}), 201);
    auto third = owner.send("POST", path + "/posts", {{"kind", "news"}, {"title", "Noch mehr"}});
    CHECK(third.status == 429);
    CHECK(error_code(third) == "weekly_limit");

    // In the Altstadt stream as a card naming the business.
    auto items = ok_json(fan.get("/api/stream?scope=neighbourhood&kind=market.offer,market.news")).at("items").as_array();
    REQUIRE(items.size() == 2);
    CHECK(items.at(1).at("card").at("business").as_string() == "Hofladen Grün");
    CHECK(ok_json(fan.get(path + "/posts")).at("posts").as_array().size() == 2);
    auto item = ok_json(fan.get("/api/content/" + id(p1.at("id").as_int64())));
    CHECK(item.at("body_html").as_string().find("<strong>") != std::string::npos);
    // The follower is told (notifications are stored with the post).
    auto notes = ok_json(fan.get("/api/notifications")).at("items").as_array();
    std::size_t told = 0;
    for (const auto& n : notes) told += n.at("kind").as_string() == "market.business_post";
    CHECK(told == 2);
    ok_json(fan.send("DELETE", path + "/follow"));
    CHECK_FALSE(ok_json(fan.get(path)).at("following").as_bool());
  });
}

TEST_CASE("privacy: export and erasure of listings, follows and managed profiles", "[market][privacy]") {
  for_each_dialect([](const DbTarget& target) {
    MarketServer s(target.url);
    auto ines = s.person("ines", "resident", s.altstadt);
    auto jan = s.person("jan", "resident", s.altstadt);
    auto b = make_business(ines, "Werkstatt Ines");
    const auto path = kApi + "/businesses/" + id(b.at("id").as_int64());
    ok_json(ines.send("POST", path + "/managers", {{"user_id", jan.id}}), 201);
    ok_json(ines.send("PUT", path + "/follow"));
    auto l = make_listing(ines, {{"type", "lend"}, {"title", "Leiter zu verleihen"}, {"category", "tools"}});
    make_listing(jan, {{"type", "search"}, {"title", "Suche Schubkarre"}, {"category", "garden"}});

    auto ex = ines.get("/api/me/export");
    REQUIRE(ex.status == 200);
    CHECK(ex.body.find("Leiter zu verleihen") != std::string::npos);
    CHECK(ex.body.find("Werkstatt Ines") != std::string::npos);
    CHECK(ex.body.find("Suche Schubkarre") == std::string::npos);  // only her own

    ok_json(ines.send("DELETE", "/api/me", {{"password", ines.password}}));
    // Her listing is gone; the profile stays with its other manager; jan's listing stays.
    CHECK(jan.get(kApi + "/listings/" + id(l.at("id").as_int64())).status == 404);
    auto after = ok_json(jan.get(path)).as_object();
    CHECK(after.at("name").as_string() == "Werkstatt Ines");
    CHECK(after.at("is_manager").as_bool());
    CHECK(ok_json(jan.get(path + "/managers")).at("managers").as_array().size() == 1);
    auto left = ok_json(jan.get(kApi + "/listings")).at("listings").as_array();
    REQUIRE(left.size() == 1);
    CHECK(left.at(0).at("title").as_string() == "Suche Schubkarre");
  });
}
