#include "app/cli/demo_data.hpp"

#include <iostream>

#include "app/app.hpp"
#include "app/cli/demo_accounts.hpp"
#include "domain/content/store.hpp"
#include "domain/notify/notifier.hpp"
#include "domain/stream/actions.hpp"
#include "platform/db/migrations.hpp"
#include "platform/live/hub.hpp"

namespace qt::cli {

namespace {

struct DemoPost {
  std::size_t author;  // index into resident_ids; posts go to the author's neighbourhood
  const char* title;
  const char* body;
  const char* comment;
};

// Content goes through the same actions the API uses, so it is rendered, indexed for search
// and counted exactly like real posts.
constexpr DemoPost kPosts[] = {
    {0, "Wer hilft beim Frühjahrsputz im Park?",
     "Am **Samstag um 10 Uhr** treffen wir uns am Spielplatz. Handschuhe und Säcke stellt das Grünflächenamt.",
     "Ich bin dabei und bringe zwei Harken mit."},
    {1, "Leiter zu verleihen",
     "Ich habe eine 3-Meter-Leiter, die meistens im Keller steht. Wer sie braucht, meldet sich einfach hier.",
     "Danke, ich würde sie nächste Woche gern für die Lampe im Flur ausleihen."},
    {2, "Flohmarkt im Hof",
     "Am 1. Sonntag im Monat machen wir wieder Hofflohmarkt. Stände bitte bis Freitag anmelden.",
     "Super Idee! Gibt es auch wieder Kuchen?"},
};

// The services the demo content goes through, over one database.
struct DemoServices {
  explicit DemoServices(db::Database& database)
      : db(database), store(database), notifier(database, store, hub), actions(database, store, notifier, hub) {}

  content::Viewer viewer(std::int64_t user, Role role) const {
    auto lease = db.read();
    return store.viewer(*lease, user, role);
  }

  db::Database& db;
  content::Store store;
  live::Hub hub;
  notify::Notifier notifier;
  stream::Actions actions;
};

// Posting again would duplicate the demo; the first run's posts are enough.
bool has_content(db::Database& db) {
  auto lease = db.read();
  long long existing = 0;
  *lease << "SELECT COUNT(*) FROM content", soci::into(existing);
  return existing > 0;
}

// A neighbour answers (only people of the same neighbourhood read its posts), else the
// administration, which reads every neighbourhood.
content::Viewer commenter_for(const DemoServices& d, const accounts::DemoAccounts& people,
                              const content::Viewer& author) {
  for (const auto rid : people.resident_ids) {
    const auto other = d.viewer(rid, Role::resident);
    if (rid != author.user_id && other.neighbourhood_id == author.neighbourhood_id) return other;
  }
  return d.viewer(people.staff_id, Role::staff);
}

int add_posts(const DemoServices& d, const accounts::DemoAccounts& people) {
  int posts = 0;
  for (const auto& p : kPosts) {
    if (p.author >= people.resident_ids.size()) continue;
    const auto author = d.viewer(people.resident_ids[p.author], Role::resident);
    stream::PostInput in;
    in.title = p.title;
    in.body = p.body;
    const auto id = d.actions.create_post(author, in);
    ++posts;
    const auto commenter = commenter_for(d, people, author);
    d.actions.add_comment(commenter, id, 0, p.comment);
    d.actions.react(commenter, id, "thanks");
  }
  if (people.staff_id != 0) {
    stream::AnnouncementInput a;
    a.title = "Willkommen bei Quartier";
    a.body =
        "Hier informiert die Verwaltung über Neuigkeiten aus der Stadt und beantwortet Ihre Fragen. "
        "Bitte bleiben Sie freundlich: Beiträge mit Hass und Hetze werden entfernt.";
    a.pinned = true;
    d.actions.announce(d.viewer(people.staff_id, Role::staff), a);
    ++posts;
  }
  return posts;
}

int add_demo_data(const Context& ctx) {
  const auto cfg = ctx.load_config();
  auto db = db::Database::open(app::database_options(cfg.database));
  db::Migrator(*db).apply("core", db::core_migrations(db->dialect()));
  const auto people = accounts::seed_demo_accounts(*db, cfg, std::cout);
  DemoServices d(*db);
  if (has_content(*db)) {
    std::cout << "Demo content exists already; nothing added.\n";
    return 0;
  }
  const int posts = add_posts(d, people);
  std::cout << "Demo content: " << posts << " posts with comments and reactions.\n";
  return 0;
}

}  // namespace

void add_demo_data_command(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand(
      "demo-data", "Add demo content (neighbourhoods, people with known passwords, posts). Not for production.");
  cmd->callback([&ctx] { guarded(ctx, [&ctx] { return add_demo_data(ctx); }); });
}

}  // namespace qt::cli
