#include "domain/content/sql.hpp"

namespace qt::content::sql {

IdList::IdList(std::string prefix, std::vector<std::int64_t> ids) : prefix_(std::move(prefix)), ids_(std::move(ids)) {
  if (ids_.empty()) return;
  std::size_t n = 1;
  while (n < ids_.size()) n *= 2;
  padded_ = ids_;
  padded_.resize(n, ids_.back());
}

// Only binding by name needs the names (the stream binds by position, per request).
const std::vector<std::string>& IdList::names() const {
  if (names_.empty()) {
    names_.reserve(padded_.size());
    for (std::size_t i = 0; i < padded_.size(); ++i) names_.push_back(prefix_ + std::to_string(i));
  }
  return names_;
}

std::string IdList::placeholders() const {
  if (ids_.empty()) return "(NULL)";
  return placeholders(prefix_, padded_.size());
}

std::string IdList::placeholders(const std::string& prefix, std::size_t n) {
  std::string out = "(";
  for (std::size_t i = 0; i < n; ++i) {
    if (i) out += ',';
    out += ':';
    out += prefix;
    out += std::to_string(i);
  }
  out += ')';
  return out;
}

void IdList::bind(soci::details::prepare_temp_type& p) const {
  const auto& names = this->names();
  for (std::size_t i = 0; i < padded_.size(); ++i) p, soci::use(padded_[i], names[i]);
}

void IdList::bind(db::CachedStatement& st) const {
  const auto& names = this->names();
  for (std::size_t i = 0; i < padded_.size(); ++i) st, soci::use(padded_[i], names[i]);
}

void IdList::bind_by_position(db::CachedStatement& st) const {
  for (const auto& id : padded_) st, soci::use(id);
}

void IdList::bind_by_position(db::RowReader& r) const {
  for (const auto id : padded_) r.bind(id);
}

ViewerBinds::ViewerBinds(const Viewer& v)
    : uid1(v.signed_in() ? v.user_id : 0),
      uid2(v.signed_in() ? v.user_id : 0),
      nb(v.signed_in() && v.neighbourhood_id ? *v.neighbourhood_id : -1),
      area(v.area_wide() ? 1 : 0) {}

void ViewerBinds::bind(soci::details::prepare_temp_type& p) const {
  p, soci::use(uid1, "v_uid1"), soci::use(uid2, "v_uid2"), soci::use(nb, "v_nb"), soci::use(area, "v_area");
}

void ViewerBinds::bind(db::CachedStatement& st) const {
  st, soci::use(uid1, "v_uid1"), soci::use(uid2, "v_uid2"), soci::use(nb, "v_nb"), soci::use(area, "v_area");
}

std::string_view readable_container() {
  return "((k.visibility = 'public' AND :v_uid1 <> 0)"
         " OR (k.kind = 'neighbourhood' AND (k.neighbourhood_id = :v_nb OR :v_area = 1))"
         " OR EXISTS (SELECT 1 FROM memberships m WHERE m.container_id = k.id"
         " AND m.user_id = :v_uid2 AND m.state = 'active'))";
}

}  // namespace qt::content::sql
