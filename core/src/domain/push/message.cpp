#include "domain/push/message.hpp"

#include <boost/json.hpp>

namespace qt::push {
namespace {

constexpr std::size_t kMaxText = 300;

// At most kMaxText bytes, cut at a UTF-8 character boundary, with an ellipsis when cut.
std::string shortened(std::string s) {
  if (s.size() <= kMaxText) return s;
  std::size_t cut = kMaxText;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  s.resize(cut);
  return s + "…";
}

std::string text_of(const boost::json::object& payload, const char* key) {
  const auto* v = payload.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

std::string title_for(const notify::Notification& n, const std::string& actor, bool en) {
  const std::string who = actor.empty() ? (en ? "Someone" : "Jemand") : actor;
  if (n.urgency == notify::Urgency::urgent) {
    const std::string title = text_of(n.payload, "title");
    return (en ? "Urgent: " : "Dringend: ") + (title.empty() ? (en ? "announcement" : "Bekanntmachung") : title);
  }
  if (n.kind == "mention") return who + (en ? " mentioned you" : " hat Sie erwähnt");
  if (n.kind == "reply") return who + (en ? " replied to your comment" : " hat auf Ihren Kommentar geantwortet");
  if (n.kind == "comment") return who + (en ? " commented on your post" : " hat Ihren Beitrag kommentiert");
  return en ? "New notification" : "Neue Benachrichtigung";
}

std::string body_for(const notify::Notification& n, const notify::Context& context) {
  if (n.urgency == notify::Urgency::urgent) return text_of(n.payload, "summary");
  std::string body = text_of(n.payload, "title");
  if (body.empty()) body = text_of(n.payload, "summary");
  if (auto it = context.places.find(n.content_id); it != context.places.end() && !it->second.name.empty())
    body = "In " + it->second.name + (body.empty() ? "" : ": " + body);
  return body;
}

}  // namespace

bool wanted(const notify::Notification& n, const Topics& topics) {
  if (n.urgency == notify::Urgency::urgent) return topics.urgent;
  if (n.kind == "mention") return topics.mentions;
  if (n.kind == "reply" || n.kind == "comment") return topics.replies;
  return false;
}

std::string message_for(const notify::Notification& n, const notify::Context& context, bool english) {
  std::string actor;
  if (auto it = context.actors.find(n.actor_id); it != context.actors.end()) actor = it->second;
  boost::json::object o{{"title", shortened(title_for(n, actor, english))},
                        {"body", shortened(body_for(n, context))},
                        {"url", n.link.empty() ? std::string("/notifications") : n.link},
                        {"tag", "quartier-" + std::to_string(n.id)},
                        {"urgent", n.urgency == notify::Urgency::urgent},
                        {"lang", english ? "en" : "de"}};
  return boost::json::serialize(o);
}

}  // namespace qt::push
