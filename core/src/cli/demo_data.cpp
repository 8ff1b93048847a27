#include "cli/demo_data.hpp"

#include <iostream>

#include "accounts/demo_data.hpp"
#include "app/app.hpp"
#include "content/store.hpp"
#include "db/migrations.hpp"
#include "live/hub.hpp"
#include "notify/notifier.hpp"
#include "stream/actions.hpp"

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

}  // namespace

void add_demo_data_command(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand(
      "demo-data", "Add demo content (neighbourhoods, people with known passwords, posts). Not for production.");
  cmd->callback([&ctx] {
    guarded(ctx, [&ctx] {
      const auto cfg = ctx.load_config();
      auto db = db::Database::open(app::database_options(cfg.database));
      db::Migrator(*db).apply("core", db::core_migrations(db->dialect()));

      const auto people = accounts::seed_demo_accounts(*db, cfg, std::cout);
      content::Store store(*db);
      live::Hub hub;
      notify::Notifier notifier(*db, store, hub);
      stream::Actions actions(*db, store, notifier, hub);

      auto viewer = [&](std::int64_t user, http::Role role) {
        auto lease = db->read();
        return store.viewer(*lease, user, role);
      };
      {
        // Posting again would duplicate the demo; the first run's posts are enough.
        auto lease = db->read();
        long long existing = 0;
        *lease << "SELECT COUNT(*) FROM content", soci::into(existing);
        if (existing > 0) {
          std::cout << "Demo content exists already; nothing added.\n";
          return 0;
        }
      }
      int posts = 0;
      for (const auto& p : kPosts) {
        if (p.author >= people.resident_ids.size()) continue;
        const auto author = viewer(people.resident_ids[p.author], http::Role::resident);
        stream::PostInput in;
        in.title = p.title;
        in.body = p.body;
        const auto id = actions.create_post(author, in);
        ++posts;
        // A neighbour answers (only people of the same neighbourhood read its posts), else the
        // administration, which reads every neighbourhood.
        auto commenter = viewer(people.staff_id, http::Role::staff);
        for (const auto rid : people.resident_ids) {
          const auto other = viewer(rid, http::Role::resident);
          if (rid != author.user_id && other.neighbourhood_id == author.neighbourhood_id) {
            commenter = other;
            break;
          }
        }
        actions.add_comment(commenter, id, 0, p.comment);
        actions.react(commenter, id, "thanks");
      }
      if (people.staff_id != 0) {
        stream::AnnouncementInput a;
        a.title = "Willkommen bei Quartier";
        a.body =
            "Hier informiert die Verwaltung über Neuigkeiten aus der Stadt und beantwortet Ihre Fragen. "
            "Bitte bleiben Sie freundlich: Beiträge mit Hass und Hetze werden entfernt.";
        a.pinned = true;
        actions.announce(viewer(people.staff_id, http::Role::staff), a);
        ++posts;
      }
      std::cout << "Demo content: " << posts << " posts with comments and reactions.\n";
      return 0;
    });
  });
}

}  // namespace qt::cli
