#include "lifecycle.hpp"

#include <boost/json.hpp>

#include "history.hpp"
#include "stats.hpp"
#include "util.hpp"

namespace help {

std::string item_title(const Request& r) { return "Hilfe gesucht: " + category_de(r.category); }

void update_card(const Request& r) {
  quartier::Content c;
  c.author_id = 0;  // the system: a status change, not an edit of the asker's words
  c.title = item_title(r);
  c.summary = r.text;
  c.body = r.text;
  c.card_json = card_json(r, count_responses(r.id));
  quartier::update_content(r.content_id, c);
}

bool move(Request& r, std::string_view status, std::string_view from_a, std::string_view from_b) {
  const auto now = now_ms();
  const bool closing = status == "done" || status == "withdrawn" || status == "expired";
  quartier::Statement s("UPDATE help_requests SET status = :s, helper_id = :h, updated_at = :t, closed_at = :c"
                        " WHERE id = :id AND status IN (:a, :b)");
  s.bind("s", status).bind("h", r.helper_id).bind("t", now).bind("id", r.id).bind("a", from_a).bind("b", from_b);
  if (closing)
    s.bind("c", now);
  else
    s.bind("c", nullptr);
  if (s.run() != 1) return false;
  r.status = std::string(status);
  r.updated_at = now;
  if (status == "done") stats_changed();
  r.closed_at = closing ? std::optional<std::int64_t>(now) : std::nullopt;
  update_card(r);
  return true;
}

void notify_person(std::int64_t to, std::int64_t actor, const Request& r, std::string kind, std::string de, std::string en,
                   std::string body) {
  quartier::Notification n;
  n.user_id = to;
  n.kind = std::move(kind);
  n.title = std::move(de);
  n.title_en = std::move(en);
  n.body = std::move(body);  // the person's own words, as written
  n.link = "/help/requests/" + std::to_string(r.id);
  n.actor_id = actor;
  quartier::notify(n);
}

bool change_helper(Request& r, std::optional<std::int64_t> to, std::string_view status) {
  if (r.status != "in_progress" || !r.helper_id) return false;
  const auto now = now_ms();
  quartier::Statement s("UPDATE help_requests SET status = :s, helper_id = :h, updated_at = :t"
                        " WHERE id = :id AND status = 'in_progress' AND helper_id = :old");
  s.bind("s", status).bind("h", to).bind("t", now).bind("id", r.id).bind("old", *r.helper_id);
  if (s.run() != 1) return false;
  r.status = std::string(status);
  r.helper_id = to;
  r.updated_at = now;
  update_card(r);
  return true;
}

namespace {
void expire_job(const quartier::JobInfo& job) {
  auto v = boost::json::parse(job.payload);
  const auto id = v.as_object().at("id").to_number<std::int64_t>();
  auto r = find_request(id);
  if (!r || !r->due_at || *r->due_at > now_ms()) return;  // gone, or its date moved: nothing to do
  quartier::Transaction tx;
  if (move(*r, "expired", "open", "in_progress")) {
    quartier::expire_content(r->content_id, 0);
    record(r->id, "expired", 0);
  }
  tx.commit();
}
}  // namespace

void register_expiry_job() { quartier::job_handler("expire", expire_job); }

void enqueue_expiry(const Request& r) {
  if (!r.due_at) return;
  quartier::job_enqueue("expire", "{\"id\":" + std::to_string(r.id) + "}", *r.due_at, 0);
}

void drop_request_of_content(std::string_view json) {
  boost::system::error_code ec;
  auto v = boost::json::parse(json, ec);
  if (ec || !v.is_object()) return;
  const auto& o = v.as_object();
  const auto* owner = o.if_contains("owner");
  const auto* id = o.if_contains("id");
  if (!owner || !id || !owner->is_string() || owner->as_string() != "help" || !id->is_int64()) return;
  quartier::Statement del("DELETE FROM help_requests WHERE content_id = :c");
  del.bind("c", id->as_int64());
  del.run();
}

}  // namespace help
