// What a helper offers: a category, a few words, where (their neighbourhood or a chosen one)
// and when. One offer per category and neighbourhood; offering again updates it.
#include <quartier/json_body.hpp>

#include "input.hpp"
#include "model.hpp"
#include "routes.hpp"
#include "util.hpp"

namespace help {
namespace {

using quartier::Access;
using quartier::HttpError;
using quartier::Statement;

constexpr const char* kOfferCols =
    "o.id, o.helper_id, o.category, o.text, o.neighbourhood_id, o.when_kind, o.created_at, o.updated_at, u.display_name";

boost::json::object offer_json(const Statement& s, std::string_view lang) {
  const auto cat = s.text(2);
  return boost::json::object{{"id", s.int64(0)},
                             {"helper", boost::json::object{{"id", s.int64(1)}, {"display_name", s.text(8)}}},
                             {"category", cat},
                             {"category_name", lang == "en" ? category_en(cat) : category_de(cat)},
                             {"text", s.text(3)},
                             {"neighbourhood_id", s.int64(4)},
                             {"when", s.text(5)},
                             {"created_at", s.int64(6)},
                             {"updated_at", s.int64(7)}};
}

boost::json::object load_offer(std::int64_t id, std::string_view lang) {
  Statement s(std::string("SELECT ") + kOfferCols + " FROM help_offers o JOIN plugin_users u ON u.id = o.helper_id WHERE o.id = :id");
  s.bind("id", id);
  if (!s.step()) throw HttpError(404, "not_found", "Dieses Angebot gibt es nicht (mehr). / This offer does not exist (any more).");
  return offer_json(s, lang);
}

// POST /offers {category, text?, when, neighbourhood_id? | lat, lon}
void offer(quartier::Request& req, quartier::Response& res) {
  auto o = body_object(req);
  try {
    quartier::json::refuse_unknown(o, "category,text,when,neighbourhood_id,lat,lon");
  } catch (const quartier::JsonBodyError& e) {
    throw HttpError(400, e.code(), e.what());
  }
  const auto category = read_category(o);
  const auto text = read_text(o, false, 500);
  const auto when = read_when(o, true);
  std::string area;
  const auto nb = read_area(o, req.user_id(), area);
  const auto now = now_ms();
  Statement upd("UPDATE help_offers SET text = :x, when_kind = :w, updated_at = :t"
                " WHERE helper_id = :h AND category = :c AND neighbourhood_id = :nb");
  upd.bind("x", text).bind("w", when).bind("t", now).bind("h", req.user_id()).bind("c", category).bind("nb", nb);
  const bool existed = upd.run() > 0;
  if (!existed) {
    Statement ins("INSERT INTO help_offers (helper_id, category, text, neighbourhood_id, when_kind, created_at, updated_at)"
                  " VALUES (:h, :c, :x, :nb, :w, :t1, :t2)");
    ins.bind("h", req.user_id()).bind("c", category).bind("x", text).bind("nb", nb).bind("w", when);
    ins.bind("t1", now).bind("t2", now);
    ins.run();
  }
  Statement id("SELECT id FROM help_offers WHERE helper_id = :h AND category = :c AND neighbourhood_id = :nb");
  id.bind("h", req.user_id()).bind("c", category).bind("nb", nb);
  id.step();
  send(res, load_offer(id.int64(0), req.language()), existed ? 200 : 201);
}

// GET /offers/mine
void mine(quartier::Request& req, quartier::Response& res) {
  Statement s(std::string("SELECT ") + kOfferCols + " FROM help_offers o JOIN plugin_users u ON u.id = o.helper_id"
              " WHERE o.helper_id = :h ORDER BY o.id");
  s.bind("h", req.user_id());
  boost::json::array out;
  while (s.step()) out.push_back(offer_json(s, req.language()));
  send(res, boost::json::object{{"offers", std::move(out)}});
}

// GET /offers?neighbourhood_id=&category=: who offers help in a neighbourhood (its people only).
void area(quartier::Request& req, quartier::Response& res) {
  const auto nb = query_area(req);
  if (!quartier::neighbourhood(nb))
    throw HttpError(400, "invalid_neighbourhood_id", "Dieses Quartier gibt es nicht. / This neighbourhood does not exist.");
  if (req.role() < QT_ROLE_STAFF && !quartier::can_read_container(req.user_id(), quartier::neighbourhood_container(nb)))
    throw HttpError(403, "not_your_neighbourhood", "Diese Liste sehen nur die Menschen des Quartiers. / Only the people of this neighbourhood see this list.");
  const auto category = std::string(req.query("category").value_or(""));
  if (!category.empty() && !valid_category(category))
    throw HttpError(400, "invalid_category", "Unbekannte Kategorie. / Unknown category.");
  std::string sql = std::string("SELECT ") + kOfferCols + " FROM help_offers o JOIN plugin_users u ON u.id = o.helper_id"
                    " WHERE o.neighbourhood_id = :nb AND u.status = 'active'";
  if (!category.empty()) sql += " AND o.category = :cat";
  Statement s(sql + " ORDER BY o.updated_at DESC, o.id DESC LIMIT 100");
  s.bind("nb", nb);
  if (!category.empty()) s.bind("cat", category);
  boost::json::array out;
  while (s.step()) out.push_back(offer_json(s, req.language()));
  send(res, boost::json::object{{"offers", std::move(out)}, {"neighbourhood_id", nb}});
}

// DELETE /offers/{id}: only one's own.
void remove(quartier::Request& req, quartier::Response& res) {
  Statement s("DELETE FROM help_offers WHERE id = :id AND helper_id = :h");
  s.bind("id", req.id_param("id")).bind("h", req.user_id());
  if (s.run() == 0) throw HttpError(404, "not_found", "Dieses Angebot gibt es nicht (mehr). / This offer does not exist (any more).");
  res.status(204);
}

}  // namespace

void add_offer_routes(quartier::Plugin& plugin) {
  plugin.post("/offers", Access::user, offer);
  plugin.get("/offers", Access::user, area);
  plugin.get("/offers/mine", Access::user, mine);
  plugin.del("/offers/{id}", Access::user, remove);
}

}  // namespace help
