#pragma once
// What this node knows about its own signalling connections (signal.cpp, signal_messages.cpp).
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include <boost/json.hpp>

namespace video {

struct Participant {
  std::int64_t room_id = 0;
  std::int64_t user_id = 0;  // 0 = a guest
  int role = 0;
  std::string name;
  bool host = false;
  bool waiting = false;  // in the lobby until a host admits (lobby.hpp)
  std::int64_t sfu_id = 0;  // sfu rooms: the participant's id in Janus (sfu.hpp)
  std::string sfu_token = {};  // sfu rooms: the participant's Janus token (token store and the room's allowed list)
  std::int64_t window_start = 0;  // flood limit: frames in the current second
  int frames = 0;
  int bad_frames = 0;
};

class Participants {
 public:
  void add(std::uint64_t conn, Participant p);
  std::optional<Participant> take(std::uint64_t conn);
  std::optional<Participant> get(std::uint64_t conn);
  // Counts a frame; false when the connection sent more than `per_second` in this second.
  bool count_frame(std::uint64_t conn, std::int64_t now, int per_second);
  // Counts a malformed frame; returns how many so far.
  int count_bad(std::uint64_t conn);
  std::vector<std::uint64_t> all();

 private:
  std::mutex mu_;
  std::unordered_map<std::uint64_t, Participant> by_conn_;
};

Participants& participants_here();
std::string room_key(std::int64_t room_id);  // the host room name: "room:<id>"
void send_to(std::uint64_t conn, const boost::json::object& frame);
void send_room(std::int64_t room_id, const boost::json::object& frame, std::uint64_t except = 0);
void send_error(std::uint64_t conn, std::string_view code, std::string_view message);
// Handles one frame of a participant (signal_messages.cpp).
void handle_frame(std::uint64_t conn, const Participant& p, std::string_view text);

}  // namespace video
