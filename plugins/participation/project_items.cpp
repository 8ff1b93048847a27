// Each imported project is also a core item of the municipality (its neighbourhood's stream, or
// the city's), so residents comment on it and search finds it; followers hear of a new phase.
#include <boost/json.hpp>
#include <quartier/plugin.hpp>

#include "importer.hpp"

namespace participation {

namespace {
std::string card(const std::string& source, const SourceProject& p) {
  boost::json::object c{{"source", source}, {"url", p.url}, {"phase", p.phase}, {"organisation", p.organisation},
                        {"image", p.image}, {"image_copyright", p.image_copyright}};
  c["end_at"] = p.end_at ? boost::json::value(*p.end_at) : nullptr;
  return boost::json::serialize(c);
}
}  // namespace

ItemSync sync_item(const std::string& source, const SourceProject& p, const std::optional<std::int64_t>& nb,
                   const Known& known, bool relisted) {
  quartier::Content c;
  c.title = p.title;
  c.summary = p.description;
  c.body = p.description + (p.description.empty() ? "" : "\n\n") + p.url;
  c.card_json = card(source, p);
  // What the item holds: when none of it changed (a project moved within its neighbourhood,
  // a new district name or image text), the core's row is not written at all.
  ItemSync out{known.content_id.value_or(0), boost::json::serialize(boost::json::array{c.title, c.summary, c.body, c.card_json}), false};
  if (known.content_id) {
    if (out.fingerprint != known.item_fingerprint) {
      if (relisted) c.expires_at = -1;  // back in the streams, in the same write
      quartier::update_content(*known.content_id, c);
      out.written = true;
    } else if (relisted) {
      quartier::expire_content(*known.content_id, -1);
      out.written = true;
    }
    return out;
  }
  c.container_id = nb ? quartier::neighbourhood_container(*nb) : quartier::city_container();
  c.author_id = quartier::system_author();
  c.kind = "project";
  out.content_id = quartier::create_content(c);
  out.written = true;
  return out;
}

void unlist_item(std::int64_t content_id) {
  quartier::expire_content(content_id, 0);  // out of the streams, still there by link; the row says why
}

void notify_phase(std::int64_t project_id, const SourceProject& p) {
  quartier::Statement s("SELECT user_id FROM participation_project_follows WHERE project_id = :p");
  s.bind("p", project_id);
  while (s.step()) {
    quartier::Notification n;
    n.user_id = s.int64(0);
    n.kind = "project_phase";
    n.title = "„" + p.title + "“: " + (p.phase.empty() ? "neue Phase" : p.phase);
    n.title_en = "\"" + p.title + "\": " + (p.phase.empty() ? "new phase" : p.phase);
    n.link = "/participation/projects";
    quartier::notify(n);
  }
}

}  // namespace participation
