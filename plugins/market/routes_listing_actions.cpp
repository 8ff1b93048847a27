// What happens to a listing after it is up: its author edits it, marks it reserved or done,
// renews it before or after it expired, or takes it down; others contact its author through a
// direct conversation (the core never shows an e-mail address or a phone number).
#include "listing.hpp"
#include "listing_form.hpp"
#include "photos.hpp"
#include "routes.hpp"
#include "stems.hpp"
#include "util.hpp"

namespace market {
namespace {

using quartier::Access;
using quartier::Request;
using quartier::Response;
using quartier::Statement;

Listing own_listing(const Request& req) {
  auto l = readable_listing(req, req.id_param("id"));
  if (l.author_id != req.user_id())
    forbidden("Nur wer die Anzeige aufgegeben hat, darf sie ändern.", "Only the person who posted the listing may change it.");
  return l;
}

void save(const Listing& l) {
  Statement up("UPDATE market_listings SET type = :type, category = :cat, item_condition = :cond, price_cents = :price,"
               " title = :title, description = :descr, area = :area, state = :state, expires_at = :exp, updated_at = :now,"
               " lat = :lat, lon = :lon, search_stems = :stems WHERE id = :id");
  up.bind("type", l.type).bind("cat", l.category).bind("cond", l.condition).bind("price", l.price_cents);
  up.bind("title", l.title).bind("descr", l.description).bind("area", l.area).bind("state", l.state);
  up.bind("exp", l.expires_at).bind("now", now_ms()).bind("lat", l.lat).bind("lon", l.lon).bind("id", l.id);
  up.bind("stems", stem_column(l.title, l.description));
  up.run();
  sync_listing_item(l);
}

// PATCH /listings/{id}: the fields of POST and "state" (active, reserved, done).
void update(Request& req, Response& res) {
  auto l = own_listing(req);
  const auto o = body_object(req, "type,title,description,category,condition,price,area,neighbourhood_id,state,lat,lon");
  std::string state = l.state;
  if (const auto* s = o.if_contains("state")) {
    if (!s->is_string() || (s->as_string() != "active" && s->as_string() != "reserved" && s->as_string() != "done"))
      bad("invalid_state", "Zustand: active, reserved oder done.", "State: active, reserved or done.");
    state = std::string(s->as_string());
  }
  if (l.state == "expired" && state != "expired" && state != "done")
    throw quartier::HttpError(409, "expired", "Die Anzeige ist abgelaufen: bitte erst verlängern. / The listing has expired: please renew it first.");
  apply_listing_body(req, l, false);  // the other fields: the same checks as a new listing
  l.state = state;
  quartier::Transaction tx;
  save(l);
  tx.commit();
  send(res, listing_json(*find_listing(l.id), req.user_id()));
}

// POST /listings/{id}/renew: another full period from now; an expired listing comes back.
void renew(Request& req, Response& res) {
  auto l = own_listing(req);
  if (l.state == "done") throw quartier::HttpError(409, "done", "Die Anzeige ist erledigt. / The listing is done.");
  l.expires_at = now_ms() + setting_int("listing_days", 30) * kDayMs;
  if (l.state == "expired") l.state = "active";
  quartier::Transaction tx;
  save(l);
  quartier::expire_content(l.content_id, l.expires_at);
  quartier::job_enqueue("expire_listing", "{\"id\":" + std::to_string(l.id) + "}", l.expires_at);
  tx.commit();
  send(res, listing_json(*find_listing(l.id), req.user_id()));
}

void remove(Request& req, Response& res) {
  auto l = readable_listing(req, req.id_param("id"));
  if (l.author_id != req.user_id() && req.role() < QT_ROLE_MODERATOR)
    forbidden("Nur wer die Anzeige aufgegeben hat, darf sie löschen.", "Only the person who posted the listing may delete it.");
  quartier::Transaction tx;
  Statement del("DELETE FROM market_listings WHERE id = :id");
  del.bind("id", l.id);
  delete_photos(PhotoOwner::listing, l.id);
  del.run();
  quartier::delete_content(l.content_id);
  tx.commit();
  res.status(204);
}

// POST /listings/{id}/contact {"message"}: a direct message to the author, with the listing named.
void contact(Request& req, Response& res) {
  const auto l = readable_listing(req, req.id_param("id"));
  if (l.author_id == req.user_id()) bad("own_listing", "Das ist die eigene Anzeige.", "This is your own listing.");
  if (l.state != "active" && l.state != "reserved")
    throw quartier::HttpError(409, "not_available", "Die Anzeige ist nicht mehr offen. / The listing is no longer open.");
  const auto o = body_object(req, "message");
  const auto message = opt_string(o, "message", 2000).value_or("");
  if (message.empty()) bad("invalid_message", "Bitte eine Nachricht schreiben.", "Please write a message.");
  const auto text = "Zu deiner Anzeige „" + l.title + "“ / About your listing \"" + l.title + "\":\n\n" + message;
  std::int64_t conversation = 0;
  const auto st = quartier::api().conversation_start(quartier::host(), req.user_id(), l.author_id,
                                                      qt_str{text.data(), text.size()}, &conversation);
  if (st == QT_ERR_DENIED)
    forbidden("Eine Nachricht an diese Person ist nicht möglich.", "A message to this person is not possible.");
  quartier::check(st, "conversation_start");
  send(res, boost::json::object{{"conversation_id", conversation}}, 201);
}

}  // namespace

void add_listing_action_routes(quartier::Plugin& plugin) {
  plugin.patch("/listings/{id}", Access::user, update);
  plugin.post("/listings/{id}/renew", Access::user, renew);
  plugin.del("/listings/{id}", Access::user, remove);
  plugin.post("/listings/{id}/contact", Access::user, contact);
}

}  // namespace market
