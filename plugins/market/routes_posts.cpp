// Offers and news of a verified business: core content in its neighbourhood's container, so
// they show in that stream as cards (ABI 1.2 content model) with comments, reports and search
// from the core. A weekly limit keeps streams from being flooded; followers are told.
#include "blocks.hpp"
#include "business.hpp"
#include "routes.hpp"
#include "util.hpp"

namespace market {
namespace {

using quartier::Access;
using quartier::Request;
using quartier::Response;
using quartier::Statement;

constexpr std::int64_t kWeekMs = 7 * kDayMs;

void check_weekly_limit(std::int64_t business) {
  const auto limit = setting_int("posts_per_week", 3);
  Statement n("SELECT COUNT(*) FROM market_posts WHERE business_id = :b AND created_at > :since");
  n.bind("b", business).bind("since", now_ms() - kWeekMs);
  n.step();
  if (n.int64(0) >= limit)
    throw quartier::HttpError(429, "weekly_limit",
                              "Diese Woche sind schon " + std::to_string(limit) + " Beiträge erschienen; der nächste ist in ein paar Tagen möglich. / "
                              "This week's " + std::to_string(limit) + " posts have been published; the next is possible in a few days.");
}

void notify_followers(const Business& b, std::int64_t content, std::int64_t author, const std::string& title) {
  Statement s("SELECT user_id FROM market_follows WHERE business_id = :b AND user_id <> :a");
  s.bind("b", b.id).bind("a", author);
  std::vector<std::int64_t> people;
  while (s.step()) people.push_back(s.int64(0));
  for (auto u : people) {
    quartier::Notification n;
    n.user_id = u;
    n.kind = "business_post";  // stored as market.business_post
    n.title = b.name + ": " + title;
    n.link = "/content/" + std::to_string(content);
    quartier::notify(n);
  }
}

void create_post(Request& req, Response& res) {
  const auto b = require_business(req.id_param("id"));
  if (!is_manager(b.id, req.user_id()))
    forbidden("Nur wer dieses Profil verwaltet, darf für das Geschäft veröffentlichen.", "Only the people who manage this profile may publish for it.");
  if (!b.verified_at)
    forbidden("Erst nach der Prüfung durch die Gemeinde erscheinen Angebote im Quartier.", "Offers reach the neighbourhood only after the municipality has verified the profile.");
  const auto o = body_object(req, "kind,title,body");
  const auto kind = opt_string(o, "kind", 10).value_or("");
  if (kind != "offer" && kind != "news") bad("invalid_kind", "'kind' ist offer oder news.", "'kind' is offer or news.");
  const auto title = opt_string(o, "title", 120).value_or("");
  if (title.size() < 2) bad("invalid_title", "Bitte einen Titel angeben.", "Please give a title.");
  const auto body = opt_string(o, "body", 5000).value_or("");
  check_weekly_limit(b.id);

  quartier::Content c;
  c.container_id = quartier::neighbourhood_container(b.neighbourhood_id);
  c.author_id = req.user_id();
  c.kind = kind;
  c.title = title;
  c.body = body;
  c.markdown = true;
  c.card_json = boost::json::serialize(boost::json::object{
      {"business_id", b.id}, {"business", b.name}, {"verified", true}, {"kind", kind}});
  quartier::Transaction tx;
  const auto id = quartier::create_content(c);
  Statement ins("INSERT INTO market_posts (content_id, business_id, author_id, kind, title, created_at) VALUES (:c, :b, :a, :k, :t, :now)");
  ins.bind("c", id).bind("b", b.id).bind("a", req.user_id()).bind("k", kind).bind("t", title).bind("now", now_ms());
  ins.run();
  notify_followers(b, id, req.user_id(), title);
  tx.commit();
  send(res, boost::json::object{{"id", id}, {"business_id", b.id}, {"kind", kind}, {"title", title}}, 201);
}

// The latest offers and news; those written by someone the viewer blocked (or who blocked the
// viewer) are left out, as in the listings' search.
void list_posts(Request& req, Response& res) {
  const auto b = require_business(req.id_param("id"));
  Statement s("SELECT content_id, kind, title, created_at, author_id FROM market_posts WHERE business_id = :b AND hidden = 0"
              " ORDER BY content_id DESC");
  s.bind("b", b.id);
  BlockFilter blocks(req.user_id());
  boost::json::array out;
  while (out.size() < 20 && s.step())
    if (!blocks.hides(s.int64(4)))
      out.push_back(boost::json::object{{"id", s.int64(0)}, {"kind", s.text(1)}, {"title", s.text(2)}, {"created_at", s.int64(3)}});
  send(res, boost::json::object{{"posts", std::move(out)}});
}

}  // namespace

void add_post_routes(quartier::Plugin& plugin) {
  plugin.post("/businesses/{id}/posts", Access::user, create_post);
  plugin.get("/businesses/{id}/posts", Access::public_, list_posts);
}

}  // namespace market
