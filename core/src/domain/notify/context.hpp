#pragma once
// Who acted and where, for a page of notifications: the actors' display names and the name and
// kind of the container each notification's content lives in, read in two queries per page so
// the list can say "Anna mentioned you in Gartenfreunde" instead of a bare sentence.
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include <soci/soci.h>

#include "domain/notify/notifier.hpp"

namespace qt::notify {

struct Place {
  std::string name;
  std::string kind;  // 'city', 'neighbourhood', 'profile', '<plugin>.<kind>'
};

struct Context {
  std::unordered_map<std::int64_t, std::string> actors;  // user id -> display name
  std::unordered_map<std::int64_t, Place> places;        // content id -> its container
};

Context context_of(soci::session& s, const std::vector<Notification>& list);

}  // namespace qt::notify
