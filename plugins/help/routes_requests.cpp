// Asking for help, the neighbourhood's list, a person's own and matched requests, one request.
#include <quartier/json_body.hpp>

#include "coordination.hpp"
#include "history.hpp"
#include "input.hpp"
#include "list_json.hpp"
#include "lifecycle.hpp"
#include "matching.hpp"
#include "model.hpp"
#include "routes.hpp"
#include "util.hpp"

namespace help {
namespace {

using quartier::Access;
using quartier::HttpError;
using quartier::Statement;

Request read_new_request(const quartier::Request& req, std::string& area_name) {
  auto o = body_object(req);
  try {
    quartier::json::refuse_unknown(o, "category,text,when,due_at,neighbourhood_id,lat,lon,urgency,risk_group");
  } catch (const quartier::JsonBodyError& e) {
    throw HttpError(400, e.code(), e.what());
  }
  Request r;
  r.asker_id = req.user_id();
  r.category = read_category(o);
  r.text = read_text(o, true, 1000);
  r.when_kind = read_when(o, false);
  r.due_at = read_due(o, r.when_kind);
  r.neighbourhood_id = read_area(o, req.user_id(), area_name);
  r.urgency = opt_string(o, "urgency", 10).value_or("normal");
  if (r.urgency != "low" && r.urgency != "normal" && r.urgency != "high")
    throw HttpError(400, "invalid_urgency", "Dringlichkeit: „low“, „normal“ oder „high“. / Urgency: 'low', 'normal' or 'high'.");
  r.risk_group = opt_bool(o, "risk_group").value_or(false);
  r.status = "open";
  return r;
}

std::int64_t create_item(const Request& r) {
  quartier::Content c;
  c.container_id = quartier::neighbourhood_container(r.neighbourhood_id);
  c.author_id = r.asker_id;
  c.kind = "request";
  c.visibility = "members";
  c.title = item_title(r);
  c.summary = r.text;
  c.body = r.text;
  c.card_json = card_json(r, 0);
  return quartier::create_content(c);
}

// POST /requests
void ask(quartier::Request& req, quartier::Response& res) {
  std::string area;
  auto r = read_new_request(req, area);
  r.created_at = r.updated_at = now_ms();
  quartier::Transaction tx;
  Statement ins("INSERT INTO help_requests (asker_id, category, text, when_kind, due_at, neighbourhood_id,"
                " urgency, risk_group, status, created_at, updated_at) VALUES (:a, :cat, :t, :w, :d, :nb, :u,"
                " :risk, 'open', :t1, :t2) RETURNING id");
  ins.bind("a", r.asker_id).bind("cat", r.category).bind("t", r.text).bind("w", r.when_kind);
  ins.bind("d", r.due_at).bind("nb", r.neighbourhood_id).bind("u", r.urgency).bind("risk", r.risk_group ? 1 : 0);
  ins.bind("t1", r.created_at).bind("t2", r.updated_at);
  ins.step();
  r.id = ins.int64(0);
  while (ins.step()) {
  }
  r.content_id = create_item(r);  // its card names the request's id
  Statement link("UPDATE help_requests SET content_id = :c WHERE id = :id");
  link.bind("c", r.content_id).bind("id", r.id);
  link.run();
  record(r.id, "asked", r.asker_id);
  const auto notified = match_and_notify(r, area);
  enqueue_expiry(r);
  tx.commit();
  Relation self;
  self.asker = self.sees_risk = true;
  auto o = to_json(r, self, req.language());
  o["helpers_notified"] = notified;
  send(res, o, 201);
}

// The neighbourhood to list and whether the reader may: their own (the default) needs no call
// into the core, as the core lets a neighbourhood's people read its container; another one named
// in the query must exist and be readable (staff read every one).
std::int64_t readable_area(const quartier::Request& req) {
  const auto asked = query_int(req, "neighbourhood_id", 0, 0, INT64_MAX);
  const auto me = quartier::user(req.user_id());
  const auto own = me ? me->neighbourhood_id : 0;
  if (asked == 0 || asked == own) {
    if (own == 0)
      throw HttpError(400, "invalid_neighbourhood_id", "Bitte ein Quartier wählen (oder im Profil Ihr eigenes angeben). / Please choose a neighbourhood (or set your own in your profile).");
    return own;
  }
  if (!quartier::neighbourhood(asked))
    throw HttpError(400, "invalid_neighbourhood_id", "Dieses Quartier gibt es nicht. / This neighbourhood does not exist.");
  if (req.role() < QT_ROLE_STAFF && !quartier::can_read_container(req.user_id(), quartier::neighbourhood_container(asked)))
    throw HttpError(403, "not_your_neighbourhood", "Diese Liste sehen nur die Menschen des Quartiers. / Only the people of this neighbourhood see this list.");
  return asked;
}

// {"requests": [...]} from s, written without a JSON tree (list_json.hpp).
void send_list(quartier::Response& res, quartier::Statement& s, const quartier::Request& req, bool with_risk) {
  std::string out = "{\"requests\":";
  out.reserve(8192);
  std::int64_t rows = 0;
  append_list(out, s, req.user_id(), req.language(), with_risk, rows);
  out += '}';
  res.json(out);
}

// GET /requests?neighbourhood_id=&status=&category=&before=&limit=: newest first, a page at a
// time (keyset on the id; the index help_requests_area answers it without sorting).
void area_list(quartier::Request& req, quartier::Response& res) {
  const auto nb = readable_area(req);
  const auto status = std::string(req.query("status").value_or("open"));
  if (status != "open" && status != "in_progress" && status != "done")
    throw HttpError(400, "invalid_status", "Status: „open“, „in_progress“ oder „done“. / Status: 'open', 'in_progress' or 'done'.");
  const auto category = std::string(req.query("category").value_or(""));
  if (!category.empty() && !valid_category(category))
    throw HttpError(400, "invalid_category", "Unbekannte Kategorie. / Unknown category.");
  const auto before = query_int(req, "before", 0, 0, INT64_MAX);
  const auto limit = query_int(req, "limit", 30, 1, 100);
  std::string sql = std::string("SELECT ") + kListCols + " FROM help_requests r JOIN plugin_users u ON u.id = r.asker_id"
                    " WHERE r.neighbourhood_id = :nb AND r.status = :st";
  if (!category.empty()) sql += " AND r.category = :cat";
  if (before) sql += " AND r.id < :before";
  Statement s(sql + " ORDER BY r.id DESC LIMIT :lim");
  s.bind("nb", nb).bind("st", status).bind("lim", limit);
  if (!category.empty()) s.bind("cat", category);
  if (before) s.bind("before", before);
  std::string out = "{\"requests\":";
  out.reserve(8192);
  std::int64_t rows = 0;
  const auto last = append_list(out, s, req.user_id(), req.language(), false, rows);
  out += ",\"neighbourhood_id\":" + std::to_string(nb) + ",\"next_before\":" + (rows == limit ? std::to_string(last) : "null") + "}";
  res.json(out);
}

// GET /requests/matched: open requests I was matched to (with the risk mark: I am matched).
void matched(quartier::Request& req, quartier::Response& res) {
  Statement s(std::string("SELECT ") + kListCols + " FROM help_matches m JOIN help_requests r ON r.id = m.request_id"
              " JOIN plugin_users u ON u.id = r.asker_id WHERE m.helper_id = :me AND r.status IN ('open', 'in_progress')"
              " ORDER BY r.id DESC LIMIT 100");
  s.bind("me", req.user_id());
  send_list(res, s, req, true);
}

// GET /requests/mine: what I asked for, and where I help or offered to.
void mine(quartier::Request& req, quartier::Response& res) {
  std::string out = "{\"asked\":";
  std::int64_t rows = 0;
  Statement a(std::string("SELECT ") + kListCols + " FROM help_requests r JOIN plugin_users u ON u.id = r.asker_id"
              " WHERE r.asker_id = :me ORDER BY r.id DESC LIMIT 100");
  a.bind("me", req.user_id());
  append_list(out, a, req.user_id(), req.language(), true, rows);
  Statement h(std::string("SELECT ") + kListCols + " FROM help_requests r JOIN plugin_users u ON u.id = r.asker_id"
              " WHERE r.helper_id = :me OR r.id IN (SELECT request_id FROM help_responses WHERE helper_id = :me2)"
              " ORDER BY r.id DESC LIMIT 100");
  h.bind("me", req.user_id()).bind("me2", req.user_id());
  out += ",\"helping\":";
  append_list(out, h, req.user_id(), req.language(), false, rows);
  out += '}';
  res.json(out);
}

boost::json::array responses_of(std::int64_t request) {
  boost::json::array out;
  Statement s("SELECT x.helper_id, u.display_name, x.conversation_id, x.created_at FROM help_responses x"
              " JOIN plugin_users u ON u.id = x.helper_id WHERE x.request_id = :r ORDER BY x.created_at, x.helper_id");
  s.bind("r", request);
  while (s.step())
    out.push_back(boost::json::object{{"helper", boost::json::object{{"id", s.int64(0)}, {"display_name", s.text(1)}}},
                                      {"conversation_id", s.int64(2)}, {"created_at", s.int64(3)}});
  return out;
}

// GET /requests/{id}
void one(quartier::Request& req, quartier::Response& res) {
  const auto r = load_request(req.id_param("id"));
  const auto rel = relation_of(r, req.user_id(), req.role());
  if (!rel.may_read) throw HttpError(404, "not_found", "Diese Anfrage gibt es nicht (mehr). / This request does not exist (any more).");
  auto o = to_json(r, rel, req.language());
  if (rel.asker) o["responses"] = responses_of(r.id);
  o["response_count"] = count_responses(r.id);
  o["history"] = history_json(r.id, rel.asker || rel.helper || rel.staff || rel.coordinator);
  const auto via = assigned_by(r);
  o["assigned_by"] = via ? boost::json::value(boost::json::object{{"container_id", via->id}, {"name", via->name}}) : nullptr;
  send(res, o);
}

}  // namespace

void add_request_routes(quartier::Plugin& plugin) {
  plugin.post("/requests", Access::user, ask);
  plugin.get("/requests", Access::user, area_list);
  plugin.get("/requests/matched", Access::user, matched);
  plugin.get("/requests/mine", Access::user, mine);
  plugin.get("/requests/{id}", Access::user, one);
}

}  // namespace help
