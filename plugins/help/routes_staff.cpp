// Figures for the city: "helped this month" per neighbourhood (everyone signed in), and for
// staff the open, unanswered requests per neighbourhood with their age, also as CSV for a
// crisis team. Never the risk-group mark, never an address.
#include <map>

#include "model.hpp"
#include "routes.hpp"
#include "stats.hpp"
#include "util.hpp"

namespace help {
namespace {

using quartier::Access;
using quartier::Statement;

// GET /stats: helped this month per neighbourhood (UTC month).
void stats(quartier::Request&, quartier::Response& res) { send(res, helped_this_month()); }

constexpr const char* kUnanswered =
    "SELECT r.id, r.neighbourhood_id, n.name, r.category, r.urgency, r.created_at, r.text FROM help_requests r"
    " JOIN plugin_neighbourhoods n ON n.id = r.neighbourhood_id WHERE r.status = 'open'"
    " AND NOT EXISTS (SELECT 1 FROM help_responses x WHERE x.request_id = r.id) ORDER BY r.created_at, r.id";

// GET /staff/open: per neighbourhood, the open requests nobody answered and the oldest one's age.
void open_overview(quartier::Request&, quartier::Response& res) {
  Statement s(kUnanswered);
  const auto now = now_ms();
  std::map<std::int64_t, boost::json::object> by_area;
  while (s.step()) {
    auto& o = by_area[s.int64(1)];
    if (o.empty()) o = {{"neighbourhood_id", s.int64(1)}, {"name", s.text(2)}, {"unanswered", 0}, {"oldest_hours", (now - s.int64(5)) / 3600000}};
    o["unanswered"] = o["unanswered"].as_int64() + 1;
  }
  boost::json::array out;
  for (auto& [id, o] : by_area) out.push_back(std::move(o));
  send(res, boost::json::object{{"neighbourhoods", std::move(out)}});
}

std::string csv_field(const std::string& v) {
  std::string out = "\"";
  for (char c : v) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  // A leading =, +, - or @ would run as a formula in a spreadsheet.
  if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@')) out.insert(1, "'");
  return out + "\"";
}

// GET /staff/open.csv
void open_csv(quartier::Request&, quartier::Response& res) {
  Statement s(kUnanswered);
  const auto now = now_ms();
  std::string csv = "id,neighbourhood,category,urgency,created_at_utc_ms,age_hours,text\r\n";
  while (s.step())
    csv += std::to_string(s.int64(0)) + "," + csv_field(s.text(2)) + "," + s.text(3) + "," + s.text(4) + "," +
           std::to_string(s.int64(5)) + "," + std::to_string((now - s.int64(5)) / 3600000) + "," + csv_field(s.text(6)) + "\r\n";
  res.header("Content-Disposition", "attachment; filename=\"help-open-requests.csv\"");
  res.body("text/csv; charset=utf-8", csv);
}

}  // namespace

void add_staff_routes(quartier::Plugin& plugin) {
  plugin.get("/stats", Access::user, stats);
  plugin.get("/staff/open", Access::staff, open_overview);
  plugin.get("/staff/open.csv", Access::staff, open_csv);
}

}  // namespace help
