#pragma once
// Reports and moderation. Anyone signed in reports an item, a comment or a person with a reason
// (once per target: the threshold counts distinct people). When `threshold` distinct people
// have open reports on an item or comment, it is hidden until a moderator reviews it.
// Moderators (role moderator/admin) hide, unhide, delete, warn, suspend, unsuspend or dismiss,
// always with a reason the affected person is told; every action lands in moderation_log.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>
#include <soci/soci.h>

#include "domain/content/store.hpp"
#include "domain/notify/notifier.hpp"
#include "platform/db/database.hpp"

namespace qt::moderation {

inline constexpr const char* kAutoHideReason = "reported";  // hidden_reason set by the threshold

struct ReportInput {
  std::string target_type;  // "content", "comment", "user"
  std::int64_t target_id = 0;
  std::string reason;       // spam, abuse, hate, misinformation, illegal, privacy, other
  std::string details;      // optional free text, at most 2000 characters
};

struct ReportResult {
  std::int64_t id = 0;
  bool hidden_now = false;  // this report crossed the threshold
};

struct Report {
  std::int64_t id = 0;
  std::string target_type;
  std::int64_t target_id = 0;
  std::int64_t content_id = 0;
  std::int64_t subject_user_id = 0;
  std::optional<std::int64_t> neighbourhood_id;
  std::int64_t reporter_id = 0;
  std::string reason;
  std::string details;
  std::string status;
  std::int64_t created_at = 0;
  std::string resolution;
};
boost::json::value to_json(const Report& r);

struct LogEntry {
  std::int64_t id = 0;
  std::int64_t moderator_id = 0;
  std::string action;
  std::string target_type;
  std::int64_t target_id = 0;
  std::int64_t subject_user_id = 0;
  std::string reason;
  std::int64_t created_at = 0;
};
boost::json::value to_json(const LogEntry& e);

class Moderation {
 public:
  Moderation(db::Database& db, const content::Store& store, const notify::Notifier& notifier, int threshold)
      : db_(db), store_(store), notifier_(notifier), threshold_(threshold < 1 ? 1 : threshold) {}

  // Distinct reporters that hide an item: the admin's run-time setting (instance_settings key
  // "moderation.report_threshold"), else the default given at construction.
  int threshold(soci::session& s) const;
  void set_threshold(soci::session& s, const content::Viewer& v, int threshold) const;  // admins, 1..100

  // 404 if the reporter may not see the target; 409 if they already reported it.
  ReportResult report(const content::Viewer& v, const ReportInput& in) const;

  // Moderators: reports newest first (status "open" by default), optionally of one neighbourhood.
  std::vector<Report> queue(soci::session& s, const content::Viewer& v, std::string_view status,
                            std::optional<std::int64_t> neighbourhood_id, std::int64_t before, int limit) const;

  // action: hide | unhide | delete (content, comment); warn | suspend | unsuspend (user, or the
  // author of a content/comment target); dismiss (content, comment, user: closes the open reports
  // and lifts a threshold hide). Reason required except for unhide/unsuspend/dismiss.
  void act(const content::Viewer& v, std::string_view action, std::string_view target_type, std::int64_t target_id,
           std::string_view reason) const;

  // Moderation in a plugin's own container (ABI 1.1: a group's managers handle reports about
  // its content; the plugin decided who may act). The open reports on its content and comments:
  std::vector<Report> open_reports_in(soci::session& s, std::int64_t container_id) const;
  // hide | unhide | delete | dismiss on a content item or comment of that container, with the
  // same steps as act() (reports closed, moderation_log, the author told), on the caller's
  // session inside its transaction. Returns the notification to deliver after commit (0 = none).
  std::int64_t act_in_container(soci::session& s, std::int64_t container_id, std::int64_t moderator,
                                std::string_view action, std::string_view type, std::int64_t target,
                                std::string_view reason, std::string_view plugin) const;

  std::vector<LogEntry> log(soci::session& s, const content::Viewer& v, std::optional<std::int64_t> subject,
                            std::int64_t before, int limit) const;

 private:
  // Hides a content/comment target once `threshold` distinct people have open reports on it
  // (until a moderator reviews it) and tells the author; true if it hid it now.
  bool hide_at_threshold(soci::session& s, const ReportInput& in, std::int64_t content_id, std::int64_t subject,
                         std::vector<std::int64_t>& notes) const;
  // hide | unhide | delete | dismiss on a content item or a comment (content_id: its item).
  void act_on_text(soci::session& s, std::int64_t moderator, std::string_view action, std::string_view type,
                   std::int64_t target, std::int64_t content_id, const std::string& reason) const;

  // Everyone whose report on the target this decision closed (reports resolved by `moderator`
  // since `since`) hears the outcome: "dismiss" when it was found fine (or shown again),
  // "report_resolved" when the moderators acted. Neither the reason nor the person concerned is named to them.
  void tell_reporters(soci::session& s, std::string_view type, std::int64_t target, std::int64_t moderator,
                      std::int64_t since, std::vector<std::int64_t>& notes) const;

  db::Database& db_;
  const content::Store& store_;
  const notify::Notifier& notifier_;
  int threshold_;
};

}  // namespace qt::moderation
