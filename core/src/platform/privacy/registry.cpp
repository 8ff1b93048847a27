#include "platform/privacy/registry.hpp"
#include "platform/db/transaction.hpp"

#include <mutex>
#include <stdexcept>

namespace qt::privacy {

void Registry::add(std::string name, ExportFn exporter, EraseFn eraser) {
  if (name.empty()) throw std::invalid_argument("privacy provider needs a name");
  std::unique_lock lock(mu_);
  for (const auto& p : providers_)
    if (p.name == name) throw std::invalid_argument("privacy provider registered twice: " + name);
  providers_.push_back({std::move(name), std::move(exporter), std::move(eraser)});
}

boost::json::object Registry::export_user(std::int64_t user_id, db::Database& db) const {
  std::vector<Provider> copy;
  {
    std::shared_lock lock(mu_);
    copy = providers_;
  }
  boost::json::object out;
  auto lease = db.read();
  for (const auto& p : copy)
    if (p.exporter) out[p.name] = p.exporter(user_id, lease.session());
  return out;
}

void Registry::erase_user(std::int64_t user_id, soci::session& s) const {
  std::vector<Provider> copy;
  {
    std::shared_lock lock(mu_);
    copy = providers_;
  }
  for (auto it = copy.rbegin(); it != copy.rend(); ++it)
    if (it->eraser) it->eraser(user_id, s);
}

void Registry::erase_user(std::int64_t user_id, db::Database& db) const {
  auto lease = db.write();
  db::Transaction tx(lease.session());
  erase_user(user_id, lease.session());
  tx.commit();
}

std::vector<std::string> Registry::names() const {
  std::shared_lock lock(mu_);
  std::vector<std::string> out;
  for (const auto& p : providers_) out.push_back(p.name);
  return out;
}

}  // namespace qt::privacy
