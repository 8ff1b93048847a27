#pragma once
// The bridge: a durable job polls the configured source, the store writes only what changed and
// marks what disappeared as no longer listed. A failed poll keeps the last good data, records
// its reason (admins see it) and fails the job, which the core retries with backoff.
#include <cstdint>
#include <string>
#include <vector>

#include <quartier/plugin.hpp>

#include "meinberlin.hpp"

namespace participation {

struct MeinBerlinSettings {
  bool enabled = false;
  std::string url = "https://mein.berlin.de";
  std::vector<std::string> districts;
  std::int64_t interval_minutes = 15, timeout_seconds = 20;
  bool plans = true;
};
MeinBerlinSettings meinberlin_settings();
void declare_meinberlin_settings(quartier::Plugin& plugin);

struct StoreStats {
  std::int64_t listed = 0, changed = 0, unlisted = 0;
};
// One source's complete list: inserts new ones, updates changed ones (one write of the row each,
// counted by its revision, and one update of its core item), marks the missing ones as no longer
// listed; an unchanged project is not written at all. Everything in one transaction.
StoreStats store_projects(const std::string& source, const std::vector<SourceProject>& projects);

// project_items.cpp: the project's core item, created or updated (returns its id); taken out of
// the streams when no longer listed (back in when `relisted`); followers told of a new phase.
std::int64_t sync_item(const std::string& source, const SourceProject& p, const std::optional<std::int64_t>& nb,
                       std::optional<std::int64_t> content_id, bool relisted);
void unlist_item(std::int64_t content_id);
void notify_phase(std::int64_t project_id, const SourceProject& p);

// The job "meinberlin_poll": fetch, parse, filter, store, record. Throws on a failed poll.
void poll_meinberlin();

}  // namespace participation
