// Announcements: owners and moderators publish them into the group's container through the ABI
// content API (kind groups.announcement) and every member is notified. Ordinary posts go
// through the core's POST /api/posts with the group's container_id, and the group's stream is
// the core's GET /api/stream?scope=container&id=<container_id>: the core checks access there.
#include "group.hpp"
#include "routes.hpp"
#include "util.hpp"

namespace groups {
namespace {

using quartier::Access;
using quartier::HttpError;
using quartier::Request;
using quartier::Response;

std::string summary_of(const std::string& body) {
  if (body.size() <= 280) return body;
  std::size_t cut = 280;
  while (cut > 0 && (static_cast<unsigned char>(body[cut]) & 0xC0) == 0x80) --cut;  // whole UTF-8 letters
  return body.substr(0, cut) + "…";
}

// POST /groups/{slug}/announcements {title, body}
void announce(Request& req, Response& res) {
  auto f = load_visible(req);
  require_manager(f.caller);
  if (!f.caller.member())
    throw HttpError(403, "members_only", "Nur Mitglieder schreiben in die Gruppe. / Only members write into the group.");
  auto o = body_object(req);
  const auto title = trim(opt_string(o, "title", 200).value_or(""));
  const auto body = trim(opt_string(o, "body", 20000).value_or(""));
  if (title.empty() || body.empty())
    throw HttpError(400, "invalid_announcement", "Bitte Titel und Text angeben. / Please give a title and a text.");
  quartier::Content c;
  c.container_id = f.group.container_id;
  c.author_id = req.user_id();
  c.kind = "announcement";
  c.visibility = "members";
  c.title = title;
  c.summary = summary_of(body);
  c.body = body;
  quartier::Transaction tx;
  const auto id = quartier::create_content(c);
  std::int64_t after = 0;
  for (;;) {
    auto page = quartier::members(f.group.container_id, after, 1000);
    for (const auto& m : page) {
      quartier::Notification n;
      n.user_id = m.user_id;
      n.kind = "announcement";
      n.title = "„" + f.group.name + "“: " + title;  // the recipient's language; the item's text as written
      n.title_en = "“" + f.group.name + "”: " + title;
      n.link = "/content/" + std::to_string(id);
      n.content_id = id;  // the core delivers it only to people who may read the item
      n.actor_id = req.user_id();
      quartier::notify(n);
    }
    if (page.size() < 1000) break;
    after = page.back().user_id;
  }
  tx.commit();
  send(res, boost::json::object{{"id", id}, {"kind", "groups.announcement"}, {"container_id", f.group.container_id}}, 201);
}

}  // namespace

void add_content_routes(quartier::Plugin& plugin) {
  plugin.post("/groups/{slug}/announcements", Access::user, announce);
}

}  // namespace groups
