#pragma once
// The bridge: a durable job polls the configured source, the store writes only what changed and
// marks what disappeared as no longer listed. A failed poll keeps the last good data, records
// its reason (admins see it) and fails the job, which the core retries with backoff.
#include <cstdint>
#include <optional>
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
  std::int64_t items_written = 0;  // core items created or updated (a changed card), or unlisted
};
// One source's complete list: inserts new ones, updates changed ones (one write of the row each,
// counted by its revision, and an update of its core item only when what the item shows
// changed), marks the missing ones as no longer listed; an unchanged project is not written at
// all. Everything in one transaction: a poll's writes land together or not at all.
StoreStats store_projects(const std::string& source, const std::vector<SourceProject>& projects);

// What the store knows of a project before the poll.
struct Known {
  std::string fingerprint, item_fingerprint, phase;
  bool listed = false, seen = false;
  std::int64_t id = 0;
  std::optional<std::int64_t> content_id;
};

// project_items.cpp: the project's core item, created, or updated when what it holds changed
// (compared with item_fingerprint) or it comes back (`relisted`, into the streams again); taken
// out of the streams when no longer listed; followers told of a new phase.
struct ItemSync {
  std::int64_t content_id = 0;
  std::string fingerprint;  // of what the item holds now
  bool written = false;
};
ItemSync sync_item(const std::string& source, const SourceProject& p, const std::optional<std::int64_t>& nb,
                   const Known& known, bool relisted);
void unlist_item(std::int64_t content_id);
void notify_phase(std::int64_t project_id, const SourceProject& p);

// The job "meinberlin_poll": fetch, parse, filter, store, record. Throws on a failed poll.
void poll_meinberlin();

}  // namespace participation
