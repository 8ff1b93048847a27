// Figures for the administration: questions per department, median time to the answer, open
// ones older than 14 days; as JSON for the admin page and as CSV for a spreadsheet.
#include <algorithm>
#include <charconv>
#include <map>
#include <vector>

#include "routes.hpp"
#include "util.hpp"

namespace participation {
namespace {

struct Figures {
  std::int64_t total = 0, open = 0, answered = 0, declined = 0, merged = 0, stale = 0;
  std::vector<std::int64_t> answer_ms;
};

std::map<std::string, Figures> collect() {
  std::map<std::string, Figures> out;
  const auto stale_before = now_ms() - 14LL * 86400000;
  quartier::Statement s("SELECT department, status, created_at, answered_at FROM participation_questions");
  while (s.step()) {
    auto& f = out[s.text(0)];
    const auto status = s.text(1);
    ++f.total;
    const bool open = status == "received" || status == "in_progress" || status == "forwarded";
    f.open += open;
    f.stale += open && s.int64(2) < stale_before;
    f.answered += status == "answered";
    f.declined += status == "declined";
    f.merged += status == "merged";
    if (status == "answered" && !s.is_null(3)) f.answer_ms.push_back(s.int64(3) - s.int64(2));
  }
  return out;
}

std::optional<double> median_hours(std::vector<std::int64_t> v) {
  if (v.empty()) return std::nullopt;
  std::sort(v.begin(), v.end());
  const auto n = v.size();
  const double ms = n % 2 ? static_cast<double>(v[n / 2]) : (static_cast<double>(v[n / 2 - 1]) + static_cast<double>(v[n / 2])) / 2;
  return static_cast<double>(static_cast<std::int64_t>(ms / 36000.0 + 0.5)) / 100.0;  // hours, two decimals
}

void figures(quartier::Request&, quartier::Response& res) {
  boost::json::array rows;
  for (const auto& [department, f] : collect()) {
    const auto median = median_hours(f.answer_ms);
    rows.push_back(boost::json::object{{"department", department}, {"total", f.total}, {"open", f.open},
                                       {"answered", f.answered}, {"declined", f.declined}, {"merged", f.merged},
                                       {"open_over_14_days", f.stale},
                                       {"median_hours_to_answer", median ? boost::json::value(*median) : nullptr}});
  }
  send(res, boost::json::object{{"departments", std::move(rows)}});
}

// A cell as a spreadsheet reads it safely: quoted, and never starting a formula.
std::string cell(const std::string& v) {
  std::string out = "\"";
  if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@')) out += '\'';
  for (char c : v) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// 4 or 1.5 as a spreadsheet reads them (JSON's serialiser writes 4E0).
std::string decimal(double v) {
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

void figures_csv(quartier::Request&, quartier::Response& res) {
  std::string csv = "department,total,open,answered,declined,merged,open_over_14_days,median_hours_to_answer\r\n";
  for (const auto& [department, f] : collect()) {
    const auto median = median_hours(f.answer_ms);
    csv += cell(department) + "," + std::to_string(f.total) + "," + std::to_string(f.open) + "," + std::to_string(f.answered) +
           "," + std::to_string(f.declined) + "," + std::to_string(f.merged) + "," + std::to_string(f.stale) + "," +
           (median ? decimal(*median) : std::string()) + "\r\n";
  }
  res.header("Content-Disposition", "attachment; filename=\"participation-figures.csv\"");
  res.body("text/csv; charset=utf-8", csv);
}

}  // namespace

void add_figure_routes(quartier::Plugin& plugin) {
  plugin.get("/figures", quartier::Access::admin, figures);
  plugin.get("/figures/csv", quartier::Access::admin, figures_csv);
}

}  // namespace participation
