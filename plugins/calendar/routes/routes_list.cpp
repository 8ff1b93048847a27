// The calendar views' one query: occurrences in a time range (a month, a week, a weekend),
// filtered by calendar, neighbourhood, category or "my events", with the core's read rule
// applied once per calendar in the result, never per event.
#include <map>

#include "input.hpp"

#include "routes.hpp"
#include "util.hpp"

namespace calendar {
namespace {

using quartier::Access;
using quartier::HttpError;
using quartier::Request;
using quartier::Response;

constexpr std::int64_t kMaxRangeMs = 93LL * 24 * 3600 * 1000;
constexpr std::int64_t kMaxRows = 2000;

struct Filter {
  std::int64_t from = 0, to = 0, container = 0, neighbourhood = 0, department = 0;
  std::string category;
  bool mine = false;
};

Filter filter_of(const Request& req) {
  Filter f;
  f.from = query_int(req, "from", 0, 0, 9'000'000'000'000LL);
  f.to = query_int(req, "to", 0, 0, 9'000'000'000'000LL);
  if (!f.from || !f.to || f.to <= f.from || f.to - f.from > kMaxRangeMs)
    throw HttpError(400, "invalid_range",
                    "Bitte 'from' und 'to' (UTC-Millisekunden, höchstens 93 Tage auseinander) angeben. / "
                    "Please give 'from' and 'to' (UTC milliseconds, at most 93 days apart).");
  f.container = query_int(req, "container", 0, 0, 1'000'000'000'000LL);
  f.neighbourhood = query_int(req, "neighbourhood", 0, 0, 1'000'000'000'000LL);
  f.department = query_int(req, "department", 0, 0, 1'000'000'000'000LL);
  f.category = std::string(req.query("category").value_or(""));
  if (!f.category.empty() && !valid_category(f.category))
    throw HttpError(400, "invalid_category", "Unbekannte Kategorie. / Unknown category.");
  f.mine = req.query("mine").value_or("") == "1";
  if (f.mine && !req.user_id())
    throw HttpError(401, "login_required", "Bitte zuerst anmelden. / Please sign in first.");
  if (req.query("near").value_or("") == "1") {
    const auto u = req.user_id() ? quartier::user(req.user_id()) : std::nullopt;
    if (!u || !u->neighbourhood_id)
      throw HttpError(400, "no_neighbourhood", "Du hast kein Quartier angegeben. / You have not chosen a neighbourhood.");
    f.neighbourhood = u->neighbourhood_id;
  }
  return f;
}

std::string sql_of(const Filter& f) {
  std::string sql =
      "SELECT o.event_id, e.content_id, o.recurrence_id, o.title, e.title, o.starts_at, o.ends_at, e.all_day, e.tz,"
      " o.cancelled, o.changed, o.category, o.container_id, e.address, e.online_url, e.rrule, c.visibility,"
      " c.hidden, CASE WHEN c.deleted_at IS NULL THEN 0 ELSE 1 END, e.department_id"
      " FROM calendar_occurrences o JOIN calendar_events e ON e.id = o.event_id"
      " JOIN plugin_content c ON c.id = e.content_id"
      " WHERE o.starts_at < :to AND o.ends_at > :from";  // hidden/deleted: skipped in C++ (see routes_ical.cpp)
  if (f.container) sql += " AND o.container_id = :container";
  if (f.neighbourhood) sql += " AND o.neighbourhood_id = :nb";
  if (f.department) sql += " AND e.department_id = :dep";
  if (!f.category.empty()) sql += " AND o.category = :cat";
  if (f.mine)
    sql += " AND (e.organiser_id = :me OR EXISTS (SELECT 1 FROM calendar_rsvps r WHERE r.event_id = o.event_id"
           " AND r.recurrence_id IN ('', o.recurrence_id) AND r.user_id = :me AND r.status <> 'declined'))";
  return sql + " ORDER BY o.starts_at, o.id LIMIT 2001";
}

// The core's read rule per calendar: signed in, may read the container; anonymous, a public
// item in a public container.
class Readable {
 public:
  explicit Readable(std::int64_t user) : user_(user) {}
  bool operator()(std::int64_t container, const std::string& item_visibility) {
    auto it = seen_.find(container);
    if (it == seen_.end()) it = seen_.emplace(container, check(container)).first;
    return it->second && (user_ || item_visibility == "public");
  }

 private:
  bool check(std::int64_t container) {
    if (user_) return quartier::can_read_container(user_, container);
    const auto c = quartier::container(container);
    return c && c->visibility == "public";
  }
  std::int64_t user_;
  std::map<std::int64_t, bool> seen_;
};

// GET /occurrences?from=&to=&container=&neighbourhood=&department=&category=&mine=1&near=1
void list(Request& req, Response& res) {
  const auto f = filter_of(req);
  quartier::Statement s(sql_of(f));
  s.bind("from", f.from).bind("to", f.to);
  if (f.container) s.bind("container", f.container);
  if (f.neighbourhood) s.bind("nb", f.neighbourhood);
  if (f.department) s.bind("dep", f.department);
  if (!f.category.empty()) s.bind("cat", f.category);
  if (f.mine) s.bind("me", req.user_id());
  Readable readable(req.user_id());
  boost::json::array out;
  bool more = false;
  while (s.step()) {
    if (s.int64(17) || s.int64(18) || !readable(s.int64(12), s.text(16))) continue;
    if (static_cast<std::int64_t>(out.size()) == kMaxRows) {
      more = true;
      break;
    }
    const auto changed_title = s.text(3);
    out.push_back(boost::json::object{
        {"event_id", s.int64(0)}, {"content_id", s.int64(1)}, {"recurrence_id", s.text(2)},
        {"title", changed_title.empty() ? s.text(4) : changed_title}, {"starts_at", s.int64(5)}, {"ends_at", s.int64(6)},
        {"all_day", s.int64(7) != 0}, {"time_zone", s.text(8)}, {"cancelled", s.int64(9) != 0},
        {"changed", s.int64(10) != 0}, {"category", s.text(11)}, {"container_id", s.int64(12)},
        {"address", s.text(13)}, {"online", !s.text(14).empty()}, {"recurring", !s.text(2).empty()},
        {"department_id", s.is_null(19) ? boost::json::value(nullptr) : boost::json::value(s.int64(19))}});
  }
  send(res, boost::json::object{{"occurrences", std::move(out)}, {"more", more}});
}

}  // namespace

void add_list_routes(quartier::Plugin& plugin) { plugin.get("/occurrences", Access::public_, list); }

}  // namespace calendar
