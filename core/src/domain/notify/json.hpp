#pragma once
// JSON shape of a notification, as GET /api/notifications and the live event carry it.
#include <boost/json/value.hpp>

#include "domain/notify/context.hpp"
#include "domain/notify/notifier.hpp"

namespace qt::notify {

boost::json::value to_json(const Notification& n);
// With who acted ("actor_name") and where ("where": {name, kind}) when the context knows them.
boost::json::value to_json(const Notification& n, const Context& context);

}  // namespace qt::notify
