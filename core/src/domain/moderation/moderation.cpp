#include "domain/moderation/moderation.hpp"

#include <algorithm>
#include <array>
#include <limits>

#include <boost/json.hpp>

#include "domain/errors/error.hpp"
#include "domain/content/events.hpp"
#include "domain/content/images.hpp"
#include "platform/db/row_reader.hpp"
#include "platform/db/transaction.hpp"

namespace qt::moderation {

using content::Viewer;

namespace {

constexpr std::array<std::string_view, 7> kReasons = {"spam", "abuse", "hate", "misinformation", "illegal", "privacy", "other"};

void require_moderator(const Viewer& v) {
  if (!v.moderator())
    throw domain::Error(domain::ErrorKind::denied, "forbidden", "Nur Moderator:innen dürfen das. / Only moderators may do this.");
}

void write_log(soci::session& s, std::int64_t moderator, std::string_view action, std::string_view type,
               std::int64_t target, std::int64_t subject, std::string_view reason) {
  const std::string a(action), ty(type), r(reason);
  const std::int64_t t = content::now_ms();
  s << "INSERT INTO moderation_log (moderator_id, action, target_type, target_id, subject_user_id, reason, created_at)"
       " VALUES (:m, :a, :ty, :tid, :s, :r, :t)",
      soci::use(moderator, "m"), soci::use(a, "a"), soci::use(ty, "ty"), soci::use(target, "tid"),
      soci::use(subject, "s"), soci::use(r, "r"), soci::use(t, "t");
}

void close_reports(soci::session& s, std::string_view type, std::int64_t target, std::int64_t by,
                   std::string_view status, std::string_view resolution) {
  const std::string ty(type), st(status), res(resolution);
  const std::int64_t t = content::now_ms();
  s << "UPDATE reports SET status = :st, resolved_at = :t, resolved_by = :by, resolution = :res"
       " WHERE target_type = :ty AND target_id = :tid AND status = 'open'",
      soci::use(st, "st"), soci::use(t, "t"), soci::use(by, "by"), soci::use(res, "res"), soci::use(ty, "ty"),
      soci::use(target, "tid");
}

struct CommentRow {
  std::int64_t content_id = 0, author = 0, hidden = 0;
  std::string hidden_reason;
  bool found = false;
};
CommentRow comment_row(soci::session& s, std::int64_t id) {
  CommentRow r;
  s << "SELECT content_id, author_id, hidden, hidden_reason FROM comments WHERE id = :id AND deleted_at IS NULL",
      soci::use(id, "id"), soci::into(r.content_id), soci::into(r.author), soci::into(r.hidden),
      soci::into(r.hidden_reason);
  r.found = s.got_data();
  return r;
}

}  // namespace

boost::json::value to_json(const Report& r) {
  boost::json::object o{{"id", r.id},
                        {"target_type", r.target_type},
                        {"target_id", r.target_id},
                        {"content_id", r.content_id},
                        {"subject_user_id", r.subject_user_id},
                        {"reporter_id", r.reporter_id},
                        {"reason", r.reason},
                        {"details", r.details},
                        {"status", r.status},
                        {"created_at", r.created_at},
                        {"resolution", r.resolution}};
  if (r.neighbourhood_id) o["neighbourhood_id"] = *r.neighbourhood_id;
  else o["neighbourhood_id"] = nullptr;
  return o;
}

boost::json::value to_json(const LogEntry& e) {
  return boost::json::object{{"id", e.id},           {"moderator_id", e.moderator_id},
                             {"action", e.action},   {"target_type", e.target_type},
                             {"target_id", e.target_id}, {"subject_user_id", e.subject_user_id},
                             {"reason", e.reason},   {"created_at", e.created_at}};
}

int Moderation::threshold(soci::session& s) const {
  std::string value;
  s << "SELECT value FROM instance_settings WHERE key = 'moderation.report_threshold'", soci::into(value);
  if (!s.got_data()) return threshold_;
  try {
    const int n = std::stoi(value);
    return n >= 1 && n <= 100 ? n : threshold_;
  } catch (const std::exception&) {
    return threshold_;
  }
}

void Moderation::set_threshold(soci::session& s, const Viewer& v, int threshold) const {
  if (v.role != Role::admin) throw domain::Error(domain::ErrorKind::denied, "forbidden", "Nur Administrator:innen dürfen das. / Only admins may do this.");
  if (threshold < 1 || threshold > 100)
    throw domain::Error(domain::ErrorKind::invalid, "invalid_threshold", "Die Schwelle muss zwischen 1 und 100 liegen. / The threshold must be from 1 to 100.");
  const std::string value = std::to_string(threshold);
  const std::int64_t t = content::now_ms();
  s << "INSERT INTO instance_settings (key, value, updated_at) VALUES ('moderation.report_threshold', :v, :t)"
       " ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
      soci::use(value, "v"), soci::use(t, "t");
}

namespace {

struct ReportTarget {
  std::int64_t content_id = 0;  // the item (of a content or comment target)
  std::int64_t subject = 0;     // the person reported, or the author
  std::optional<std::int64_t> neighbourhood_id;
};

void check_report(const Viewer& v, const ReportInput& in) {
  if (!v.signed_in()) throw domain::Error(domain::ErrorKind::unauthenticated, "unauthenticated", "Bitte anmelden. / Please sign in.");
  if (std::find(kReasons.begin(), kReasons.end(), in.reason) == kReasons.end())
    throw domain::Error(domain::ErrorKind::invalid, "invalid_reason",
                          "Grund: spam, abuse, hate, misinformation, illegal, privacy oder other. / Reason must be one of spam, abuse, hate, misinformation, illegal, privacy, other.");
  if (in.details.size() > 2000) throw domain::Error(domain::ErrorKind::invalid, "invalid_details", "Details may have at most 2000 characters.");
}

// What the reporter may see of the target; 404 for anything else, so a report reveals nothing.
ReportTarget locate_report_target(soci::session& s, const content::Store& store, const Viewer& v, const ReportInput& in) {
  const auto not_found = [] {
    return domain::Error(domain::ErrorKind::not_found, "not_found", "Das Gemeldete gibt es nicht (mehr). / What you report does not exist (any more).");
  };
  ReportTarget out;
  if (in.target_type == "content" || in.target_type == "comment") {
    if (in.target_type == "content") {
      out.content_id = in.target_id;
    } else {
      auto c = comment_row(s, in.target_id);
      if (!c.found) throw not_found();
      out.content_id = c.content_id;
      out.subject = c.author;
    }
    auto item = store.item(s, out.content_id);
    if (!item || !store.can_read(s, v, *item)) throw not_found();
    if (in.target_type == "content") out.subject = item->author_id;
    if (auto c = store.container(s, item->container_id)) out.neighbourhood_id = c->neighbourhood_id;
  } else if (in.target_type == "user") {
    std::int64_t unb = 0;
    soci::indicator ind = soci::i_null;
    s << "SELECT neighbourhood_id FROM users WHERE id = :u AND status <> 'deleted'", soci::use(in.target_id, "u"),
        soci::into(unb, ind);
    if (!s.got_data()) throw not_found();
    out.subject = in.target_id;
    if (ind == soci::i_ok) out.neighbourhood_id = unb;
  } else {
    throw domain::Error(domain::ErrorKind::invalid, "invalid_target", "target_type must be content, comment or user.");
  }
  return out;
}

// One report per person and target: the threshold counts distinct people.
std::int64_t insert_report(soci::session& s, const Viewer& v, const ReportInput& in, const ReportTarget& target) {
  if (target.subject == v.user_id) throw domain::Error(domain::ErrorKind::invalid, "own_content", "Eigene Inhalte können Sie löschen statt melden. / Delete your own content instead of reporting it.");
  std::int64_t dup = 0;
  s << "SELECT id FROM reports WHERE target_type = :ty AND target_id = :t AND reporter_id = :r",
      soci::use(in.target_type, "ty"), soci::use(in.target_id, "t"), soci::use(v.user_id, "r"), soci::into(dup);
  if (s.got_data()) throw domain::Error(domain::ErrorKind::conflict, "already_reported", "Sie haben das bereits gemeldet. / You have already reported this.");
  std::int64_t nbv = target.neighbourhood_id.value_or(0), id = 0;
  soci::indicator nb_ind = target.neighbourhood_id ? soci::i_ok : soci::i_null;
  const std::int64_t t = content::now_ms();
  s << "INSERT INTO reports (target_type, target_id, content_id, subject_user_id, neighbourhood_id, reporter_id,"
       " reason, details, created_at) VALUES (:ty, :tid, :c, :s, :nb, :r, :reason, :d, :t) RETURNING id",
      soci::use(in.target_type, "ty"), soci::use(in.target_id, "tid"), soci::use(target.content_id, "c"),
      soci::use(target.subject, "s"), soci::use(nbv, nb_ind, "nb"), soci::use(v.user_id, "r"),
      soci::use(in.reason, "reason"), soci::use(in.details, "d"), soci::use(t, "t"), soci::into(id);
  return id;
}

}  // namespace

bool Moderation::hide_at_threshold(soci::session& s, const ReportInput& in, std::int64_t content_id,
                                   std::int64_t subject, std::vector<std::int64_t>& notes) const {
  std::int64_t reporters = 0;
  s << "SELECT COUNT(DISTINCT reporter_id) FROM reports WHERE target_type = :ty AND target_id = :t AND status = 'open'",
      soci::use(in.target_type, "ty"), soci::use(in.target_id, "t"), soci::into(reporters);
  const bool hidden = in.target_type == "content" ? store_.require_item(s, content_id).hidden
                                                  : comment_row(s, in.target_id).hidden != 0;
  if (hidden || reporters < threshold(s)) return false;
  if (in.target_type == "content") {
    store_.set_hidden(s, content_id, true, kAutoHideReason);
  } else {
    const std::string r = kAutoHideReason;
    s << "UPDATE comments SET hidden = 1, hidden_reason = :r WHERE id = :id", soci::use(r, "r"),
        soci::use(in.target_id, "id");
  }
  write_log(s, 0, "auto_hide", in.target_type, in.target_id, subject, std::to_string(reporters) + " distinct reports");
  notify::NewNotification n;
  n.user_id = subject;
  n.kind = "moderation";
  n.payload = {{"action", "auto_hide"}, {"target_type", in.target_type}, {"target_id", in.target_id},
               {"reason", "Mehrfach gemeldet; bis zur Prüfung ausgeblendet. / Reported several times; hidden until reviewed."}};
  n.link = "/content/" + std::to_string(content_id);
  if (auto id = notifier_.store(s, n)) notes.push_back(id);
  return true;
}

ReportResult Moderation::report(const Viewer& v, const ReportInput& in) const {
  check_report(v, in);
  ReportResult out;
  std::vector<std::int64_t> notes;
  {
    auto lease = db_.write();
    auto& s = *lease;
    db::Transaction tx(s);
    const auto target = locate_report_target(s, store_, v, in);
    out.id = insert_report(s, v, in, target);
    if (in.target_type != "user") out.hidden_now = hide_at_threshold(s, in, target.content_id, target.subject, notes);
    tx.commit();
  }
  notifier_.deliver(notes);
  return out;
}

std::vector<Report> Moderation::queue(soci::session& s, const Viewer& v, std::string_view status,
                                      std::optional<std::int64_t> neighbourhood_id, std::int64_t before,
                                      int limit) const {
  require_moderator(v);
  const std::string st_want = status.empty() ? std::string("open") : std::string(status);
  if (st_want != "open" && st_want != "resolved" && st_want != "dismissed")
    throw domain::Error(domain::ErrorKind::invalid, "invalid_status", "status must be open, resolved or dismissed.");
  const std::int64_t b = before > 0 ? before : std::numeric_limits<std::int64_t>::max();
  const std::int64_t lim = std::clamp(limit, 1, 100);
  const std::int64_t nb = neighbourhood_id.value_or(0);
  const std::int64_t any_nb = neighbourhood_id ? 0 : 1;
  std::vector<Report> out;
  Report r;
  std::int64_t rnb = 0;
  soci::indicator nb_ind = soci::i_null;
  soci::statement st =
      (s.prepare << "SELECT id, target_type, target_id, content_id, subject_user_id, neighbourhood_id, reporter_id,"
                    " reason, details, status, created_at, resolution FROM reports"
                    " WHERE status = :st AND id < :b AND (:any = 1 OR neighbourhood_id = :nb)"
                    " ORDER BY id DESC LIMIT :lim",
       soci::use(st_want, "st"), soci::use(b, "b"), soci::use(any_nb, "any"), soci::use(nb, "nb"),
       soci::use(lim, "lim"), soci::into(r.id), soci::into(r.target_type), soci::into(r.target_id),
       soci::into(r.content_id), soci::into(r.subject_user_id), soci::into(rnb, nb_ind), soci::into(r.reporter_id),
       soci::into(r.reason), soci::into(r.details), soci::into(r.status), soci::into(r.created_at),
       soci::into(r.resolution));
  st.execute();
  while (st.fetch()) {
    Report x = r;
    x.neighbourhood_id = nb_ind == soci::i_ok ? std::optional<std::int64_t>(rnb) : std::nullopt;
    out.push_back(std::move(x));
  }
  return out;
}

namespace {

struct Subject {
  std::int64_t user = 0;        // the person the action is about (author of a content/comment target)
  std::int64_t content_id = 0;  // the item of a content/comment target
};

Subject locate_target(soci::session& s, const content::Store& store, std::string_view type, std::int64_t target) {
  const auto not_found = [] {
    return domain::Error(domain::ErrorKind::not_found, "not_found",
                         "Das Ziel gibt es nicht (mehr). / The target does not exist (any more).");
  };
  if (type == "content") {
    auto item = store.item(s, target);
    if (!item || item->deleted_at) throw not_found();
    return {item->author_id, target};
  }
  if (type == "comment") {
    auto c = comment_row(s, target);
    if (!c.found) throw not_found();
    return {c.author, c.content_id};
  }
  std::string status;
  s << "SELECT status FROM users WHERE id = :u", soci::use(target, "u"), soci::into(status);
  if (!s.got_data() || status == "deleted") throw not_found();
  return {target, 0};
}

// warn | suspend | unsuspend: about the person behind the target.
void act_on_person(soci::session& s, const Viewer& v, std::string_view action, std::string_view type,
                   std::int64_t target, std::int64_t subject) {
  if (action == "warn") {
    close_reports(s, type, target, v.user_id, "resolved", "warn");
    return;
  }
  if (subject == v.user_id) throw domain::Error(domain::ErrorKind::invalid, "self", "You cannot suspend yourself.");
  std::string subject_role;
  s << "SELECT role FROM users WHERE id = :u", soci::use(subject, "u"), soci::into(subject_role);
  if ((subject_role == "admin" || subject_role == "moderator") && v.role != Role::admin)
    throw domain::Error(domain::ErrorKind::denied, "forbidden",
                        "Moderator:innen und Admins sperrt nur ein Admin. / Only an admin suspends moderators and admins.");
  const std::string from = action == "suspend" ? "active" : "suspended";
  const std::string to = action == "suspend" ? "suspended" : "active";
  const std::int64_t t = content::now_ms();
  s << "UPDATE users SET status = :to, updated_at = :t WHERE id = :u AND status = :from", soci::use(to, "to"),
      soci::use(t, "t"), soci::use(subject, "u"), soci::use(from, "from");
  if (action == "suspend") close_reports(s, type, target, v.user_id, "resolved", "suspend");
}

void check_action(std::string_view action, std::string_view type, const std::string& reason) {
  const bool needs_reason = action == "hide" || action == "delete" || action == "warn" || action == "suspend";
  if (needs_reason && reason.empty())
    throw domain::Error(domain::ErrorKind::invalid, "reason_required",
                        "Bitte einen Grund angeben; die betroffene Person sieht ihn. / Give a reason; the person affected sees it.");
  if (reason.size() > 2000)
    throw domain::Error(domain::ErrorKind::invalid, "invalid_reason", "The reason may have at most 2000 characters.");
  if (type != "content" && type != "comment" && type != "user")
    throw domain::Error(domain::ErrorKind::invalid, "invalid_target", "target_type must be content, comment or user.");
  if (action != "hide" && action != "unhide" && action != "delete" && action != "warn" && action != "suspend" &&
      action != "unsuspend" && action != "dismiss")
    throw domain::Error(domain::ErrorKind::invalid, "invalid_action",
                        "action must be hide, unhide, delete, warn, suspend, unsuspend or dismiss.");
}

}  // namespace

void Moderation::act(const Viewer& v, std::string_view action, std::string_view type, std::int64_t target,
                     std::string_view reason_in) const {
  require_moderator(v);
  const std::string reason(reason_in);
  check_action(action, type, reason);
  const bool on_text = type == "content" || type == "comment";
  std::vector<std::int64_t> notes;
  {
    auto lease = db_.write();
    auto& s = *lease;
    db::Transaction tx(s);
    const std::int64_t started = content::now_ms();
    const auto subject = locate_target(s, store_, type, target);
    if (action == "hide" || action == "unhide" || action == "delete") {
      if (!on_text)
        throw domain::Error(domain::ErrorKind::invalid, "invalid_action",
                            action == "delete" ? "Only content and comments can be deleted; suspend a person instead."
                                               : "Only content and comments can be hidden.");
      act_on_text(s, v.user_id, action, type, target, subject.content_id, reason);
    } else if (action == "dismiss") {
      if (on_text) act_on_text(s, v.user_id, action, type, target, subject.content_id, reason);
      else close_reports(s, type, target, v.user_id, "dismissed", "dismiss");
    } else {
      act_on_person(s, v, action, type, target, subject.user);
    }
    write_log(s, v.user_id, action, type, target, subject.user, reason);
    if (action != "dismiss") {
      notify::NewNotification n;
      n.user_id = subject.user;
      n.kind = "moderation";
      n.actor_id = 0;  // moderators act for the platform; they are not named to the person
      n.payload = {{"action", action}, {"target_type", type}, {"target_id", target}, {"reason", reason}};
      n.link = subject.content_id ? "/content/" + std::to_string(subject.content_id) : "/me";
      if (auto id = notifier_.store(s, n)) notes.push_back(id);
    }
    tell_reporters(s, type, target, v.user_id, started, notes);
    tx.commit();
  }
  notifier_.deliver(notes);
}

void Moderation::tell_reporters(soci::session& s, std::string_view type, std::int64_t target, std::int64_t moderator,
                                std::int64_t since, std::vector<std::int64_t>& notes) const {
  std::vector<std::pair<std::int64_t, std::string>> reporters;  // id, status
  {
    db::RowReader r(s, "SELECT reporter_id, MIN(status) FROM reports WHERE target_type = :ty AND target_id = :tid"
                       " AND resolved_by = :m AND resolved_at >= :since AND status <> 'open' GROUP BY reporter_id");
    r.bind(type).bind(target).bind(moderator).bind(since);
    while (r.next()) reporters.emplace_back(r.i64(0), std::string(r.text(1)));
  }
  for (const auto& [reporter, status] : reporters) {
    if (reporter == moderator) continue;
    notify::NewNotification n;
    n.user_id = reporter;
    n.kind = "moderation";
    n.actor_id = 0;
    n.payload = {{"action", status == "dismissed" ? "dismiss" : "report_resolved"}, {"target_type", type}};
    n.link = "/notifications";
    if (auto id = notifier_.store(s, n)) notes.push_back(id);
  }
}

void Moderation::act_on_text(soci::session& s, std::int64_t moderator, std::string_view action, std::string_view type,
                             std::int64_t target, std::int64_t content_id, const std::string& reason) const {
  if (action == "hide" || action == "unhide") {
    const bool hide = action == "hide";
    if (type == "content") {
      store_.set_hidden(s, target, hide, reason, moderator);
    } else {
      const std::int64_t h = hide ? 1 : 0;
      const std::string r = hide ? reason : std::string();
      s << "UPDATE comments SET hidden = :h, hidden_reason = :r WHERE id = :id", soci::use(h, "h"), soci::use(r, "r"),
          soci::use(target, "id");
    }
    close_reports(s, type, target, moderator, hide ? "resolved" : "dismissed", action);
  } else if (action == "delete") {
    if (type == "content") {
      store_.delete_item(s, target, moderator);
    } else {
      const auto row = comment_row(s, target);
      const std::int64_t t = content::now_ms();
      s << "UPDATE comments SET deleted_at = :t, body = '', body_html = '' WHERE id = :id", soci::use(t, "t"),
          soci::use(target, "id");
      s << "UPDATE content SET comment_count = comment_count - 1 WHERE id = :c AND comment_count > 0",
          soci::use(content_id, "c");
      if (const auto* images = store_.images()) images->drop(s, {0, target});  // files after the commit
      if (row.found)
        content::events_out::comment(store_.events(), s, "deleted", target, store_.require_item(s, row.content_id),
                                     row.author, moderator);
    }
    close_reports(s, type, target, moderator, "resolved", "delete");
  } else {  // dismiss: reviewed and fine, so a threshold hide ("until reviewed") is lifted
    close_reports(s, type, target, moderator, "dismissed", "dismiss");
    if (type == "content") {
      auto item = store_.require_item(s, target);
      if (item.hidden && item.hidden_reason == kAutoHideReason) store_.set_hidden(s, target, false, "", moderator);
    } else {
      const std::string r = kAutoHideReason;
      s << "UPDATE comments SET hidden = 0, hidden_reason = '' WHERE id = :id AND hidden_reason = :r",
          soci::use(target, "id"), soci::use(r, "r");
    }
  }
}

std::vector<Report> Moderation::open_reports_in(soci::session& s, std::int64_t container_id) const {
  std::vector<Report> out;
  Report r;
  soci::statement st =
      (s.prepare << "SELECT r.id, r.target_type, r.target_id, r.content_id, r.subject_user_id, r.reason, r.details,"
                    " r.created_at FROM reports r JOIN content c ON c.id = r.content_id"
                    " WHERE c.container_id = :c AND r.status = 'open' AND r.target_type IN ('content', 'comment')"
                    " ORDER BY r.id LIMIT 500",
       soci::use(container_id, "c"), soci::into(r.id), soci::into(r.target_type), soci::into(r.target_id),
       soci::into(r.content_id), soci::into(r.subject_user_id), soci::into(r.reason), soci::into(r.details),
       soci::into(r.created_at));
  st.execute();
  while (st.fetch()) out.push_back(r);
  return out;
}

namespace {

void check_container_action(std::string_view action, std::string_view type, std::int64_t moderator,
                            std::string_view reason) {
  const auto invalid = [](const std::string& m) { return domain::Error(domain::ErrorKind::invalid, "invalid", m); };
  if (action != "hide" && action != "unhide" && action != "delete" && action != "dismiss")
    throw invalid("action must be hide, unhide, delete or dismiss");
  if (type != "content" && type != "comment") throw invalid("target_type must be content or comment");
  if ((action == "hide" || action == "delete") && reason.empty())
    throw invalid("a reason is required for hide and delete (the author is told)");
  if (reason.size() > 2000) throw invalid("the reason may have at most 2000 bytes");
  if (moderator <= 0) throw invalid("moderator_id must name the person acting");
}

}  // namespace

std::int64_t Moderation::act_in_container(soci::session& s, std::int64_t container_id, std::int64_t moderator,
                                          std::string_view action, std::string_view type, std::int64_t target,
                                          std::string_view reason_in, std::string_view plugin) const {
  check_container_action(action, type, moderator, reason_in);
  const std::string reason(reason_in);
  const auto not_found = [](const std::string& m) { return domain::Error(domain::ErrorKind::not_found, "not_found", m); };
  std::int64_t content_id = target, subject = 0;
  if (type == "comment") {
    auto c = comment_row(s, target);
    if (!c.found) throw not_found("no comment " + std::to_string(target));
    content_id = c.content_id;
    subject = c.author;
  }
  auto item = store_.item(s, content_id);
  if (!item || item->deleted_at) throw not_found("no content item " + std::to_string(content_id));
  if (item->container_id != container_id)
    throw not_found("content item " + std::to_string(content_id) + " is not in container " + std::to_string(container_id));
  if (type == "content") subject = item->author_id;
  act_on_text(s, moderator, action, type, target, content_id, reason);
  write_log(s, moderator, action, type, target, subject, reason);
  if (action == "dismiss" || subject == 0) return 0;
  notify::NewNotification n;
  n.user_id = subject;
  n.kind = "moderation";
  n.actor_id = 0;  // as for site moderators: they act for the platform and are not named
  n.payload = {{"action", action}, {"target_type", type}, {"target_id", target}, {"reason", reason}, {"plugin", plugin}};
  n.link = "/content/" + std::to_string(content_id);
  return notifier_.store(s, n);
}

std::vector<LogEntry> Moderation::log(soci::session& s, const Viewer& v, std::optional<std::int64_t> subject,
                                      std::int64_t before, int limit) const {
  require_moderator(v);
  const std::int64_t b = before > 0 ? before : std::numeric_limits<std::int64_t>::max();
  const std::int64_t lim = std::clamp(limit, 1, 200);
  const std::int64_t sub = subject.value_or(0), any = subject ? 0 : 1;
  std::vector<LogEntry> out;
  LogEntry e;
  soci::statement st =
      (s.prepare << "SELECT id, moderator_id, action, target_type, target_id, subject_user_id, reason, created_at"
                    " FROM moderation_log WHERE id < :b AND (:any = 1 OR subject_user_id = :s) ORDER BY id DESC LIMIT :lim",
       soci::use(b, "b"), soci::use(any, "any"), soci::use(sub, "s"), soci::use(lim, "lim"), soci::into(e.id),
       soci::into(e.moderator_id), soci::into(e.action), soci::into(e.target_type), soci::into(e.target_id),
       soci::into(e.subject_user_id), soci::into(e.reason), soci::into(e.created_at));
  st.execute();
  while (st.fetch()) out.push_back(e);
  return out;
}

}  // namespace qt::moderation
