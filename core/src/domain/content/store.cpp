#include "domain/content/store.hpp"

#include <algorithm>
#include <chrono>
#include <unordered_map>

#include "domain/content/events.hpp"
#include "domain/content/images.hpp"
#include "domain/content/sql.hpp"
#include "domain/errors/error.hpp"
#include "platform/db/statement_cache.hpp"

namespace qt::content {

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

namespace {

constexpr const char* kContainerCols =
    "id, kind, owner, name, description, visibility, neighbourhood_id, user_id, created_by, created_at, updated_at";

// One row of `containers`, read with into() so both backends convert to the C++ types.
struct ContainerRow {
  Container c;
  std::string visibility;
  std::int64_t nb = 0, uid = 0;
  soci::indicator nb_ind = soci::i_ok, uid_ind = soci::i_ok;

  void into(soci::details::prepare_temp_type& p) {
    p, soci::into(c.id), soci::into(c.kind), soci::into(c.owner), soci::into(c.name), soci::into(c.description),
        soci::into(visibility), soci::into(nb, nb_ind), soci::into(uid, uid_ind), soci::into(c.created_by),
        soci::into(c.created_at), soci::into(c.updated_at);
  }
  Container finish() {
    Container out = c;
    out.visibility = visibility_from(visibility).value_or(Visibility::members);
    out.neighbourhood_id = nb_ind == soci::i_ok ? std::optional<std::int64_t>(nb) : std::nullopt;
    out.user_id = uid_ind == soci::i_ok ? std::optional<std::int64_t>(uid) : std::nullopt;
    return out;
  }
};

constexpr const char* kItemCols =
    "id, kind, owner, container_id, author_id, visibility, title, summary, body, body_html, official, pinned, "
    "urgent, hidden, hidden_reason, comment_count, revision, created_at, updated_at, deleted_at, card, expires_at";

struct ItemRow {
  Item i;
  std::string visibility;
  std::int64_t official = 0, pinned = 0, urgent = 0, hidden = 0, deleted = 0;
  soci::indicator deleted_ind = soci::i_ok;
  std::int64_t expires = 0;
  soci::indicator card_ind = soci::i_ok, expires_ind = soci::i_ok;

  template <typename Statement>
  void into(Statement& p) {
    p, soci::into(i.id), soci::into(i.kind), soci::into(i.owner), soci::into(i.container_id),
        soci::into(i.author_id), soci::into(visibility), soci::into(i.title), soci::into(i.summary),
        soci::into(i.body), soci::into(i.body_html), soci::into(official), soci::into(pinned), soci::into(urgent),
        soci::into(hidden), soci::into(i.hidden_reason), soci::into(i.comment_count), soci::into(i.revision),
        soci::into(i.created_at), soci::into(i.updated_at), soci::into(deleted, deleted_ind),
        soci::into(i.card, card_ind), soci::into(expires, expires_ind);
  }
  Item finish() {
    Item out = i;
    out.visibility = item_visibility_from(visibility).value_or(ItemVisibility::members);
    out.official = official != 0;
    out.pinned = pinned != 0;
    out.urgent = urgent != 0;
    out.hidden = hidden != 0;
    out.deleted_at = deleted_ind == soci::i_ok ? std::optional<std::int64_t>(deleted) : std::nullopt;
    if (card_ind != soci::i_ok) out.card.clear();
    out.expires_at = expires_ind == soci::i_ok ? std::optional<std::int64_t>(expires) : std::nullopt;
    return out;
  }
};

bool valid_kind(std::string_view kind) {
  if (kind.empty() || kind.size() > 64) return false;
  return std::all_of(kind.begin(), kind.end(), [](char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_' || ch == '.' || ch == '-';
  });
}

std::optional<std::int64_t> find_id(soci::session& s, const std::string& sql, std::int64_t key) {
  std::int64_t id = 0;
  soci::indicator ind = soci::i_null;
  s << sql, soci::use(key, "k"), soci::into(id, ind);
  if (!s.got_data() || ind != soci::i_ok) return std::nullopt;
  return id;
}

}  // namespace

Viewer Store::viewer(soci::session& s, std::int64_t user_id, Role role) const {
  Viewer v;
  v.user_id = user_id;
  v.role = user_id == 0 ? Role::none : role;
  if (user_id == 0) return v;
  std::int64_t nb = 0;
  soci::indicator ind = soci::i_null;
  db::CachedStatement st(s, "SELECT neighbourhood_id FROM users WHERE id = :id");
  st, soci::use(user_id, "id"), soci::into(nb, ind);
  if (st.execute_once() && ind == soci::i_ok) v.neighbourhood_id = nb;
  return v;
}

// --- containers -------------------------------------------------------------------------------

std::int64_t Store::city_container(soci::session& s) const {
  std::int64_t id = 0;
  soci::indicator ind = soci::i_null;
  s << "SELECT id FROM containers WHERE kind = 'city'", soci::into(id, ind);
  if (s.got_data() && ind == soci::i_ok) return id;
  const std::int64_t t = now_ms();
  s << "INSERT INTO containers (kind, owner, name, description, visibility, created_by, created_at, updated_at)"
       " VALUES ('city', 'core', '', '', 'public', 0, :t1, :t2) ON CONFLICT DO NOTHING",
      soci::use(t, "t1"), soci::use(t, "t2");
  s << "SELECT id FROM containers WHERE kind = 'city'", soci::into(id);
  return id;
}

std::optional<std::int64_t> Store::find_city_container(soci::session& s) const {
  std::int64_t id = 0;
  soci::indicator ind = soci::i_null;
  s << "SELECT id FROM containers WHERE kind = 'city'", soci::into(id, ind);
  if (!s.got_data() || ind != soci::i_ok) return std::nullopt;
  return id;
}

std::optional<std::int64_t> Store::find_neighbourhood_container(soci::session& s, std::int64_t neighbourhood_id) const {
  return find_id(s, "SELECT id FROM containers WHERE kind = 'neighbourhood' AND neighbourhood_id = :k", neighbourhood_id);
}

std::int64_t Store::neighbourhood_container(soci::session& s, std::int64_t neighbourhood_id) const {
  if (auto id = find_neighbourhood_container(s, neighbourhood_id)) return *id;
  const std::int64_t t = now_ms();
  s << "INSERT INTO containers (kind, owner, name, description, visibility, neighbourhood_id, created_by, created_at, updated_at)"
       " SELECT 'neighbourhood', 'core', n.name, '', 'members', n.id, 0, :t1, :t2 FROM neighbourhoods n WHERE n.id = :nb"
       " ON CONFLICT DO NOTHING",
      soci::use(t, "t1"), soci::use(t, "t2"), soci::use(neighbourhood_id, "nb");
  if (auto id = find_neighbourhood_container(s, neighbourhood_id)) return *id;
  throw domain::Error(domain::ErrorKind::not_found, "not_found", "Dieses Quartier gibt es nicht. / This neighbourhood does not exist.");
}

std::optional<std::int64_t> Store::find_profile_container(soci::session& s, std::int64_t user_id) const {
  return find_id(s, "SELECT id FROM containers WHERE kind = 'profile' AND user_id = :k", user_id);
}

std::int64_t Store::profile_container(soci::session& s, std::int64_t user_id) const {
  if (auto id = find_profile_container(s, user_id)) return *id;
  const std::int64_t t = now_ms();
  s << "INSERT INTO containers (kind, owner, name, description, visibility, user_id, created_by, created_at, updated_at)"
       " SELECT 'profile', 'core', u.display_name, '', 'public', u.id, u.id, :t1, :t2 FROM users u WHERE u.id = :uid"
       " ON CONFLICT DO NOTHING",
      soci::use(t, "t1"), soci::use(t, "t2"), soci::use(user_id, "uid");
  auto id = find_profile_container(s, user_id);
  if (!id) throw domain::Error(domain::ErrorKind::not_found, "not_found", "Diese Person gibt es nicht. / This person does not exist.");
  set_membership(s, *id, user_id, MemberRole::owner, MemberState::active);
  return *id;
}

std::int64_t Store::create_container(soci::session& s, const NewContainer& c) const {
  if (!valid_kind(c.kind) || c.kind == kCity || c.kind == kNeighbourhood || c.kind == kProfile)
    throw domain::Error(domain::ErrorKind::invalid, "invalid_kind", "Container kind must be '<plugin>.<name>' in lower case.");
  if (c.name.empty() || c.name.size() > 200)
    throw domain::Error(domain::ErrorKind::invalid, "invalid_name", "Bitte einen Namen mit 1 bis 200 Zeichen angeben. / Give a name of 1 to 200 characters.");
  const std::int64_t t = now_ms();
  const std::string vis(to_string(c.visibility));
  std::int64_t nb = c.neighbourhood_id.value_or(0);
  soci::indicator nb_ind = c.neighbourhood_id ? soci::i_ok : soci::i_null;
  std::int64_t id = 0;
  s << "INSERT INTO containers (kind, owner, name, description, visibility, neighbourhood_id, created_by, created_at, updated_at)"
       " VALUES (:kind, :owner, :name, :descr, :vis, :nb, :by, :t1, :t2) RETURNING id",
      soci::use(c.kind, "kind"), soci::use(c.owner, "owner"), soci::use(c.name, "name"),
      soci::use(c.description, "descr"), soci::use(vis, "vis"), soci::use(nb, nb_ind, "nb"),
      soci::use(c.created_by, "by"), soci::use(t, "t1"), soci::use(t, "t2"), soci::into(id);
  if (c.created_by != 0) set_membership(s, id, c.created_by, MemberRole::owner, MemberState::active, c.created_by);
  return id;
}

void Store::update_container(soci::session& s, std::int64_t id, const ContainerPatch& p) const {
  Container c = require_container(s, id);
  if (p.name) c.name = *p.name;
  if (p.description) c.description = *p.description;
  if (p.visibility) c.visibility = *p.visibility;
  if (c.name.size() > 200) throw domain::Error(domain::ErrorKind::invalid, "invalid_name", "Give a name of at most 200 characters.");
  const std::string vis(to_string(c.visibility));
  const std::int64_t t = now_ms();
  s << "UPDATE containers SET name = :name, description = :descr, visibility = :vis, updated_at = :t WHERE id = :id",
      soci::use(c.name, "name"), soci::use(c.description, "descr"), soci::use(vis, "vis"), soci::use(t, "t"),
      soci::use(id, "id");
  if (p.neighbourhood_id) {
    std::int64_t nb = p.neighbourhood_id->value_or(0);
    soci::indicator ind = *p.neighbourhood_id ? soci::i_ok : soci::i_null;
    s << "UPDATE containers SET neighbourhood_id = :nb WHERE id = :id", soci::use(nb, ind, "nb"), soci::use(id, "id");
  }
}

void Store::delete_container(soci::session& s, std::int64_t id, std::int64_t actor_id) const {
  auto c = container(s, id);
  if (!c) return;
  std::vector<std::int64_t> ids(1000);
  std::vector<Item> live;
  for (std::int64_t after = 0; events_;) {  // the items, for their content.deleted events
    ids.resize(1000);
    s << "SELECT id FROM content WHERE container_id = :c AND deleted_at IS NULL AND id > :a ORDER BY id LIMIT 1000",
        soci::use(id, "c"), soci::use(after, "a"), soci::into(ids);
    if (ids.empty()) break;
    for (auto& item : items(s, ids)) live.push_back(std::move(item));
    after = ids.back();
  }
  if (images_) images_->drop_container(s, id);
  // Foreign keys cascade to memberships, content and everything keyed by content.
  s << "DELETE FROM containers WHERE id = :id", soci::use(id, "id");
  for (const auto& item : live) events_out::item(events_, s, "deleted", item, actor_id);
  events_out::container_deleted(events_, s, *c, actor_id);
}

std::optional<Container> Store::container(soci::session& s, std::int64_t id) const {
  ContainerRow row;
  auto p = (s.prepare << "SELECT " << kContainerCols << " FROM containers WHERE id = :id", soci::use(id, "id"));
  row.into(p);
  soci::statement st(p);
  st.execute(true);
  if (!st.got_data()) return std::nullopt;
  return row.finish();
}

Container Store::require_container(soci::session& s, std::int64_t id) const {
  auto c = container(s, id);
  if (!c) throw domain::Error(domain::ErrorKind::not_found, "not_found", "Diesen Bereich gibt es nicht. / This container does not exist.");
  return *c;
}

// --- memberships --------------------------------------------------------------------------------

void Store::set_membership(soci::session& s, std::int64_t container_id, std::int64_t user_id, MemberRole role,
                           MemberState state, std::int64_t actor_id) const {
  const auto before = events_ ? membership(s, container_id, user_id) : std::nullopt;  // for the event
  const std::string r(to_string(role)), st(to_string(state));
  const std::int64_t t = now_ms();
  s << "INSERT INTO memberships (container_id, user_id, role, state, created_at, updated_at)"
       " VALUES (:c, :u, :r, :s, :t1, :t2)"
       " ON CONFLICT (container_id, user_id) DO UPDATE SET role = excluded.role, state = excluded.state,"
       " updated_at = excluded.updated_at",
      soci::use(container_id, "c"), soci::use(user_id, "u"), soci::use(r, "r"), soci::use(st, "s"),
      soci::use(t, "t1"), soci::use(t, "t2");
  if (before && before->role == role && before->state == state) return;  // no change, no event
  if (!events_) return;
  Membership m{container_id, user_id, role, state, t, t};
  events_out::membership(events_, s, before ? "changed" : "added", require_container(s, container_id), m, actor_id);
}

void Store::remove_membership(soci::session& s, std::int64_t container_id, std::int64_t user_id,
                              std::int64_t actor_id) const {
  const auto before = events_ ? membership(s, container_id, user_id) : std::nullopt;
  s << "DELETE FROM memberships WHERE container_id = :c AND user_id = :u", soci::use(container_id, "c"),
      soci::use(user_id, "u");
  if (before && events_)
    events_out::membership(events_, s, "removed", require_container(s, container_id), *before, actor_id);
}

std::optional<Membership> Store::membership(soci::session& s, std::int64_t container_id, std::int64_t user_id) const {
  Membership m;
  std::string role, state;
  s << "SELECT role, state, created_at, updated_at FROM memberships WHERE container_id = :c AND user_id = :u",
      soci::use(container_id, "c"), soci::use(user_id, "u"), soci::into(role), soci::into(state),
      soci::into(m.created_at), soci::into(m.updated_at);
  if (!s.got_data()) return std::nullopt;
  m.container_id = container_id;
  m.user_id = user_id;
  m.role = member_role_from(role).value_or(MemberRole::member);
  m.state = member_state_from(state).value_or(MemberState::requested);
  return m;
}

std::vector<Membership> Store::members(soci::session& s, std::int64_t container_id, std::optional<MemberState> state,
                                       std::int64_t after_user, int limit) const {
  std::vector<Membership> out;
  Membership m;
  std::string role, st_text;
  const std::string want = state ? std::string(to_string(*state)) : std::string();
  const std::int64_t lim = std::clamp(limit, 1, 500);
  soci::statement st =
      (s.prepare << "SELECT user_id, role, state, created_at, updated_at FROM memberships"
                    " WHERE container_id = :c AND user_id > :after AND (:want1 = '' OR state = :want2)"
                    " ORDER BY user_id LIMIT :lim",
       soci::use(container_id, "c"), soci::use(after_user, "after"), soci::use(want, "want1"),
       soci::use(want, "want2"), soci::use(lim, "lim"), soci::into(m.user_id), soci::into(role), soci::into(st_text),
       soci::into(m.created_at), soci::into(m.updated_at));
  st.execute();
  while (st.fetch()) {
    Membership r = m;
    r.container_id = container_id;
    r.role = member_role_from(role).value_or(MemberRole::member);
    r.state = member_state_from(st_text).value_or(MemberState::requested);
    out.push_back(r);
  }
  return out;
}

std::vector<std::int64_t> Store::member_containers(soci::session& s, std::int64_t user_id) const {
  std::vector<std::int64_t> out;
  std::int64_t id = 0;
  soci::statement st = (s.prepare << "SELECT container_id FROM memberships WHERE user_id = :u AND state = 'active'"
                                     " ORDER BY container_id",
                        soci::use(user_id, "u"), soci::into(id));
  st.execute();
  while (st.fetch()) out.push_back(id);
  return out;
}

std::vector<Membership> Store::owned_memberships(soci::session& s, std::int64_t user_id, const std::string& owner) const {
  std::vector<Membership> out;
  Membership m;
  m.user_id = user_id;
  std::string role;
  soci::statement st = (s.prepare << "SELECT m.container_id, m.role, m.created_at FROM memberships m"
                                     " JOIN containers c ON c.id = m.container_id"
                                     " WHERE m.user_id = :u AND m.state = 'active' AND c.owner = :o"
                                     " ORDER BY m.container_id",
                        soci::use(user_id, "u"), soci::use(owner, "o"), soci::into(m.container_id), soci::into(role),
                        soci::into(m.created_at));
  st.execute();
  while (st.fetch()) {
    m.role = member_role_from(role).value_or(MemberRole::member);
    out.push_back(m);
  }
  return out;
}

// --- access ------------------------------------------------------------------------------------

bool Store::can_read_container(soci::session& s, const Viewer& v, const Container& c) const {
  if (!v.signed_in()) return false;
  if (c.visibility == Visibility::public_) return true;
  if (c.kind == kNeighbourhood && (v.area_wide() || (v.neighbourhood_id && c.neighbourhood_id == v.neighbourhood_id)))
    return true;
  auto m = membership(s, c.id, v.user_id);
  return m && m->state == MemberState::active;
}

bool Store::can_write_container(soci::session& s, const Viewer& v, const Container& c) const {
  if (!v.signed_in()) return false;
  if (c.kind == kCity) return true;
  if (c.kind == kNeighbourhood) return v.area_wide() || (v.neighbourhood_id && c.neighbourhood_id == v.neighbourhood_id);
  if (c.kind == kProfile) return c.user_id && *c.user_id == v.user_id;
  auto m = membership(s, c.id, v.user_id);
  return m && m->state == MemberState::active;
}

bool Store::can_manage_container(soci::session& s, const Viewer& v, const Container& c) const {
  if (!v.signed_in()) return false;
  if (v.role == Role::admin) return true;
  if (c.kind == kProfile) return c.user_id && *c.user_id == v.user_id;
  if (c.kind == kCity || c.kind == kNeighbourhood) return v.moderator();
  auto m = membership(s, c.id, v.user_id);
  return m && m->state == MemberState::active && (m->role == MemberRole::owner || m->role == MemberRole::moderator);
}

std::vector<std::int64_t> Store::readers_among(soci::session& s, const Container& c,
                                              const std::vector<std::int64_t>& user_ids) const {
  std::vector<std::int64_t> out;
  // Batches of 500: SQLite resolves each named parameter by a linear search, so one statement
  // with every online user (10,000 for an urgent announcement) cost quadratic time, and more
  // than 32,766 users would exceed SQLite's parameter limit.
  constexpr std::size_t kBatch = 500;
  for (std::size_t start = 0; start < user_ids.size(); start += kBatch) {
    const auto first = user_ids.begin() + static_cast<std::ptrdiff_t>(start);
    const auto last = user_ids.begin() + static_cast<std::ptrdiff_t>(std::min(user_ids.size(), start + kBatch));
    sql::IdList list("u", std::vector<std::int64_t>(first, last));
    std::int64_t uid = 0;
    std::string role, status;
    std::int64_t nb = 0, member = 0;
    soci::indicator nb_ind = soci::i_null;
    auto p = (s.prepare << "SELECT u.id, u.role, u.status, u.neighbourhood_id,"
                           " (SELECT COUNT(*) FROM memberships m WHERE m.container_id = :c AND m.user_id = u.id"
                           " AND m.state = 'active') FROM users u WHERE u.id IN " << list.placeholders(),
              soci::use(c.id, "c"));
    list.bind(p);
    p, soci::into(uid), soci::into(role), soci::into(status), soci::into(nb, nb_ind), soci::into(member);
    soci::statement st(p);
    st.execute();
    while (st.fetch()) {
      if (status == "deleted" || status == "disabled") continue;
      Viewer v;
      v.user_id = uid;
      v.role = role == "admin" ? Role::admin
               : role == "moderator" ? Role::moderator
               : role == "staff" ? Role::staff
                                 : Role::resident;
      if (nb_ind == soci::i_ok) v.neighbourhood_id = nb;
      const bool readable = c.visibility == Visibility::public_ || member > 0 ||
                            (c.kind == kNeighbourhood && (v.area_wide() || (v.neighbourhood_id && v.neighbourhood_id == c.neighbourhood_id)));
      if (readable) out.push_back(uid);
    }
  }
  return out;
}

bool Store::can_read(soci::session& s, const Viewer& v, const Item& item) const {
  if (item.deleted_at) return false;
  if (item.hidden && !(v.signed_in() && (v.user_id == item.author_id || v.moderator()))) return false;
  auto c = container(s, item.container_id);
  if (!c) return false;
  if (can_read_container(s, v, *c)) return true;
  return item.visibility == ItemVisibility::public_ && c->visibility == Visibility::public_;
}

bool Store::can_write(soci::session& s, const Viewer& v, const Item& item) const {
  if (!v.signed_in() || item.deleted_at) return false;
  if (v.user_id == item.author_id || v.moderator()) return true;
  auto c = container(s, item.container_id);
  return c && can_manage_container(s, v, *c);
}

bool Store::can_read(soci::session& s, const Viewer& v, std::int64_t content_id) const {
  auto i = item(s, content_id);
  return i && can_read(s, v, *i);
}

bool Store::can_write(soci::session& s, const Viewer& v, std::int64_t content_id) const {
  auto i = item(s, content_id);
  return i && can_write(s, v, *i);
}

// --- content items ---------------------------------------------------------------------------

std::int64_t Store::create_item(soci::session& s, const NewItem& n) const {
  if (!valid_kind(n.kind))
    throw domain::Error(domain::ErrorKind::invalid, "invalid_kind", "Content kind must be lower case letters, digits, '.', '_' or '-'.");
  if (n.author_id <= 0) throw domain::Error(domain::ErrorKind::invalid, "invalid_author", "Content needs an author.");
  if (n.title.size() > 300)
    throw domain::Error(domain::ErrorKind::invalid, "invalid_title", "Der Titel darf höchstens 300 Zeichen haben. / The title may have at most 300 characters.");
  require_container(s, n.container_id);
  const std::int64_t t = now_ms();
  const std::int64_t created = n.created_at.value_or(t);
  const std::string vis(to_string(n.visibility));
  const std::int64_t official = n.official ? 1 : 0, pinned = n.pinned ? 1 : 0, urgent = n.urgent ? 1 : 0;
  // NULL, not '', when there is no card or expiry: the stream reads nothing for them.
  soci::indicator card_ind = n.card.empty() ? soci::i_null : soci::i_ok;
  const std::int64_t expires = n.expires_at.value_or(0);
  soci::indicator expires_ind = n.expires_at ? soci::i_ok : soci::i_null;
  std::int64_t id = 0;
  s << "INSERT INTO content (kind, owner, container_id, author_id, visibility, title, summary, body, body_html,"
       " official, pinned, urgent, created_at, updated_at, card, expires_at)"
       " VALUES (:kind, :owner, :c, :a, :vis, :title, :summary, :body, :html, :off, :pin, :urg, :t1, :t2, :card, :exp)"
       " RETURNING id",
      soci::use(n.kind, "kind"), soci::use(n.owner, "owner"), soci::use(n.container_id, "c"),
      soci::use(n.author_id, "a"), soci::use(vis, "vis"), soci::use(n.title, "title"), soci::use(n.summary, "summary"),
      soci::use(n.body, "body"), soci::use(n.body_html, "html"), soci::use(official, "off"), soci::use(pinned, "pin"),
      soci::use(urgent, "urg"), soci::use(created, "t1"), soci::use(created, "t2"), soci::use(n.card, card_ind, "card"),
      soci::use(expires, expires_ind, "exp"), soci::into(id);
  Item made;
  made.id = id;
  made.kind = n.kind;
  made.owner = n.owner;
  made.container_id = n.container_id;
  made.author_id = n.author_id;
  events_out::item(events_, s, "created", made, n.author_id);
  return id;
}

void Store::update_item(soci::session& s, std::int64_t id, std::int64_t editor_id, const ItemPatch& p) const {
  Item old = require_item(s, id);
  Item now = old;
  if (p.title) now.title = *p.title;
  if (p.summary) now.summary = *p.summary;
  if (p.body) now.body = *p.body;
  if (p.body_html) now.body_html = *p.body_html;
  if (p.visibility) now.visibility = *p.visibility;
  if (p.pinned) now.pinned = *p.pinned;
  if (p.card) now.card = *p.card;
  if (p.official) now.official = *p.official;
  if (p.expires_at) now.expires_at = *p.expires_at;
  if (now.title.size() > 300)
    throw domain::Error(domain::ErrorKind::invalid, "invalid_title", "Der Titel darf höchstens 300 Zeichen haben. / The title may have at most 300 characters.");
  const std::int64_t t = now_ms();
  const bool text_changed = now.title != old.title || now.summary != old.summary || now.body != old.body;
  if (text_changed) {
    s << "INSERT INTO content_revisions (content_id, revision, editor_id, title, summary, body, created_at)"
         " VALUES (:c, :rev, :e, :title, :summary, :body, :t)",
        soci::use(id, "c"), soci::use(old.revision, "rev"), soci::use(editor_id, "e"), soci::use(old.title, "title"),
        soci::use(old.summary, "summary"), soci::use(old.body, "body"), soci::use(t, "t");
    now.revision = old.revision + 1;
  }
  const std::string vis(to_string(now.visibility));
  const std::int64_t pinned = now.pinned ? 1 : 0, official = now.official ? 1 : 0;
  soci::indicator card_ind = now.card.empty() ? soci::i_null : soci::i_ok;
  const std::int64_t expires = now.expires_at.value_or(0);
  soci::indicator expires_ind = now.expires_at ? soci::i_ok : soci::i_null;
  s << "UPDATE content SET title = :title, summary = :summary, body = :body, body_html = :html, visibility = :vis,"
       " pinned = :pin, official = :off, card = :card, expires_at = :exp, revision = :rev, updated_at = :t WHERE id = :id",
      soci::use(now.title, "title"), soci::use(now.summary, "summary"), soci::use(now.body, "body"),
      soci::use(now.body_html, "html"), soci::use(vis, "vis"), soci::use(pinned, "pin"), soci::use(official, "off"),
      soci::use(now.card, card_ind, "card"), soci::use(expires, expires_ind, "exp"),
      soci::use(now.revision, "rev"), soci::use(t, "t"), soci::use(id, "id");
  events_out::item(events_, s, "updated", now, editor_id);
}

void Store::delete_item(soci::session& s, std::int64_t id, std::int64_t actor_id) const {
  const auto before = events_ ? item(s, id) : std::nullopt;
  if (events_ && (!before || before->deleted_at)) return;  // idempotent: no change, no event
  const std::int64_t t = now_ms();
  s << "UPDATE content SET deleted_at = :t, title = '', summary = '', body = '', body_html = '', card = NULL, pinned = 0,"
       " updated_at = :t2 WHERE id = :id AND deleted_at IS NULL",
      soci::use(t, "t"), soci::use(t, "t2"), soci::use(id, "id");
  s << "DELETE FROM content_revisions WHERE content_id = :id", soci::use(id, "id");
  if (images_) images_->drop_item(s, id);  // its pictures and its comments' pictures, files after the commit
  if (before) events_out::item(events_, s, "deleted", *before, actor_id);
}

std::optional<Item> Store::item(soci::session& s, std::int64_t id) const {
  ItemRow row;
  db::CachedStatement st(s, std::string("SELECT ") + kItemCols + " FROM content WHERE id = :id");
  st, soci::use(id, "id");
  row.into(st);
  if (!st.execute_once()) return std::nullopt;
  return row.finish();
}

Item Store::require_item(soci::session& s, std::int64_t id) const {
  auto i = item(s, id);
  if (!i || i->deleted_at)
    throw domain::Error(domain::ErrorKind::not_found, "not_found", "Diesen Beitrag gibt es nicht (mehr). / This item does not exist (any more).");
  return *i;
}

std::vector<Item> Store::items(soci::session& s, const std::vector<std::int64_t>& ids) const {
  std::vector<Item> out;
  if (ids.empty()) return out;
  sql::IdList list("i", ids);
  ItemRow row;
  db::CachedStatement st(s, std::string("SELECT ") + kItemCols + " FROM content WHERE id IN " + list.placeholders());
  list.bind(st);
  row.into(st);
  st.execute();
  std::unordered_map<std::int64_t, Item> by_id;
  while (st.fetch()) {
    Item i = row.finish();
    by_id.emplace(i.id, std::move(i));
  }
  for (auto id : ids)
    if (auto it = by_id.find(id); it != by_id.end()) out.push_back(it->second);
  return out;
}

std::vector<Revision> Store::revisions(soci::session& s, std::int64_t content_id) const {
  std::vector<Revision> out;
  Revision r;
  soci::statement st =
      (s.prepare << "SELECT id, revision, editor_id, title, summary, body, created_at FROM content_revisions"
                    " WHERE content_id = :c ORDER BY revision DESC",
       soci::use(content_id, "c"), soci::into(r.id), soci::into(r.revision), soci::into(r.editor_id),
       soci::into(r.title), soci::into(r.summary), soci::into(r.body), soci::into(r.created_at));
  st.execute();
  while (st.fetch()) {
    Revision x = r;
    x.content_id = content_id;
    out.push_back(x);
  }
  return out;
}

void Store::set_hidden(soci::session& s, std::int64_t id, bool hidden, std::string_view reason,
                       std::int64_t actor_id) const {
  const auto before = events_ ? item(s, id) : std::nullopt;
  const std::int64_t h = hidden ? 1 : 0;
  const std::string r(hidden ? reason : std::string_view());
  s << "UPDATE content SET hidden = :h, hidden_reason = :r WHERE id = :id", soci::use(h, "h"), soci::use(r, "r"),
      soci::use(id, "id");
  if (before && before->hidden != hidden) events_out::item(events_, s, hidden ? "hidden" : "unhidden", *before, actor_id);
}

}  // namespace qt::content
