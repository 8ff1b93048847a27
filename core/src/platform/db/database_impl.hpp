#pragma once
// What Database keeps behind its pointer: the parsed URL and the pools.
#include <memory>

#include "platform/db/checkpointer.hpp"
#include "platform/db/database.hpp"
#include "platform/db/pool.hpp"
#include "platform/db/url.hpp"

namespace qt::db {

struct Database::Impl {
  ParsedUrl url;
  Options options;
  std::unique_ptr<Pool> writer;   // SQLite: the single writer; PostgreSQL: the one pool
  std::unique_ptr<Pool> readers;  // SQLite file databases only
  std::unique_ptr<Checkpointer> checkpointer;  // SQLite file databases only; declared last, stops first
  Pool& write_pool() { return *writer; }
  Pool& read_pool() { return readers ? *readers : *writer; }
};

}  // namespace qt::db
