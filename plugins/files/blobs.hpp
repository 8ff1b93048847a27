#pragma once
// Blobs no row refers to any more are removed by a durable job ("sweep_blobs"), enqueued in the
// transaction that dropped the rows: a rollback leaves both rows and blobs, a commit removes
// the blobs once, even after a restart.
#include <string>
#include <vector>

#include <quartier/plugin.hpp>

namespace files {

void add_blob_jobs(quartier::Plugin& plugin);
// Enqueues the sweep of these keys (empty ones are skipped); joins the open transaction.
void sweep_later(const std::vector<std::string>& keys);
// Removes the blob now unless a row refers to it (after a refused upload).
void drop_if_unused(const std::string& key);

}  // namespace files
