#pragma once
// JSON shape of a notification, as GET /api/notifications and the live event carry it.
#include <boost/json/value.hpp>

#include "domain/notify/notifier.hpp"

namespace qt::notify {

boost::json::value to_json(const Notification& n);

}  // namespace qt::notify
