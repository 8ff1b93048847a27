#pragma once
// Privacy rights (DSGVO Art. 15/17/20): every module that keeps personal data registers an export
// provider and an erase provider here. GET /api/me/export asks every exporter; account deletion
// runs every eraser inside ONE transaction (the last registered first, so plugins clean up before
// the core anonymises the person). The plugin host attaches each plugin's hooks the same way.
#include <cstdint>
#include <functional>
#include <shared_mutex>
#include <string>
#include <vector>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <soci/soci.h>

#include "platform/db/database.hpp"

namespace qt::privacy {

// Everything the module holds about the person, as JSON (null or an empty object if nothing).
using ExportFn = std::function<boost::json::value(std::int64_t user_id, soci::session& s)>;
// Erases (or anonymises, where others must keep it) the person's data. Runs inside the deletion
// transaction on s; throwing rolls the whole deletion back.
using EraseFn = std::function<void(std::int64_t user_id, soci::session& s)>;

class Registry {
 public:
  // name: "core", "accounts" or the plugin name; must be unique. Either function may be empty.
  // Throws std::invalid_argument for an empty or duplicate name.
  void add(std::string name, ExportFn exporter, EraseFn eraser);

  // {"<name>": <export>, ...} for every provider with an exporter, in registration order.
  // A failing exporter throws: an incomplete export must not look complete.
  boost::json::object export_user(std::int64_t user_id, db::Database& db) const;

  // Runs every eraser, last registered first, on s (the caller owns the transaction).
  void erase_user(std::int64_t user_id, soci::session& s) const;

  // Opens a write lease and a transaction, runs erase_user and commits; rolls back on any error.
  void erase_user(std::int64_t user_id, db::Database& db) const;

  std::vector<std::string> names() const;

 private:
  struct Provider {
    std::string name;
    ExportFn exporter;
    EraseFn eraser;
  };
  mutable std::shared_mutex mu_;
  std::vector<Provider> providers_;
};

}  // namespace qt::privacy
