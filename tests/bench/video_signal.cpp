// quartier_benchvideo: the video plugin's signalling under load. Fills R rooms with P simulated
// participants each (guests, one socket each, signalling only: no media), one join at a time,
// round by round; each newcomer sends an offer to every participant already in the room, as the
// browser does. Measures per join the time from opening the socket to the first offer relayed to
// an earlier participant; then holds every socket open for the RSS reading (it prints "holding"
// and waits for a line on stdin). Prints one JSON line with the figures.
//
// Usage: quartier_benchvideo --port P --rooms FILE (one "<slug> <token>&pass=<room pass>" per line, a line per
//        participant: rooms in order, P lines per room) --per-room P
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/json.hpp>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace ws = beast::websocket;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

struct Socket {
  std::unique_ptr<ws::stream<tcp::socket>> ws;
  std::int64_t id = 0;
};

std::string arg(int argc, char** argv, const std::string& name, const std::string& fallback = "") {
  for (int i = 1; i + 1 < argc; ++i)
    if (argv[i] == name) return argv[i + 1];
  return fallback;
}

// Reads frames until one of `type` arrives; returns it.
boost::json::object read_type(ws::stream<tcp::socket>& s, const std::string& type) {
  for (;;) {
    beast::flat_buffer buf;
    s.read(buf);
    auto v = boost::json::parse(beast::buffers_to_string(buf.data()));
    if (v.as_object().at("type").as_string() == type) return v.as_object();
  }
}

Socket join(asio::io_context& io, std::uint16_t port, const std::string& slug, const std::string& token,
            boost::json::array& peers) {
  Socket s;
  s.ws = std::make_unique<ws::stream<tcp::socket>>(io);
  s.ws->next_layer().connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  s.ws->set_option(ws::stream_base::decorator([port](ws::request_type& req) {
    req.set(beast::http::field::origin, "http://127.0.0.1:" + std::to_string(port));
  }));
  s.ws->handshake("127.0.0.1:" + std::to_string(port), "/api/p/video/signal?room=" + slug + "&guest=" + token);
  auto welcome = read_type(*s.ws, "welcome");
  s.id = welcome.at("self").at("id").as_int64();
  peers = welcome.at("peers").as_array();
  return s;
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

}  // namespace

int main(int argc, char** argv) {
  const auto port = static_cast<std::uint16_t>(std::stoi(arg(argc, argv, "--port", "0")));
  const auto per_room = static_cast<std::size_t>(std::stoi(arg(argc, argv, "--per-room", "6")));
  std::ifstream in(arg(argc, argv, "--rooms"));
  std::vector<std::pair<std::string, std::string>> lines;
  for (std::string slug, token; in >> slug >> token;) lines.emplace_back(slug, token);
  const std::size_t rooms = lines.size() / per_room;
  rlimit rl{};
  getrlimit(RLIMIT_NOFILE, &rl);
  rl.rlim_cur = rl.rlim_max;
  setrlimit(RLIMIT_NOFILE, &rl);

  asio::io_context io;
  std::vector<std::vector<Socket>> room_sockets(rooms);
  std::vector<double> join_ms;
  std::size_t errors = 0;
  std::string first_error;
  const auto started = Clock::now();
  for (std::size_t round = 0; round < per_room; ++round) {
    for (std::size_t r = 0; r < rooms; ++r) {
      try {
        const auto& [slug, token] = lines[r * per_room + round];
        const auto t0 = Clock::now();
        boost::json::array peers;
        Socket s = join(io, port, slug, token, peers);
        for (const auto& p : peers) {
          boost::json::object offer{{"type", "signal"}, {"to", p.at("id")},
                                    {"data", {{"sdp", {{"type", "offer"}, {"sdp", "v=0 bench offer"}}}}}};
          s.ws->write(asio::buffer(boost::json::serialize(offer)));
        }
        if (!peers.empty()) {
          auto& first = room_sockets[r].front();
          read_type(*first.ws, "signal");  // its offer from the newcomer (peer-joined frames come first)
          join_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
        }
        room_sockets[r].push_back(std::move(s));
      } catch (const std::exception& e) {
        ++errors;
        if (first_error.empty()) first_error = e.what();
      }
    }
  }
  const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
  std::size_t open = 0;
  for (const auto& r : room_sockets) open += r.size();
  std::cout << "holding " << open << std::endl;
  std::string line;
  std::getline(std::cin, line);  // the caller reads the server's RSS meanwhile
  boost::json::object out{{"rooms", rooms},           {"per_room", per_room},
                          {"open", open},             {"joins_measured", join_ms.size()},
                          {"p50_ms", percentile(join_ms, 0.50)}, {"p99_ms", percentile(join_ms, 0.99)},
                          {"max_ms", percentile(join_ms, 1.0)},  {"seconds", seconds},
                          {"errors", errors},         {"first_error", first_error}};
  std::cout << boost::json::serialize(out) << std::endl;
  return errors ? 1 : 0;
}
