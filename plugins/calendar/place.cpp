#include "place.hpp"

namespace calendar {

void check_place(Event& e) {
  const auto c = quartier::container(e.container_id);
  if (!c) throw quartier::HttpError(404, "not_found", "Diesen Kalender gibt es nicht. / This calendar does not exist.");
  e.neighbourhood_id = c->neighbourhood_id;
  if (!e.lat) return;
  const auto at = quartier::neighbourhood_at(*e.lat, *e.lon);
  if (c->kind != "neighbourhood") {
    if (!e.neighbourhood_id) e.neighbourhood_id = at.value_or(0);
    return;
  }
  const auto nb = quartier::neighbourhood(c->neighbourhood_id);
  if (nb && !nb->polygon.empty() && at != c->neighbourhood_id)
    throw quartier::HttpError(400, "place_outside_neighbourhood",
                              "Der Ort liegt nicht im Quartier „" + nb->name + "“. / The place is not inside the neighbourhood “" +
                                  nb->name + "”.");
}

}  // namespace calendar
