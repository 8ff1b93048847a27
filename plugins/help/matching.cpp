#include "matching.hpp"

#include <string>
#include <vector>

#include "neighbours.hpp"
#include "trust.hpp"
#include "util.hpp"

namespace help {
namespace {

struct Candidate {
  std::int64_t helper = 0, recent = 0;
};

// Helpers offering r's category in the given neighbourhoods, at times that fit, fewest recent
// notices first (so the work spreads), at most `limit`.
std::vector<Candidate> candidates(const Request& r, const std::vector<std::int64_t>& areas, std::int64_t since,
                                  std::int64_t limit) {
  std::string in;
  for (std::size_t i = 0; i < areas.size(); ++i) in += (i ? ", :n" : ":n") + std::to_string(i);
  quartier::Statement s(
      "SELECT x.h, (SELECT COUNT(*) FROM help_matches m WHERE m.helper_id = x.h AND m.notified = 1"
      " AND m.created_at >= :since) + (SELECT COUNT(*) FROM help_notices o WHERE o.helper_id = x.h"
      " AND o.created_at >= :since2) AS recent FROM (SELECT DISTINCT helper_id AS h FROM help_offers"
      " WHERE neighbourhood_id IN (" + in + ") AND category = :c AND helper_id <> :asker"
      " AND when_kind IN (:w, 'any')) x ORDER BY recent, x.h LIMIT :lim");
  for (std::size_t i = 0; i < areas.size(); ++i) s.bind("n" + std::to_string(i), areas[i]);
  s.bind("since", since).bind("since2", since).bind("c", r.category).bind("asker", r.asker_id);
  s.bind("w", r.when_kind == "regularly" ? "regularly" : "once").bind("lim", limit);
  std::vector<Candidate> out;
  while (s.step()) out.push_back({s.int64(0), s.int64(1)});
  return out;
}

std::string shorten(const std::string& text, std::size_t max) {
  if (text.size() <= max) return text;
  std::size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "…";
}

void notify_helper(const Request& r, std::int64_t helper, const std::string& area, bool again = false) {
  quartier::Notification n;
  n.user_id = helper;
  n.kind = "match";
  // German, everyone's fallback
  n.title = (again ? "Wieder offen in " : "Hilfe gesucht in ") + area + ": " + category_de(r.category);
  n.title_en = (again ? "Open again in " : "Help wanted in ") + area + ": " + category_en(r.category);
  n.body = shorten(r.text, 200);  // the asker's words, as written
  n.link = "/help/requests/" + std::to_string(r.id);
  n.actor_id = r.asker_id;  // the core never notifies someone who blocks the asker
  n.urgent = r.urgency == "high";
  quartier::notify(n);
}

}  // namespace

MatchLimits match_limits() {
  MatchLimits l;
  if (auto v = quartier::config("daily_notifications")) l.daily_cap = std::stoll(std::string(*v));
  if (auto v = quartier::config("helpers_per_request")) l.per_request = std::stoll(std::string(*v));
  return l;
}

std::int64_t match_and_notify(const Request& r, const std::string& neighbourhood_name) {
  const auto limits = match_limits();
  const auto since = now_ms() - 24LL * 3600 * 1000;
  auto found = candidates(r, {r.neighbourhood_id}, since, limits.per_request * 4);
  if (found.empty()) {
    const auto near = neighbours_of(r.neighbourhood_id);
    if (!near.empty()) found = candidates(r, near, since, limits.per_request * 4);
  }
  std::int64_t notified = 0;
  const bool need_trust = trust_required(r);
  quartier::Statement ins("INSERT INTO help_matches (request_id, helper_id, notified, created_at) VALUES (:r, :h, 1, :t)");
  for (const auto& c : found) {
    if (notified >= limits.per_request) break;
    if (c.recent >= limits.daily_cap) break;  // ordered by `recent`: nobody after has room either
    if (quartier::blocked(r.asker_id, c.helper) || (need_trust && !trusted(c.helper))) continue;
    ins.reset();
    ins.bind("r", r.id).bind("h", c.helper).bind("t", now_ms());
    ins.run();
    notify_helper(r, c.helper, neighbourhood_name);
    ++notified;
  }
  return notified;
}

namespace {
// Those matched to r (but `except`) with room left today, fewest recent notices first.
std::vector<Candidate> matched_with_room(const Request& r, std::int64_t except, std::int64_t since, std::int64_t cap,
                                         std::int64_t limit) {
  quartier::Statement s(
      "SELECT x.h, x.recent FROM (SELECT m.helper_id AS h, (SELECT COUNT(*) FROM help_matches y WHERE y.helper_id = m.helper_id"
      " AND y.notified = 1 AND y.created_at >= :since) + (SELECT COUNT(*) FROM help_notices o WHERE o.helper_id = m.helper_id"
      " AND o.created_at >= :since2) AS recent FROM help_matches m WHERE m.request_id = :r AND m.helper_id <> :ex) x"
      " WHERE x.recent < :cap ORDER BY x.recent, x.h LIMIT :lim");
  s.bind("since", since).bind("since2", since).bind("r", r.id).bind("ex", except).bind("cap", cap).bind("lim", limit);
  std::vector<Candidate> out;
  while (s.step()) out.push_back({s.int64(0), s.int64(1)});
  return out;
}
}  // namespace

std::int64_t notify_open_again(const Request& r, std::int64_t except) {
  const auto limits = match_limits();
  const auto found = matched_with_room(r, except, now_ms() - 24LL * 3600 * 1000, limits.daily_cap, limits.per_request);
  if (found.empty()) return 0;
  const auto area = quartier::neighbourhood(r.neighbourhood_id);
  const bool need_trust = trust_required(r);
  quartier::Statement ins("INSERT INTO help_notices (request_id, helper_id, created_at) VALUES (:r, :h, :t)");
  std::int64_t notified = 0;
  for (const auto& c : found) {
    if (quartier::blocked(r.asker_id, c.helper) || (need_trust && !trusted(c.helper))) continue;
    ins.reset();
    ins.bind("r", r.id).bind("h", c.helper).bind("t", now_ms());
    ins.run();
    notify_helper(r, c.helper, area ? area->name : std::string(), true);
    ++notified;
  }
  return notified;
}

}  // namespace help
