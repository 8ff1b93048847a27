#pragma once
// Small helpers for the content module's SQL: bound lists of ids for IN (...) and the
// access predicate shared by streams, search and notifications.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <soci/soci.h>

#include "domain/content/types.hpp"
#include "platform/db/row_reader.hpp"
#include "platform/db/statement_cache.hpp"

namespace qt::content::sql {

// A list of ids bound as :<prefix>0, :<prefix>1, ... (never spliced into the SQL). The list is
// padded to the next power of two by repeating its last id (x IN (1, 2, 2, 2) is x IN (1, 2)),
// so a query has a few distinct texts and db::CachedStatement can reuse them.
class IdList {
 public:
  IdList(std::string prefix, std::vector<std::int64_t> ids);
  // "(:p0,:p1)"; for an empty list "(NULL)" so "x IN (NULL)" matches nothing on both dialects.
  std::string placeholders() const;
  // "(:p0,...,:p<n-1>)" for n ids (n > 0): the text placeholders() gives for a padded length n.
  static std::string placeholders(const std::string& prefix, std::size_t n);
  void bind(soci::details::prepare_temp_type& p) const;
  void bind(db::CachedStatement& st) const;
  // The padded ids without names, in placeholder order, for statements bound by position.
  void bind_by_position(db::CachedStatement& st) const;
  void bind_by_position(db::RowReader& r) const;
  // How many ids the placeholders hold: the count padded to a power of two.
  std::size_t padded_size() const { return padded_.size(); }
  bool empty() const { return ids_.empty(); }
  const std::vector<std::int64_t>& ids() const { return ids_; }

 private:
  std::string prefix_;
  std::vector<std::int64_t> ids_;
  std::vector<std::int64_t> padded_;
  const std::vector<std::string>& names() const;
  mutable std::vector<std::string> names_;  // built on first use by bind()
};

// Binds for readable_container(): keep the struct alive until the statement has run.
struct ViewerBinds {
  explicit ViewerBinds(const Viewer& v);
  std::int64_t uid1, uid2, nb, area;
  void bind(soci::details::prepare_temp_type& p) const;
  void bind(db::CachedStatement& st) const;
};

// SQL predicate: the container aliased `k` is readable by the viewer (see Store::can_read_container).
// Uses the binds :v_uid1, :v_uid2, :v_nb, :v_area from ViewerBinds.
std::string_view readable_container();

}  // namespace qt::content::sql
