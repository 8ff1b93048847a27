// Content, containers, memberships and notifications through the ABI, on the core's real
// content::Store and notify::Notifier, on both databases.
#include <catch2/catch.hpp>

#include <boost/json.hpp>
#include <soci/soci.h>

#include "domain/content/store.hpp"
#include "domain/notify/notifier.hpp"
#include "pg_test_db.hpp"
#include "platform/config/config.hpp"
#include "platform/db/database.hpp"
#include "platform/db/migrations.hpp"
#include "platform/events/bus.hpp"
#include "platform/http/router.hpp"
#include "platform/live/hub.hpp"
#include "plugin_host/host.hpp"

using qt::plugin_host::Host;
using qt::plugin_host::HostServices;

namespace {

struct ContentRig {
  qt::config::Config config;
  std::unique_ptr<qt::db::Database> db;
  qt::http::Router router;
  qt::events::Bus bus;
  std::unique_ptr<qt::content::Store> store;
  qt::live::Hub hub;
  std::unique_ptr<qt::notify::Notifier> notifier;
  std::unique_ptr<Host> host;

  explicit ContentRig(const qt::test::DbTarget& target) {
    db = qt::db::Database::open(target.options());
    qt::db::Migrator(*db).apply("core", qt::db::core_migrations(db->dialect()));
    store = std::make_unique<qt::content::Store>(*db);
    notifier = std::make_unique<qt::notify::Notifier>(*db, *store, hub);
    config.plugins.dir = QT_TEST_PLUGIN_DIR;
    config.plugins.enabled = {"content_cpp"};
    host = std::make_unique<Host>(HostServices{config, *db, router, bus, nullptr, store.get(), notifier.get()});
    host->load();
    host->start();
  }
  ~ContentRig() { host->stop(std::chrono::seconds(5)); }

  std::int64_t user(const std::string& name) {
    auto w = db->write();
    std::int64_t id = 0;
    const std::int64_t t = qt::content::now_ms();
    const std::string email = name + "@example.org";
    *w << "INSERT INTO users (email, display_name, password_hash, role, status, created_at, updated_at)"
          " VALUES (:e, :n, 'x', 'resident', 'active', :t1, :t2) RETURNING id",
        soci::use(email, "e"), soci::use(name, "n"), soci::use(t, "t1"), soci::use(t, "t2"), soci::into(id);
    return id;
  }

  qt::http::Response call(const std::string& method, const std::string& target, std::int64_t user, std::string body = {}) {
    qt::http::Request req;
    req.method = method;
    auto q = target.find('?');
    req.path = target.substr(0, q);
    if (q != std::string::npos) req.query = target.substr(q + 1);
    req.body = std::move(body);
    req.user_id = user;
    req.role = qt::Role::resident;
    auto m = router.match(method, req.path);
    REQUIRE(m.kind == qt::http::Match::Kind::found);
    req.path_params = m.params;
    try {
      return m.route->handler(req);
    } catch (const qt::http::HttpError& e) {
      return e.to_response();
    }
  }

  long long scalar(const std::string& sql) {
    auto r = db->read();
    long long v = -1;
    *r << sql, soci::into(v);
    return v;
  }
};

std::int64_t id_of(const qt::http::Response& r) { return boost::json::parse(r.body).at("id").as_int64(); }

}  // namespace

TEST_CASE("plugins manage containers, members, content and notifications through the core", "[plugins][content]") {
  qt::test::for_each_dialect([](const qt::test::DbTarget& target) {
    ContentRig rig(target);
    REQUIRE(QT_HOST_HAS(&rig.host->api(), content_create));
    REQUIRE(QT_HOST_HAS(&rig.host->api(), notify));
    auto anna = rig.user("anna"), ben = rig.user("ben");

    auto created = rig.call("POST", "/api/p/content_cpp/groups", anna, "Gartenfreunde");
    REQUIRE(created.status == 201);
    auto group = id_of(created);
    {
      auto r = rig.db->read();
      auto c = rig.store->container(*r, group);
      REQUIRE(c);
      CHECK(c->kind == "content_cpp.group");
      CHECK(c->owner == "content_cpp");
      CHECK(c->name == "Gartenfreunde");
    }
    auto path = "/api/p/content_cpp/groups/" + std::to_string(group) + "/members/";
    CHECK(boost::json::parse(rig.call("GET", path + std::to_string(anna), anna).body).at("role").as_int64() == QT_MEMBER_OWNER);
    CHECK(rig.call("GET", path + std::to_string(ben), anna).status == 404);
    CHECK(rig.call("POST", path + std::to_string(ben), anna).status == 204);
    CHECK(rig.call("POST", path + std::to_string(ben), anna).status == 409);
    CHECK(boost::json::parse(rig.call("GET", path + std::to_string(ben), anna).body).at("role").as_int64() == QT_MEMBER_MEMBER);
    CHECK(rig.call("PUT", path + std::to_string(ben), anna).status == 204);
    CHECK(boost::json::parse(rig.call("GET", path + std::to_string(ben), anna).body).at("role").as_int64() == QT_MEMBER_MODERATOR);

    // An item and the plugin's own row commit together; the notification is stored with them.
    auto posts = "/api/p/content_cpp/groups/" + std::to_string(group) + "/posts";
    auto post = rig.call("POST", posts + "?notify=" + std::to_string(ben), anna, "Pflanzentausch am Samstag");
    REQUIRE(post.status == 201);
    auto item_id = id_of(post);
    {
      auto r = rig.db->read();
      auto item = rig.store->item(*r, item_id);
      REQUIRE(item);
      CHECK(item->kind == "content_cpp.post");
      CHECK(item->owner == "content_cpp");
      CHECK(item->container_id == group);
      CHECK(item->author_id == anna);
      CHECK(item->summary == "Pflanzentausch am Samstag");
    }
    CHECK(rig.scalar("SELECT COUNT(*) FROM content_cpp_details") == 1);
    CHECK(rig.scalar("SELECT COUNT(*) FROM notifications WHERE kind = 'content_cpp.new_post' AND user_id = " +
                     std::to_string(ben)) == 1);

    // A failure after the writes rolls back the item, the detail row and the notification.
    const auto items_before = rig.scalar("SELECT COUNT(*) FROM content");
    CHECK(rig.call("POST", posts + "?fail=1&notify=" + std::to_string(ben), anna, "gone").status == 500);
    CHECK(rig.scalar("SELECT COUNT(*) FROM content") == items_before);
    CHECK(rig.scalar("SELECT COUNT(*) FROM content_cpp_details") == 1);
    CHECK(rig.scalar("SELECT COUNT(*) FROM notifications WHERE kind = 'content_cpp.new_post'") == 1);

    CHECK(rig.call("PATCH", "/api/p/content_cpp/posts/" + std::to_string(item_id), anna, "Verschoben auf Sonntag").status == 204);
    {
      auto r = rig.db->read();
      CHECK(rig.store->item(*r, item_id)->summary == "Verschoben auf Sonntag");
      CHECK(rig.store->revisions(*r, item_id).size() == 1);
    }

    // Items and containers of others are not the plugin's to change.
    std::int64_t core_item = 0, city = 0;
    {
      auto w = rig.db->write();
      city = rig.store->city_container(*w);
      qt::content::NewItem n;
      n.kind = "post";
      n.container_id = city;
      n.author_id = anna;
      n.title = "core post";
      core_item = rig.store->create_item(*w, n);
    }
    CHECK(rig.call("DELETE", "/api/p/content_cpp/posts/" + std::to_string(core_item), anna).status == 403);
    CHECK(rig.call("PATCH", "/api/p/content_cpp/posts/" + std::to_string(core_item), anna, "x").status == 403);
    CHECK(rig.call("POST", "/api/p/content_cpp/groups/" + std::to_string(city) + "/members/" + std::to_string(ben), anna)
              .status == 403);
    CHECK(rig.call("DELETE", "/api/p/content_cpp/posts/999999", anna).status == 404);

    CHECK(rig.call("DELETE", "/api/p/content_cpp/posts/" + std::to_string(item_id), anna).status == 204);
    {
      auto r = rig.db->read();
      CHECK(rig.store->item(*r, item_id)->deleted_at.has_value());
    }
    CHECK(rig.call("DELETE", path + std::to_string(ben), anna).status == 204);
    CHECK(rig.call("DELETE", path + std::to_string(ben), anna).status == 404);
  });
}

TEST_CASE("the C++ layer reads the 1.2 views", "[plugins][content][abi12][views]") {
  qt::test::for_each_dialect([](const qt::test::DbTarget& target) {
    ContentRig rig(target);
    auto anna = rig.user("anna"), ben = rig.user("ben");
    {
      auto w = rig.db->write();
      *w << "UPDATE users SET language = 'en' WHERE id = :id", soci::use(ben, "id");
    }
    auto r = rig.call("GET", "/api/p/content_cpp/views/" + std::to_string(ben), anna);
    INFO(r.body);
    REQUIRE(r.status == 200);
    auto v = boost::json::parse(r.body);
    CHECK(v.at("kind").as_string() == "city");
    CHECK(v.at("missing").as_bool());
    CHECK(v.at("can_read").as_bool());
    CHECK_FALSE(v.at("blocked").as_bool());
    CHECK(v.at("neighbourhoods").as_int64() == 0);
    CHECK(v.at("outside").as_bool());
    CHECK(v.at("pages") == boost::json::array{1, 1});
    CHECK(v.at("language").as_string() == "en");
    CHECK(rig.scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'content_cpp.viewed'") == 1);
  });
}

TEST_CASE("the C++ layer sets card data, a Markdown body, expiry and the system author (ABI 1.2)", "[plugins][content]") {
  qt::test::for_each_dialect([](const qt::test::DbTarget& target) {
    ContentRig rig(target);
    auto anna = rig.user("anna");
    auto group = id_of(rig.call("POST", "/api/p/content_cpp/groups", anna, "Tauschbörse"));
    auto cards = "/api/p/content_cpp/groups/" + std::to_string(group) + "/cards";
    auto made = rig.call("POST", cards, anna, R"({"price_eur": 80})");
    REQUIRE(made.status == 201);
    auto kept = rig.call("POST", cards + "?keep=1&import=1", anna, R"({"price_eur": 5})");
    REQUIRE(kept.status == 201);
    CHECK(rig.call("POST", cards, anna, "[80]").status == 400);
    auto r = rig.db->read();
    auto item = rig.store->item(*r, id_of(made));
    REQUIRE(item);
    CHECK(item->card == R"({"price_eur":80})");
    CHECK(item->body_html.find("<strong>80 Euro</strong>") != std::string::npos);
    CHECK(item->expires_at == std::optional<std::int64_t>(4102444800000));
    auto imported = rig.store->item(*r, id_of(kept));
    REQUIRE(imported);
    CHECK_FALSE(imported->expires_at);
    CHECK(imported->author_id != anna);
    CHECK(rig.scalar("SELECT COUNT(*) FROM users WHERE status = 'disabled' AND id = " + std::to_string(imported->author_id)) == 1);
    CHECK(rig.scalar("SELECT COUNT(*) FROM content WHERE owner = 'content_cpp'") == 2);
  });
}
