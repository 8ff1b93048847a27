#pragma once
// A migrated database with neighbourhoods and people for the stream tests (both dialects).
#include <cstdint>
#include <memory>
#include <string>

#include "domain/content/store.hpp"
#include "domain/notify/notifier.hpp"
#include "domain/stream/actions.hpp"
#include "pg_test_db.hpp"
#include "platform/db/database.hpp"
#include "platform/db/migrations.hpp"
#include "platform/live/hub.hpp"

namespace qt::test {

struct StreamDb {
  std::unique_ptr<db::Database> db;
  std::unique_ptr<content::Store> store;

  explicit StreamDb(const DbTarget& t) {
    db = db::Database::open(t.options());
    db::Migrator(*db).apply("core", db::core_migrations(db->dialect()));
    store = std::make_unique<content::Store>(*db);
    auto w = db->write();
    store->city_container(*w);
  }

  std::int64_t neighbourhood(const std::string& slug) {
    auto w = db->write();
    std::int64_t id = 0;
    const std::int64_t t = content::now_ms();
    *w << "INSERT INTO neighbourhoods (slug, name, created_at) VALUES (:s, :n, :t) RETURNING id", soci::use(slug, "s"),
        soci::use(slug, "n"), soci::use(t, "t"), soci::into(id);
    store->neighbourhood_container(*w, id);
    return id;
  }

  std::int64_t user(const std::string& name, std::int64_t neighbourhood_id, const std::string& role = "resident") {
    auto w = db->write();
    std::int64_t id = 0;
    const std::int64_t t = content::now_ms();
    const std::string email = name + "@example.org";
    *w << "INSERT INTO users (email, display_name, password_hash, role, neighbourhood_id, status, created_at, updated_at)"
          " VALUES (:e, :n, 'x', :r, :nb, 'active', :t1, :t2) RETURNING id",
        soci::use(email, "e"), soci::use(name, "n"), soci::use(role, "r"), soci::use(neighbourhood_id, "nb"),
        soci::use(t, "t1"), soci::use(t, "t2"), soci::into(id);
    return id;
  }

  content::Viewer viewer(std::int64_t uid, qt::Role role = qt::Role::resident) {
    auto r = db->read();
    return store->viewer(*r, uid, role);
  }

  std::int64_t post(std::int64_t author, std::int64_t container, const std::string& title, const std::string& kind = "post") {
    auto w = db->write();
    content::NewItem n;
    n.kind = kind;
    n.container_id = container;
    n.author_id = author;
    n.title = title;
    n.body = title + " body";
    return store->create_item(*w, n);
  }
};

// A StreamDb with the live hub, notifier and actions the stream tests post and react through.
struct StreamWorld {
  StreamDb d;
  live::Hub hub;
  notify::Notifier notifier;
  stream::Actions actions;
  explicit StreamWorld(const DbTarget& t) : d(t), notifier(*d.db, *d.store, hub), actions(*d.db, *d.store, notifier, hub) {}
};

}  // namespace qt::test
