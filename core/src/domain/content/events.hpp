#pragma once
// The core events about containers, memberships, items and comments (topics and payloads are
// documented in plugins/README.md, section 7). Each is published after the commit of the
// transaction that made the change (events::Bus::publish_after_commit), never for a rollback.
// Payloads carry ids and kinds only, never text or private fields. actor_id 0 = the system (a
// plugin, a job or the command line acting without a person).
#include <cstdint>
#include <string_view>

#include <soci/soci.h>

#include "domain/content/types.hpp"

namespace qt::events {
class Bus;
}

namespace qt::content::events_out {

// "content.created|updated|deleted|hidden|unhidden"
void item(const events::Bus* bus, soci::session& s, std::string_view what, const Item& item, std::int64_t actor_id);
// "comment.created|deleted"
void comment(const events::Bus* bus, soci::session& s, std::string_view what, std::int64_t comment_id,
             const Item& item, std::int64_t author_id, std::int64_t actor_id);
// "membership.added|changed|removed"
void membership(const events::Bus* bus, soci::session& s, std::string_view what, const Container& c,
                const Membership& m, std::int64_t actor_id);
// "container.deleted"
void container_deleted(const events::Bus* bus, soci::session& s, const Container& c, std::int64_t actor_id);

}  // namespace qt::content::events_out
