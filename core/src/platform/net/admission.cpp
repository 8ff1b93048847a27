#include "platform/net/admission.hpp"

namespace qt::net {

Admission::Verdict Admission::check(const std::string& address, bool exempt, std::size_t open) const {
  if (limits_.per_address > 0 && !exempt) {
    const auto it = per_address_.find(address);
    if (it != per_address_.end() && it->second >= limits_.per_address) return Verdict::over_address;
  }
  if (limits_.total > 0 && open >= limits_.total) return Verdict::over_total;
  return Verdict::admit;
}

void Admission::opened(const std::string& address) { ++per_address_[address]; }

void Admission::closed(const std::string& address) {
  const auto it = per_address_.find(address);
  if (it == per_address_.end()) return;
  if (--it->second == 0) per_address_.erase(it);
}

}  // namespace qt::net
