#include "importer.hpp"

#include <map>

#include <boost/json.hpp>

#include "util.hpp"

namespace participation {

namespace {
const char* const kSource = "meinberlin";
const char* const kUserAgentProduct = "quartier-participation/1.0 meinBerlin-bridge";

std::string setting(std::string_view key, std::string fallback) {
  const auto v = quartier::config(key);
  return v && !v->empty() ? std::string(*v) : fallback;
}
}  // namespace

void declare_meinberlin_settings(quartier::Plugin& plugin) {
  plugin.setting("meinberlin_enabled", QT_SETTING_BOOL, "false", "Projekte von meinBerlin übernehmen (aus, bis die Kommune es will).",
                 "Import projects from meinBerlin (off until the municipality wants it).");
  plugin.setting("meinberlin_url", QT_SETTING_STRING, "\"https://mein.berlin.de\"", "Adresse von meinBerlin (auch in http_allow eintragen).",
                 "meinBerlin's address (also list its host in http_allow).");
  plugin.setting("meinberlin_districts", QT_SETTING_LIST, "[]", "Bezirke, deren Projekte übernommen werden (leer: alle); gesamtstädtische immer.",
                 "Districts whose projects are imported (empty: all); city-wide ones always.");
  plugin.setting("meinberlin_interval_minutes", QT_SETTING_INT, "15", "Wie oft meinBerlin abgefragt wird, in Minuten.",
                 "How often meinBerlin is polled, in minutes.");
  plugin.setting("meinberlin_timeout_seconds", QT_SETTING_INT, "20", "Wie lange auf eine Antwort gewartet wird, in Sekunden.",
                 "How long to wait for an answer, in seconds.");
  plugin.setting("meinberlin_plans", QT_SETTING_BOOL, "true", "Auch Vorhaben (/api/plans/) übernehmen.", "Also import plans (/api/plans/).");
}

MeinBerlinSettings meinberlin_settings() {
  MeinBerlinSettings s;
  s.enabled = setting("meinberlin_enabled", "false") == "true";
  s.url = setting("meinberlin_url", s.url);
  s.interval_minutes = std::max<std::int64_t>(1, std::stoll(setting("meinberlin_interval_minutes", "15")));
  s.timeout_seconds = std::max<std::int64_t>(1, std::stoll(setting("meinberlin_timeout_seconds", "20")));
  s.plans = setting("meinberlin_plans", "true") == "true";
  boost::system::error_code ec;
  const auto list = boost::json::parse(setting("meinberlin_districts", "[]"), ec);
  if (!ec && list.is_array())
    for (const auto& d : list.as_array())
      if (d.is_string()) s.districts.emplace_back(d.as_string());
  return s;
}

namespace {

// Everything shown, so that any change at the source (or of the neighbourhoods) is one write.
std::string fingerprint(const SourceProject& p, const std::optional<std::int64_t>& nb) {
  boost::json::array a{p.kind, p.title, p.description, p.organisation, p.district, p.phase, p.active, p.url, p.image,
                       p.image_alt, p.image_copyright};
  a.push_back(p.end_at ? boost::json::value(*p.end_at) : nullptr);
  a.push_back(p.lat ? boost::json::value(*p.lat) : nullptr);
  a.push_back(p.lon ? boost::json::value(*p.lon) : nullptr);
  a.push_back(nb ? boost::json::value(*nb) : nullptr);
  return boost::json::serialize(a);
}

void write_project(const std::string& source, const SourceProject& p, const std::optional<std::int64_t>& nb,
                   const std::string& fp, bool exists, std::int64_t now, const ItemSync& item) {
  quartier::Statement s(exists ? "UPDATE participation_projects SET kind = :kind, title = :title, description = :d, organisation = :o,"
                                 " district = :di, phase = :ph, active = :ac, end_at = :e, url = :url, image = :im, image_alt = :ia,"
                                  " image_copyright = :ic, lat = :lat, lon = :lon, neighbourhood_id = :nb, listed = 1, fingerprint = :fp,"
                                 " updated_at = :now1, content_id = :cid, item_fingerprint = :ifp, revision = revision + 1"
                                 " WHERE source = :src AND external_id = :x"
                               : "INSERT INTO participation_projects (source, external_id, kind, title, description, organisation,"
                                 " district, phase, active, end_at, url, image, image_alt, image_copyright, lat, lon, neighbourhood_id,"
                                  " listed, fingerprint, first_seen_at, updated_at, content_id, item_fingerprint, revision) VALUES (:src, :x, :kind,"
                                 " :title, :d, :o, :di, :ph, :ac, :e, :url, :im, :ia, :ic, :lat, :lon, :nb, 1, :fp, :now1, :now2, :cid, :ifp, 1)");
  s.bind("src", source).bind("x", p.external_id).bind("kind", p.kind).bind("title", p.title).bind("d", p.description);
  s.bind("o", p.organisation).bind("di", p.district).bind("ph", p.phase).bind("ac", p.active ? 1 : 0).bind("e", p.end_at);
  s.bind("url", p.url).bind("im", p.image).bind("ia", p.image_alt).bind("ic", p.image_copyright);
  s.bind("lat", p.lat).bind("lon", p.lon).bind("nb", nb).bind("fp", fp).bind("now1", now).bind("cid", item.content_id);
  s.bind("ifp", item.fingerprint);
  if (!exists) s.bind("now2", now);
  s.run();
}

}  // namespace

StoreStats store_projects(const std::string& source, const std::vector<SourceProject>& projects) {
  std::map<std::string, Known> known;
  {
    quartier::Statement s("SELECT external_id, fingerprint, listed, id, phase, content_id, item_fingerprint"
                          " FROM participation_projects WHERE source = :s");
    s.bind("s", source);
    while (s.step()) known[s.text(0)] = Known{s.text(1), s.text(6), s.text(4), s.int64(2) != 0, false, s.int64(3), s.optional_int64(5)};
  }
  StoreStats stats;
  const auto now = now_ms();
  quartier::Transaction tx;
  for (const auto& p : projects) {
    auto& k = known[p.external_id];
    if (k.seen) continue;  // listed twice (a project and its plan): the first wins
    const bool exists = !k.fingerprint.empty();
    k.seen = true;
    ++stats.listed;
    const auto nb = p.lat && p.lon ? quartier::neighbourhood_at(*p.lat, *p.lon) : std::nullopt;
    const auto fp = fingerprint(p, nb);
    if (exists && k.listed && k.fingerprint == fp) continue;
    const auto item = sync_item(source, p, nb, k, exists && !k.listed);
    write_project(source, p, nb, fp, exists, now, item);
    stats.items_written += item.written ? 1 : 0;
    if (exists && k.phase != p.phase) notify_phase(k.id, p);
    ++stats.changed;
  }
  for (const auto& [id, k] : known) {
    if (k.seen || !k.listed || k.fingerprint.empty()) continue;
    quartier::Statement s("UPDATE participation_projects SET listed = 0, updated_at = :now, revision = revision + 1"
                          " WHERE source = :s AND external_id = :x");
    s.bind("now", now).bind("s", source).bind("x", id).run();
    if (k.content_id) {
      unlist_item(*k.content_id);
      ++stats.items_written;
    }
    ++stats.unlisted;
  }
  tx.commit();
  return stats;
}

namespace {

// started: when the poll began, so that duration_ms is the server's time for fetch, parse and store.
void record(const std::string& error, const StoreStats* stats, std::int64_t skipped, std::int64_t started) {
  const auto now = now_ms();
  quartier::Statement s(stats ? "INSERT INTO participation_sources (source, last_attempt_at, last_success_at, last_error, listed, skipped, changed,"
                                " duration_ms) VALUES (:s, :now1, :now2, '', :l, :sk, :c, :du) ON CONFLICT (source) DO UPDATE SET"
                                " last_attempt_at = :now3, last_success_at = :now4, last_error = '', listed = :l2, skipped = :sk2,"
                                " changed = :c2, duration_ms = :du2"
                              : "INSERT INTO participation_sources (source, last_attempt_at, last_error) VALUES (:s, :now1, :e)"
                                " ON CONFLICT (source) DO UPDATE SET last_attempt_at = :now2, last_error = :e2");
  s.bind("s", kSource).bind("now1", now).bind("now2", now);
  if (stats) {
    s.bind("du", now - started).bind("du2", now - started);
    s.bind("now3", now).bind("now4", now).bind("l", stats->listed).bind("l2", stats->listed);
    s.bind("sk", skipped).bind("sk2", skipped).bind("c", stats->changed).bind("c2", stats->changed);
  } else {
    s.bind("e", error).bind("e2", error);
  }
  s.run();
}

Parsed fetch_list(const MeinBerlinSettings& cfg, const std::string& path, std::string_view kind) {
  quartier::FetchRequest rq;
  std::string base = cfg.url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  rq.url = base + path;
  rq.headers = "Accept: application/json";
  rq.timeout_ms = static_cast<std::uint32_t>(cfg.timeout_seconds * 1000);
  rq.max_bytes = 32u << 20;  // the lists are not paginated
  rq.user_agent_product = kUserAgentProduct;  // meinBerlin's operators see who polls
  quartier::FetchResponse r;
  try {
    r = quartier::http_fetch(rq);
  } catch (const quartier::Error& e) {
    throw std::runtime_error(rq.url + ": no answer: " + e.what());
  }
  if (r.status != 200) throw std::runtime_error(rq.url + ": HTTP status " + std::to_string(r.status));
  try {
    return parse_meinberlin(r.body, kind, base);
  } catch (const std::runtime_error& e) {
    throw std::runtime_error(rq.url + ": " + e.what());
  }
}

}  // namespace

void poll_meinberlin() {
  const auto cfg = meinberlin_settings();
  if (!cfg.enabled) return;  // switched off since the job was queued
  const auto started = now_ms();
  Parsed all;
  try {
    all = fetch_list(cfg, "/api/projects/", "project");
    if (cfg.plans) {
      auto plans = fetch_list(cfg, "/api/plans/", "plan");
      all.projects.insert(all.projects.end(), plans.projects.begin(), plans.projects.end());
      all.skipped.insert(all.skipped.end(), plans.skipped.begin(), plans.skipped.end());
    }
  } catch (const std::exception& e) {
    quartier::log_warn(std::string("meinBerlin poll failed, the last good data stays: ") + e.what());
    record(e.what(), nullptr, 0, started);
    throw;
  }
  for (const auto& why : all.skipped) quartier::log_warn("meinBerlin: skipped a malformed record: " + why);
  std::vector<SourceProject> kept;
  for (auto& p : all.projects)
    if (district_kept(p.district, cfg.districts)) kept.push_back(std::move(p));
  const auto stats = store_projects(kSource, kept);
  record("", &stats, static_cast<std::int64_t>(all.skipped.size()), started);
  quartier::log_info("meinBerlin: " + std::to_string(stats.listed) + " listed, " + std::to_string(stats.changed) + " written (" +
                     std::to_string(stats.items_written) + " core items), " +
                     std::to_string(stats.unlisted) + " no longer listed, " + std::to_string(all.skipped.size()) + " skipped");
}

}  // namespace participation
