// market: local businesses with a profile the municipality verifies, and residents' listings
// (search, offer, give away, lend, swap, sell). Built only through the C ABI
// (quartier/plugin.hpp): listings and business posts are core content in their neighbourhood's
// container, so the core checks access, streams, search, comments, reports and expiry.
#include <quartier/plugin.hpp>

#include "content_events.hpp"
#include "hours.hpp"
#include "jobs.hpp"
#include "migrations.hpp"
#include "photos.hpp"
#include "privacy.hpp"
#include "routes.hpp"

QUARTIER_PLUGIN("market", "1.0.0") {
  const auto& a = quartier::api();
  if (!QT_HOST_HAS(&a, neighbourhood_at) || !QT_HOST_HAS(&a, conversation_start) || !QT_HOST_HAS(&a, job_enqueue) ||
      !QT_HOST_HAS(&a, image_render) || !QT_HOST_HAS(&a, blocked))
    throw quartier::Error(QT_ERR_UNSUPPORTED, "market needs plugin ABI 1.3 with files (neighbourhood_at, conversation_start, durable jobs, blocks, image_render)");
  plugin.description("Lokale Geschäfte und Kleinanzeigen aus der Nachbarschaft / Local businesses and neighbours' listings");
  plugin.ui_module("ui.js");
  plugin.setting("time_zone", QT_SETTING_STRING, "\"Europe/Berlin\"",
                 "Zeitzone der Gemeinde (IANA-Name), nach der „jetzt geöffnet“ berechnet wird.",
                 "The municipality's time zone (IANA name) in which \"open now\" is computed.");
  plugin.setting("posts_per_week", QT_SETTING_INT, "3", "Wie viele Angebote und Neuigkeiten ein Geschäft pro Woche veröffentlichen darf.",
                 "How many offers and news a business may publish per week.");
  plugin.setting("max_active_listings", QT_SETTING_INT, "20", "Höchstzahl offener Anzeigen pro Person.",
                 "Most open listings per person.");
  plugin.setting("max_sell_listings", QT_SETTING_INT, "10", "Höchstzahl gleichzeitiger Verkaufsanzeigen pro Person (gegen gewerblichen Verkauf).",
                 "Most sale listings per person at once (against commercial selling).");
  plugin.setting("listing_days", QT_SETTING_INT, "30", "Nach wie vielen Tagen eine Anzeige abläuft (verlängerbar).",
                 "After how many days a listing expires (renewable).");
  plugin.setting("forbidden_categories", QT_SETTING_LIST, "[]",
                 "Weitere verbotene Anzeigen-Kategorien (zusätzlich zu Waffen, Medikamenten und Tieren zum Verkauf).",
                 "Further forbidden listing categories (besides weapons, medicines and animals for sale).");
  plugin.setting("verifier_department", QT_SETTING_STRING, "\"\"",
                 "Nur Mitarbeitende dieser Abteilung (z. B. Wirtschaftsförderung) und Admins bestätigen Geschäftsprofile; leer: alle Mitarbeitenden.",
                 "Only staff of this department (e.g. business development) and admins verify business profiles; empty: all staff.");
  plugin.setting("dir", QT_SETTING_STRING, "\"\"",
                 "Ordner der Fotos von Anzeigen und Geschäften (außerhalb des Web-Roots); leer = neben [media] dir, „data/market“.",
                 "Folder of the photos of listings and businesses (outside the web root); empty = next to [media] dir, \"data/market\".");
  market::add_migrations(plugin);
  market::add_business_routes(plugin);
  market::add_manager_routes(plugin);
  market::add_post_routes(plugin);
  market::add_listing_routes(plugin);
  market::add_listing_action_routes(plugin);
  market::add_photo_routes(plugin);
  market::add_jobs();
  market::add_photo_jobs();
  market::subscribe_content_events(plugin);
  // An unknown time zone stops the start with the library's reason instead of failing later.
  plugin.on_start([] {
    market::municipality_zone();
    market::enqueue_missing_stems();
  });
  plugin.on_export([](std::int64_t user) { return market::export_person(user); });
  plugin.on_erase([](std::int64_t user) { market::erase_person(user); });
}
