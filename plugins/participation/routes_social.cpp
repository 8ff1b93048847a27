// Following a question (notified of every change) and supporting an idea (one vote per person).
#include "question.hpp"
#include "routes.hpp"
#include "util.hpp"

namespace participation {
namespace {

bool exists(const char* table, std::int64_t q, std::int64_t user) {
  quartier::Statement s(std::string("SELECT 1 FROM ") + table + " WHERE question_id = :q AND user_id = :u");
  s.bind("q", q).bind("u", user);
  return s.step();
}

void insert(const char* table, std::int64_t q, std::int64_t user) {
  quartier::Statement s(std::string("INSERT INTO ") + table + " (question_id, user_id, created_at) VALUES (:q, :u, :t)");
  s.bind("q", q).bind("u", user).bind("t", now_ms()).run();
}

void remove(const char* table, std::int64_t q, std::int64_t user) {
  quartier::Statement s(std::string("DELETE FROM ") + table + " WHERE question_id = :q AND user_id = :u");
  s.bind("q", q).bind("u", user).run();
}

void reply(quartier::Request& req, quartier::Response& res, std::int64_t id, int status) {
  send(res, to_json(load_question(id), req.user_id(), now_ms()), status);
}

void follow(quartier::Request& req, quartier::Response& res) {
  const auto q = load_question(req.id_param("id"));
  if (exists("participation_follows", q.id, req.user_id()))
    fail(409, "already_following", "Sie folgen dieser Frage schon.", "You follow this question already.");
  insert("participation_follows", q.id, req.user_id());
  reply(req, res, q.id, 201);
}

void unfollow(quartier::Request& req, quartier::Response& res) {
  const auto q = load_question(req.id_param("id"));
  if (!exists("participation_follows", q.id, req.user_id()))
    fail(404, "not_following", "Sie folgen dieser Frage nicht.", "You do not follow this question.");
  remove("participation_follows", q.id, req.user_id());
  reply(req, res, q.id, 200);
}

void support(quartier::Request& req, quartier::Response& res) {
  const auto q = load_question(req.id_param("id"));
  if (q.kind != "idea") fail(400, "not_an_idea", "Unterstützen lassen sich nur Ideen.", "Only ideas can be supported.");
  if (exists("participation_supports", q.id, req.user_id()))
    fail(409, "already_supported", "Sie unterstützen diese Idee schon; jede Person hat eine Stimme.",
         "You support this idea already; everyone has one vote.");
  quartier::Transaction tx;
  insert("participation_supports", q.id, req.user_id());
  quartier::Statement up("UPDATE participation_questions SET supports = supports + 1 WHERE id = :id");
  up.bind("id", q.id).run();
  tx.commit();
  reply(req, res, q.id, 201);
}

void unsupport(quartier::Request& req, quartier::Response& res) {
  const auto q = load_question(req.id_param("id"));
  if (!exists("participation_supports", q.id, req.user_id()))
    fail(404, "not_supported", "Sie unterstützen diese Idee nicht.", "You do not support this idea.");
  quartier::Transaction tx;
  remove("participation_supports", q.id, req.user_id());
  quartier::Statement up("UPDATE participation_questions SET supports = supports - 1 WHERE id = :id AND supports > 0");
  up.bind("id", q.id).run();
  tx.commit();
  reply(req, res, q.id, 200);
}

}  // namespace

void add_social_routes(quartier::Plugin& plugin) {
  plugin.post("/questions/{id}/follow", quartier::Access::user, follow);
  plugin.del("/questions/{id}/follow", quartier::Access::user, unfollow);
  plugin.post("/questions/{id}/support", quartier::Access::user, support);
  plugin.del("/questions/{id}/support", quartier::Access::user, unsupport);
}

}  // namespace participation
